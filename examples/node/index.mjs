// Lists this workspace's peers and delegates a task to two of them.
// Run from the repository root, after `npm run build`:
//   npx molecule-a2a dev -- node examples/node/index.mjs
import { configFromEnv, createA2AClient } from '@molecule-ai/a2a-client';

const client = createA2AClient(configFromEnv(process.env));

const { peers, diagnostic } = await client.listPeers();
if (diagnostic) {
	console.error(diagnostic);
	process.exit(1);
}
console.log(`${peers.length} peers reachable from ${client.workspaceId}:`);
for (const peer of peers) console.log(`  ${peer.name ?? '?'} (${peer.role ?? 'no role'}, ${peer.status ?? 'unknown'})  ${peer.id}`);

// Delegate by role, as an orchestrating agent would: the ids differ between organisations.
let failed = false;
for (const role of ['echo', 'research']) {
	const peer = peers.find((candidate) => candidate.role === role);
	if (!peer) {
		console.error(`no peer with the role ${role}`);
		failed = true;
		continue;
	}
	// sendText never throws: failures come back as an "[A2A_ERROR] …" string an agent can read.
	const reply = await client.sendText(peer.id, 'Summarise how a message reaches another agent.');
	console.log(`\n${peer.name} replied:\n  ${reply}`);
	failed ||= reply.startsWith('[A2A_ERROR]');
}
process.exitCode = failed ? 1 : 0;
