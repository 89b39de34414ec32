import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/dev/**/*.test.ts', 'test/reliability/**/*.test.ts', 'test/package/**/*.test.ts'],
		environment: 'node',
		testTimeout: 20_000,
		api: { host: '127.0.0.1' },
		pool: 'forks',
	},
});
