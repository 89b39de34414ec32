// 2. Single-flight: a burst of pushes from one new peer must cost the registry one lookup, not
// one per push. The Python client looks the peer up on every call; `discoverPeer` (which never
// caches) stands in for that behaviour here, against the same dev platform.
import { createA2AClient } from '@molecule-ai/a2a-client';
import { createDevPlatform, demoOrg } from '@molecule-ai/a2a-client/dev';
import { serve } from '@molecule-ai/a2a-client/node';
import { ms, spread, table } from './lib/format.mjs';
import { log, runIfMain } from './lib/main.mjs';
import { summarise } from './lib/stats.mjs';

const isDiscover = (request) => request.path.startsWith('/registry/discover/');

/** One round: a fresh platform and client, `calls` concurrent lookups of one uncached peer. */
async function burst({ calls, method, overHttp }) {
	const org = demoOrg();
	const platform = createDevPlatform({ workspaces: org.workspaces });
	const server = overHttp ? await serve(platform.fetch) : undefined;
	try {
		const client = createA2AClient({
			workspaceId: org.caller,
			platformUrl: server?.url ?? 'http://127.0.0.1:9',
			token: 'dev-token-orchestrator',
			...(server ? {} : { fetch: platform.fetch }),
		});
		const peer = org.ids.echo;
		const started = performance.now();
		// Every call is made before any of them can settle: the worst case for a cache.
		const records = await Promise.all(Array.from({ length: calls }, () => client[method](peer)));
		const elapsedMs = performance.now() - started;
		if (records.some((record) => record?.id !== peer)) throw new Error(`${method}: a lookup did not return the peer record`);
		return { requests: platform.requests.filter(isDiscover).length, elapsedMs, shared: records.every((record) => record === records[0]) };
	} finally {
		await server?.close();
	}
}

export async function run({ smoke }) {
	const calls = smoke ? 10 : 1000;
	const rounds = smoke ? 1 : 5;
	const cases = [
		{ label: '`getPeerMetadata`, dev platform in-process (its fetch handler)', method: 'getPeerMetadata', overHttp: false },
		{ label: '`getPeerMetadata`, dev platform over loopback HTTP (`serve`)', method: 'getPeerMetadata', overHttp: true },
		{ label: '`discoverPeer` (one lookup per call, as the Python client does), in-process', method: 'discoverPeer', overHttp: false },
	];
	const results = cases.map(() => []);
	for (let round = 0; round < rounds; round++) {
		for (const [index, options] of cases.entries()) results[index].push(await burst({ calls, ...options }));
		log(`single-flight round ${round + 1}/${rounds}: ${results.map((list) => list.at(-1).requests).join(' / ')} registry requests`);
	}
	const rows = cases.map((options, index) => {
		const requests = results[index].map((result) => result.requests);
		return [
			options.label,
			String(calls),
			summarise(requests).min === summarise(requests).max ? `${requests[0]} in every round` : requests.join(', '),
			results[index].every((result) => result.shared) ? 'yes' : 'no',
			spread(summarise(results[index].map((result) => result.elapsedMs)), ms),
		];
	});
	const ours = results[0].concat(results[1]).map((result) => result.requests);
	const worst = Math.max(...ours);
	const markdown = [
		`${calls} concurrent calls for one uncached peer (the demo organisation's Echo, looked up by the Orchestrator with its token), all issued before any can settle. A fresh dev platform and client in each of ${rounds} rounds; registry requests counted from the platform's request log (\`GET /registry/discover/:id\`).`,
		'',
		table(['contender', 'calls', 'registry requests', 'all callers got one shared record', 'time until all settled: median (min–max)'], rows),
	].join('\n');
	return {
		title: '2. Single-flight',
		markdown,
		targets: [{ id: 'single-flight', name: `single-flight: exactly 1 registry request for ${calls.toLocaleString('en-US')} concurrent calls`, value: worst, limit: 1, better: 'exact', shown: `${worst} (worst round of ${ours.length})` }],
		data: { results },
	};
}

await runIfMain(import.meta, run);
