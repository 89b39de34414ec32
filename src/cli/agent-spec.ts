import { agents, type AgentHandler } from '../dev/index.js';

/** An agent behaviour in a seed file: `{ "echo": true }`, `{ "reply": "text" }`, …, or `{ "url": "http://…" }`. */
export interface AgentBehaviour {
	/** What `DevWorkspace.agent` takes: a handler run in-process, or the URL of a real A2A server. */
	agent: string | AgentHandler;
	/** A human label for the listing, used when the workspace has no `description`. */
	description: string;
}

/** A problem at `path` inside the seed file. */
export class SeedFieldError extends Error {
	override name = 'SeedFieldError';
	readonly path: string;

	constructor(path: string, problem: string) {
		super(`${path} ${problem}`);
		this.path = path;
	}
}

type Reader = (value: unknown, path: string) => AgentBehaviour;

function text(value: unknown, path: string): string {
	if (typeof value !== 'string' || value === '') throw new SeedFieldError(path, 'must be a non-empty string');
	return value;
}

function integer(value: unknown, path: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value)) throw new SeedFieldError(path, 'must be an integer');
	return value;
}

function tuple(value: unknown, path: string, lengths: readonly number[], shape: string): unknown[] {
	if (!Array.isArray(value) || !lengths.includes(value.length)) throw new SeedFieldError(path, `must be ${shape}`);
	return value;
}

const readers: Record<string, Reader> = {
	echo(value, path) {
		if (value === true) return { agent: agents.echo(), description: 'echoes the text it receives' };
		const prefix = text(value, path);
		return { agent: agents.echo(prefix), description: `echoes the text it receives after "${prefix}"` };
	},
	reply(value, path) {
		const reply = text(value, path);
		return { agent: agents.reply(reply), description: `replies "${reply}"` };
	},
	task(value, path) {
		return { agent: agents.task(text(value, path)), description: 'replies with a completed Task holding one artifact' };
	},
	jsonRpcError(value, path) {
		const [code, message] = tuple(value, path, [2], '[code, "message"]');
		const error = { code: integer(code, `${path}[0]`), message: text(message, `${path}[1]`) };
		return { agent: agents.jsonRpcError(error.code, error.message), description: `answers a JSON-RPC error ${error.code} (${error.message})` };
	},
	agentError(value, path) {
		const message = text(value, path);
		return { agent: agents.agentError(message), description: `replies "Agent error: ${message}"` };
	},
	httpStatus(value, path) {
		const [status, body] = tuple(value, path, [1, 2], '[status] or [status, body]');
		const code = integer(status, `${path}[0]`);
		if (code < 200 || code > 599) throw new SeedFieldError(`${path}[0]`, 'must be an HTTP status from 200 to 599');
		return { agent: agents.httpStatus(code, body), description: `answers HTTP ${code}` };
	},
	busy(value, path) {
		if (value !== true) throw new SeedFieldError(path, 'must be true');
		return { agent: agents.busy(), description: 'always busy: messages are queued (202)' };
	},
	url(value, path) {
		const url = text(value, path);
		if (!/^https?:\/\//.test(url) || !URL.canParse(url)) throw new SeedFieldError(path, 'must be an http(s) URL');
		return { agent: url, description: `proxies to the A2A server at ${url}` };
	},
};

/** Reads the declarative agent behaviour at `path`: an object with exactly one known key. */
export function readAgentBehaviour(value: unknown, path: string): AgentBehaviour {
	const kinds = Object.keys(readers).join(', ');
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SeedFieldError(path, `must be an object with one of: ${kinds}`);
	const entries = Object.entries(value);
	const [entry] = entries;
	if (entries.length !== 1 || entry === undefined) throw new SeedFieldError(path, `must have exactly one of: ${kinds}`);
	const [kind, setting] = entry;
	const reader = readers[kind];
	if (!reader) throw new SeedFieldError(`${path}.${kind}`, `is not an agent behaviour (expected one of: ${kinds})`);
	return reader(setting, `${path}.${kind}`);
}
