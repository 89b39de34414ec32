// Cards and answers for the unit tests, which script fetch (test/helpers/scripted-fetch.ts).
import { json } from '../helpers/scripted-fetch.js';

export const agentUrl = 'https://agents.example.com/research';
export const cardUrl = `${agentUrl}/.well-known/agent-card.json`;
export const rpcUrl = 'https://agents.example.com/research/rpc';
export const restUrl = 'https://agents.example.com/research/rest';

/** A v1.0 card offering JSON-RPC then HTTP+JSON, both 1.0. */
export function cardV1(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		name: 'Research',
		description: 'finds things',
		version: '2.1.0',
		supportedInterfaces: [
			{ url: rpcUrl, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
			{ url: restUrl, protocolBinding: 'HTTP+JSON', protocolVersion: '1.0' },
		],
		capabilities: { streaming: true, pushNotifications: false },
		defaultInputModes: ['text/plain'],
		defaultOutputModes: ['text/plain'],
		skills: [{ id: 'search', name: 'Search', description: 'searches', tags: ['search'] }],
		...overrides,
	};
}

/** A v0.3 card: `url` speaks `preferredTransport`. */
export function cardV03(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		name: 'Legacy',
		description: 'an older agent',
		version: '0.9.0',
		protocolVersion: '0.3.0',
		url: rpcUrl,
		preferredTransport: 'JSONRPC',
		capabilities: { streaming: true, pushNotifications: true },
		defaultInputModes: ['text/plain'],
		defaultOutputModes: ['text/plain'],
		skills: [],
		...overrides,
	};
}

/** A v1.0 JSON-RPC answer to the request `seen`, echoing its id. */
export const rpcResult = (id: unknown, result: unknown, status = 200): Response => json({ jsonrpc: '2.0', id, result }, status);
export const rpcError = (id: unknown, error: unknown, status = 200): Response => json({ jsonrpc: '2.0', id, error }, status);

/** A completed v1.0 task in proto-JSON. */
export const taskV1 = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
	id: 'task-1',
	contextId: 'ctx-1',
	status: { state: 'TASK_STATE_COMPLETED', timestamp: '2026-11-30T07:00:00.000Z' },
	artifacts: [{ artifactId: 'a-1', name: 'answer', parts: [{ text: 'forty-two', mediaType: 'text/plain' }] }],
	...overrides,
});
