// Cold start of @a2a-js/sdk's client entry in a fresh process: import it and create a
// ClientFactory with its default transports (importAndCreateMs), then make a Client from an
// in-memory agent card for the loopback agent (first argument) and send one message
// (firstReplyMs, counted from before the import). Times are performance.now() deltas.
const agentUrl = globalThis.Deno?.args[0] ?? process.argv[2];
const before = performance.now();
const { ClientFactory } = await import('@a2a-js/sdk/client');
const factory = new ClientFactory();
const created = performance.now();
const card = {
	name: 'loopback',
	description: 'benchmark agent',
	version: '1.0.0',
	supportedInterfaces: [{ url: `${agentUrl}/a2a/jsonrpc`, protocolBinding: 'JSONRPC', protocolVersion: '1.0', tenant: '' }],
	capabilities: { streaming: false, pushNotifications: false, extensions: [] },
	defaultInputModes: ['text/plain'],
	defaultOutputModes: ['text/plain'],
	skills: [],
};
const client = await factory.createFromAgentCard(card);
// role 1 is Role.ROLE_USER; importing the enum would load the SDK's main entry too and charge it here.
const result = await client.sendMessage({ message: { messageId: crypto.randomUUID(), role: 1, parts: [{ content: { $case: 'text', value: 'hello' } }] } });
const replied = performance.now();
if (result.parts?.[0]?.content?.value !== 'pong') throw new Error('unexpected reply');
console.log(JSON.stringify({ importAndCreateMs: created - before, firstReplyMs: replied - before }));
