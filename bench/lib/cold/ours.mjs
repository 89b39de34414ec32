// Cold start of our client in a fresh process: import the built package by name and create a
// client (importAndCreateMs), then send one message to the loopback agent whose URL is the first
// argument (firstReplyMs, counted from before the import). Times are performance.now() deltas.
const agentUrl = globalThis.Deno?.args[0] ?? process.argv[2];
const before = performance.now();
const { createA2AClient } = await import('@molecule-ai/a2a-client');
const client = createA2AClient({ workspaceId: 'a2a00000-0000-4000-8000-000000000001', platformUrl: agentUrl, token: 'bench' });
const created = performance.now();
const outcome = await client.sendMessage('a2a00000-0000-4000-8000-000000000002', 'hello');
const replied = performance.now();
if (outcome.status !== 'replied' || outcome.text !== 'pong') throw new Error(`unexpected outcome ${outcome.status}`);
console.log(JSON.stringify({ importAndCreateMs: created - before, firstReplyMs: replied - before }));
