import { agents, createDevPlatform } from '../../src/dev/index.js';
import type { DevPlatform, DevPlatformOptions, DevWorkspace } from '../../src/dev/index.js';
import { FakeClock } from '../helpers/fake-clock.js';

export const origin = 'http://dev.platform';

/** Readable fixed ids: `id(1)` is `00000000-0000-4000-8000-000000000001`. */
export function id(n: number): string {
	return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	/** The parsed body, `undefined` when it is not JSON. */
	json: unknown;
}

export interface SendOptions {
	method?: string;
	headers?: Record<string, string>;
	/** A string is sent as is; anything else as JSON. */
	body?: unknown;
}

export async function send(platform: DevPlatform, path: string, options: SendOptions = {}): Promise<Answer> {
	const headers = new Headers(options.headers);
	let body: string | undefined;
	if (options.body !== undefined) {
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
	}
	const method = options.method ?? (body === undefined ? 'GET' : 'POST');
	const response = await platform.fetch(new Request(origin + path, { method, headers, ...(body === undefined ? {} : { body }) }));
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text) as unknown;
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

/** A `message/send` envelope as the client sends it. */
export function messageSend(text: string, messageId = 'message-1', requestId: string | number = 'request-1'): Record<string, unknown> {
	return {
		jsonrpc: '2.0',
		id: requestId,
		method: 'message/send',
		params: { message: { role: 'user', messageId, parts: [{ kind: 'text', text }] } },
	};
}

/** Counts up: `uuid-1`, `uuid-2`, … */
export function counterUuid(): () => string {
	let next = 0;
	return () => `uuid-${++next}`;
}

export interface Setup {
	platform: DevPlatform;
	clock: FakeClock;
}

/** The admin token `setup` gives every platform: a canvas-class credential. */
export const adminToken = 'admin-token';

/** A platform on a fake clock with counting ids, fixed secrets, a fixed wall clock and the admin token. */
export function setup(workspaces: DevWorkspace[], options: Partial<DevPlatformOptions> = {}): Setup {
	const clock = new FakeClock();
	const platform = createDevPlatform({
		workspaces,
		clock,
		uuid: counterUuid(),
		mintToken: () => 'minted-token',
		mintSecret: () => 'minted-secret',
		wallClock: () => new Date('2026-05-01T12:00:00Z'),
		adminToken,
		...options,
	});
	return { platform, clock };
}

/** `Authorization` and `X-Workspace-ID` of a workspace caller. */
export function as(callerId: string, token?: string): Record<string, string> {
	return { 'X-Workspace-ID': callerId, ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) };
}

/** `Authorization: Bearer <token>` alone. */
export function bearer(token: string): Record<string, string> {
	return { Authorization: `Bearer ${token}` };
}

/** A canvas-class caller: a human holding the admin token, with no workspace claim. */
export const canvas: Record<string, string> = bearer(adminToken);

/** A caller (`tok-caller`) and its child `Slow`, whose agent answers `text` after 8 s. */
export function slowPlatform(text: string): Setup {
	return setup([
		{ id: id(1), name: 'Caller', tokens: ['tok-caller'] },
		// A child of the caller: roots are no longer siblings (addendum §1.5).
		{ id: id(2), name: 'Slow', parentId: id(1), agent: agents.slow(8000, text) },
	]);
}

/** `message/send` from the caller to `Slow`, with the caller's credential (every /a2a call needs one, addendum §1.1). */
export function postToSlow(signal: AbortSignal): Request {
	const headers = { 'Content-Type': 'application/json', Authorization: 'Bearer tok-caller' };
	return new Request(`${origin}/workspaces/${id(2)}/a2a`, { method: 'POST', headers, body: JSON.stringify(messageSend('hi')), signal });
}

/** The events but `ACTIVITY_LOGGED`, which every activity row adds (the feature tests look at their own events). */
export function withoutActivity(platform: DevPlatform): DevPlatform['events'] {
	return platform.events.filter((event) => event.event !== 'ACTIVITY_LOGGED');
}
