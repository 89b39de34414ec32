// One "send a message, get the reply text" function per contender, all aimed at the same
// loopback agent and all checking the answer, so none can win by skipping work.
import { Role } from '@a2a-js/sdk';
import { ClientFactory, JsonRpcTransportFactory } from '@a2a-js/sdk/client';
import { createA2AClient } from '@molecule-ai/a2a-client';
import ky from 'ky';
import { callerId, peerId, token } from './fixtures.mjs';

const expectPong = (text, who) => {
	if (text !== 'pong') throw new Error(`${who}: unexpected reply ${JSON.stringify(text)}`);
};

/** Our client: `sendMessage` through the platform proxy path, default settings. */
export function ourSender(baseUrl) {
	const client = createA2AClient({ workspaceId: callerId, platformUrl: baseUrl, token });
	return async () => {
		const outcome = await client.sendMessage(peerId, 'hello');
		if (outcome.status !== 'replied') throw outcome.status === 'failed' ? outcome.error : new Error(`ours: ${outcome.status}`);
		expectPong(outcome.text, 'ours');
	};
}

/**
 * What a hand-written call looks like: the same URL, headers and JSON-RPC body (fresh ids each
 * time, as A2A requires a messageId), then `JSON.parse` of the text. No timeout, no validation.
 */
export function rawFetchSender(baseUrl) {
	const url = `${baseUrl}/workspaces/${peerId}/a2a`;
	const headers = { 'X-Workspace-ID': callerId, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
	return async () => {
		const body = JSON.stringify({
			jsonrpc: '2.0',
			id: crypto.randomUUID(),
			method: 'message/send',
			params: { message: { role: 'user', messageId: crypto.randomUUID(), parts: [{ kind: 'text', text: 'hello' }] } },
		});
		const response = await fetch(url, { method: 'POST', headers, body });
		if (!response.ok) throw new Error(`raw fetch: HTTP ${response.status}`);
		const reply = JSON.parse(await response.text());
		expectPong(reply.result?.parts?.[0]?.text, 'raw fetch');
	};
}

/**
 * The same request as `rawFetchSender`, built and sent by a bare ky call: one instance with the
 * options the transport gives ky (no retry, no ky timeout, no throw on HTTP errors, redirects not
 * followed), no signal, no hooks; the reply read with `text()` and `JSON.parse`. What ky costs on
 * its own, so `sendMessage / bare ky` is what the client adds on top of its HTTP layer.
 */
export function kySender(baseUrl) {
	const url = `${baseUrl}/workspaces/${peerId}/a2a`;
	const headers = { 'X-Workspace-ID': callerId, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
	const api = ky.create({ retry: 0, timeout: false, throwHttpErrors: false, redirect: 'manual' });
	return async () => {
		const body = JSON.stringify({
			jsonrpc: '2.0',
			id: crypto.randomUUID(),
			method: 'message/send',
			params: { message: { role: 'user', messageId: crypto.randomUUID(), parts: [{ kind: 'text', text: 'hello' }] } },
		});
		const response = await api(url, { method: 'POST', headers, body });
		if (!response.ok) throw new Error(`bare ky: HTTP ${response.status}`);
		const reply = JSON.parse(await response.text());
		expectPong(reply.result?.parts?.[0]?.text, 'bare ky');
	};
}

/**
 * @a2a-js/sdk 1.3: a `Client` built by `ClientFactory` with only the JSON-RPC transport, from an
 * agent card whose one interface (JSON-RPC, protocol 1.0) points at the loopback agent — no card
 * fetch. It sends `SendMessage` with `A2A-Version: 1.0` and checks the response id.
 */
export async function sdkSender(baseUrl) {
	const card = {
		name: 'loopback',
		description: 'benchmark agent',
		version: '1.0.0',
		supportedInterfaces: [{ url: `${baseUrl}/a2a/jsonrpc`, protocolBinding: 'JSONRPC', protocolVersion: '1.0', tenant: '' }],
		capabilities: { streaming: false, pushNotifications: false, extensions: [] },
		defaultInputModes: ['text/plain'],
		defaultOutputModes: ['text/plain'],
		skills: [],
	};
	const client = await new ClientFactory({ transports: [new JsonRpcTransportFactory()] }).createFromAgentCard(card);
	return async () => {
		const result = await client.sendMessage({
			message: { messageId: crypto.randomUUID(), role: Role.ROLE_USER, parts: [{ content: { $case: 'text', value: 'hello' } }] },
		});
		expectPong(result.parts?.[0]?.content?.value, '@a2a-js/sdk');
	};
}
