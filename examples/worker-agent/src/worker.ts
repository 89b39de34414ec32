// A Cloudflare Worker that is a push-mode agent: the platform POSTs each message to it, `agent.fetch`
// answers with the reply, and a Cron Trigger (`scheduled`) sends the heartbeat.
// Bindings: WORKSPACE_ID, PLATFORM_URL, MOLECULE_WORKSPACE_TOKEN, and AGENT_URL (the Worker's public
// URL; the origin of the first request when unset).
import { createAgent, type Agent } from '@molecule-ai/a2a-client/agent';

interface Env {
	WORKSPACE_ID?: string;
	PLATFORM_URL?: string;
	MOLECULE_WORKSPACE_TOKEN?: string;
	AGENT_URL?: string;
}

// One agent per isolate. The store defaults to memory, so the inbound secret register hands out lives
// as long as the isolate; a deployed Worker would pass a KV-backed `store` (see the README's "The store").
let agent: Agent | undefined;
let registration: Promise<Agent> | undefined;

function agentFor(env: Env, origin: string | undefined): Agent {
	const url = env.AGENT_URL ?? (origin === undefined ? undefined : `${origin}/a2a/inbound`);
	if (url === undefined) throw new Error('AGENT_URL is not set and there is no request to take the URL from');
	agent ??= createAgent({
		workspaceId: env.WORKSPACE_ID ?? '',
		platformUrl: env.PLATFORM_URL ?? '',
		token: env.MOLECULE_WORKSPACE_TOKEN,
		deliveryMode: 'push',
		url,
		card: { name: 'Worker agent', skills: [{ id: 'echo', name: 'Echo' }] },
		onMessage: (message) => `worker-agent heard: ${message.text}`,
	});
	return agent;
}

/** Registers once per isolate (again after a failure); the platform pushes only to registered agents. */
function registered(env: Env, origin?: string): Promise<Agent> {
	registration ??= (async () => {
		const current = agentFor(env, origin);
		await current.register();
		return current;
	})().catch((error: unknown) => {
		registration = undefined;
		throw error;
	});
	return registration;
}

const failure = (error: unknown): Response => Response.json({ error: error instanceof Error ? error.message : String(error) }, { status: 503 });

export default {
	/** `GET /`: registers if needed and says so; anything else is a push from the platform, for `agent.fetch`. */
	async fetch(request: Request, env: Env): Promise<Response> {
		let current: Agent;
		try {
			current = await registered(env, new URL(request.url).origin);
		} catch (error) {
			return failure(error);
		}
		if (request.method === 'GET' && new URL(request.url).pathname === '/') {
			return Response.json({ workspaceId: current.workspaceId, deliveryMode: current.deliveryMode, registered: true });
		}
		return current.fetch(request);
	},

	/** The Cron Trigger: one heartbeat (registering first when the isolate is new). */
	scheduled(_controller: unknown, env: Env, context: { waitUntil(promise: Promise<unknown>): void }): void {
		context.waitUntil(registered(env).then((current) => current.heartbeat()));
	},
};
