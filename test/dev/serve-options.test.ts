// Issue 9, item 7: a bad argument to the Node adapter is a ConfigError naming it, and leaves nothing listening.
import { describe, expect, test } from 'vitest';
import { serve, type ServeOptions } from '../../src/node/serve.js';

const listeners = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;
const ok = async (): Promise<Response> => new Response('ok');

describe('serve with a bad argument', () => {
	test('a handler that is not a function rejects with a ConfigError naming handler, and nothing listens', async () => {
		const before = listeners();
		await expect(serve('http://127.0.0.1:8080' as never)).rejects.toMatchObject({ name: 'ConfigError', field: 'handler' });
		expect(listeners()).toBe(before);
	});

	test.each([
		['a port above 65535', 'options.port', { port: 70_000 }],
		['a port that is a string', 'options.port', { port: '8080' }],
		['a host that is a number', 'options.host', { host: 127 }],
		['an empty host', 'options.host', { host: ' ' }],
		['options that are a string', 'options', '127.0.0.1'],
	])('%s rejects with a ConfigError naming %s, and nothing listens', async (_name, field, options) => {
		const before = listeners();
		await expect(serve(ok, options as ServeOptions)).rejects.toMatchObject({ name: 'ConfigError', field });
		expect(listeners()).toBe(before);
	});

	test('null options mean the defaults', async () => {
		const server = await serve(ok, null as never);
		try {
			expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
		} finally {
			await server.close();
		}
	});
});
