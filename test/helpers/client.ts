import { createA2AClient, type A2AClient, type A2AClientConfig, type FetchFunction } from '../../src/index.js';
import { FakeClock } from './fake-clock.js';
import { PLATFORM_URL, sequentialUuid, TOKEN, WORKSPACE_ID } from './ids.js';

export interface TestClient {
	client: A2AClient;
	clock: FakeClock;
	logs: string[];
}

/** A client on fake time with deterministic ids and jitter, logging into `logs`. */
export function testClient(fetch: FetchFunction, overrides: Partial<A2AClientConfig> = {}): TestClient {
	const clock = new FakeClock();
	const logs: string[] = [];
	const client = createA2AClient({
		workspaceId: WORKSPACE_ID,
		platformUrl: PLATFORM_URL,
		token: TOKEN,
		fetch,
		clock,
		random: () => 0.5,
		uuid: sequentialUuid(),
		logger: {
			debug: (line) => logs.push(`debug ${line}`),
			warn: (line) => logs.push(`warn ${line}`),
			error: (line) => logs.push(`error ${line}`),
		},
		...overrides,
	});
	return { client, clock, logs };
}
