// A poll-mode agent in one Deno file: it registers, reads its inbox and answers every message with
// "agent: <text>" (a peer gets the reply through the platform's proxy, a person as a notify).
// In this repository (after `npm run build`), as the demo's poll-mode Inbox workspace:
//   npm run example:deno-agent
// Flags: --messages N (stop after answering N messages), --timeout SECONDS (stop after that long).
// Without either it runs until Ctrl-C. In your own project, import from "npm:@molecule-ai/a2a-client/agent".
import { configFromEnv } from '@molecule-ai/a2a-client';
import { createAgent } from '@molecule-ai/a2a-client/agent';

/** The value of `--name N` as a positive number, `undefined` when the flag is absent. */
function flag(name: string): number | undefined {
	const index = Deno.args.indexOf(`--${name}`);
	if (index === -1) return undefined;
	const value = Number(Deno.args[index + 1]);
	if (!(value > 0)) {
		console.error(`--${name} needs a positive number, got ${Deno.args[index + 1] ?? 'nothing'}`);
		Deno.exit(2);
	}
	return value;
}

const limit = flag('messages');
const timeoutSeconds = flag('timeout');
const stop = new AbortController();
// Ctrl-C (and a test's SIGTERM) stop the agent cleanly: run() resolves once the signal aborts.
Deno.addSignalListener('SIGINT', () => stop.abort());
if (Deno.build.os !== 'windows') Deno.addSignalListener('SIGTERM', () => stop.abort());
const timer = timeoutSeconds === undefined ? undefined : setTimeout(() => stop.abort(), timeoutSeconds * 1000);

let answered = 0;
const agent = createAgent({
	...configFromEnv(Deno.env.toObject()),
	deliveryMode: 'poll',
	card: { name: 'Deno agent', skills: [{ id: 'echo', name: 'Answers every message' }] },
	// Poll every second while idle, so a message is answered quickly (the default is 5 s).
	inbox: { intervalMs: 1000 },
	onMessage: async (message) => {
		const sender = message.from === 'user' ? 'a person' : message.from === 'unknown' ? 'someone' : (message.from.name ?? message.from.id);
		console.log(`< ${sender}: ${message.text}`);
		// Replied here rather than returned, so the reply is out before a --messages limit stops the agent.
		await message.reply(`agent: ${message.text}`);
		answered += 1;
		if (limit !== undefined && answered >= limit) stop.abort();
	},
});

console.log(`Agent ${agent.workspaceId} polling its inbox${limit === undefined ? '' : ` until ${limit} messages are answered`}`);
try {
	await agent.run({ signal: stop.signal });
} finally {
	clearTimeout(timer);
}
console.log(`Answered ${answered} message${answered === 1 ? '' : 's'}`);
