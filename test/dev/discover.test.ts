import { describe, expect, test } from 'vitest';
import type { DevWorkspace } from '../../src/dev/index.js';
import { as, canvas, id, send, setup } from './helpers.js';

const parent = id(1);
const caller = id(2);
const sibling = id(3);
const stranger = id(4);

function org(overrides: Partial<Record<string, Partial<DevWorkspace>>> = {}): DevWorkspace[] {
	return [
		{ id: parent, name: 'Parent', ...overrides[parent] },
		{ id: caller, name: 'Caller', parentId: parent, tokens: ['caller-token'], ...overrides[caller] },
		{ id: sibling, name: 'Sibling', parentId: parent, ...overrides[sibling] },
		{ id: stranger, name: 'Stranger', parentId: id(99), ...overrides[stranger] },
	];
}

describe('GET /registry/discover/:id', () => {
	test('without X-Workspace-ID answers 400', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/registry/discover/${sibling}`);
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'X-Workspace-ID header is required' });
		expect(answer.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
	});

	test('a caller with a live token but none sent answers 401 missing', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/registry/discover/${sibling}`, { headers: as(caller) });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'missing workspace auth token' });
	});

	test("another workspace's token answers 401 invalid", async () => {
		const { platform } = setup(org({ [sibling]: { tokens: ['sibling-token'] } }));
		const answer = await send(platform, `/registry/discover/${sibling}`, { headers: as(caller, 'sibling-token') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'invalid workspace auth token' });
	});

	test('a token without the literal "Bearer " prefix counts as no token', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/registry/discover/${sibling}`, {
			headers: { 'X-Workspace-ID': caller, Authorization: 'bearer caller-token' },
		});
		expect(answer.json).toEqual({ error: 'missing workspace auth token' });
	});

	test('a grandfathered caller (no live token) needs no token', async () => {
		const { platform } = setup(org({ [caller]: { tokens: [] } }));
		const answer = await send(platform, `/registry/discover/${sibling}`, { headers: as(caller) });
		expect(answer.status).toBe(200);
	});

	test('a target outside the hierarchy answers 403', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/registry/discover/${stranger}`, { headers: as(caller, 'caller-token') });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'not authorized to discover this workspace' });
	});

	// Added for addendum §9.10: roots are no longer siblings.
	test('a root discovering another root answers 403', async () => {
		const { platform } = setup([...org({ [parent]: { tokens: ['parent-token'] } }), { id: id(98), name: 'Other root' }]);
		const answer = await send(platform, `/registry/discover/${id(98)}`, { headers: as(parent, 'parent-token') });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'not authorized to discover this workspace' });
	});

	test('the admin token passes the caller gate; the hierarchy still applies to the claimed caller (addendum §2.2)', async () => {
		const { platform } = setup(org());
		expect((await send(platform, `/registry/discover/${sibling}`, { headers: { ...canvas, 'X-Workspace-ID': caller } })).status).toBe(200);
		expect((await send(platform, `/registry/discover/${stranger}`, { headers: { ...canvas, 'X-Workspace-ID': caller } })).status).toBe(403);
	});

	test('an unknown target answers 403, not 404', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/discover/ws-target', { headers: as(caller, 'caller-token') });
		expect(answer.status).toBe(403);
	});

	test('discovering yourself when your row is missing answers 404', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/discover/ws-ghost', { headers: as('ws-ghost') });
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual({ error: 'workspace not found' });
	});

	test('an online target without a URL gets a synthesised container URL, and exactly id, url and name', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/registry/discover/${sibling}`, { headers: as(caller, 'caller-token') });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ id: sibling, url: `http://ws-${sibling.slice(0, 12)}:8000`, name: 'Sibling' });
	});

	test('a registered URL is returned as cached', async () => {
		const { platform } = setup(org({ [sibling]: { url: 'https://agent.example.com/a2a' } }));
		const answer = await send(platform, `/registry/discover/${sibling}`, { headers: as(caller, 'caller-token') });
		expect(answer.json).toEqual({ id: sibling, url: 'https://agent.example.com/a2a', name: 'Sibling' });
	});

	test('a target that is neither online nor degraded answers 503 with its status', async () => {
		const { platform } = setup(org({ [sibling]: { status: 'offline' } }));
		const answer = await send(platform, `/registry/discover/${sibling}`, { headers: as(caller, 'caller-token') });
		expect(answer.status).toBe(503);
		expect(answer.json).toEqual({ error: 'workspace not available', status: 'offline' });
	});

	test('a degraded target still gets a URL', async () => {
		const { platform } = setup(org({ [sibling]: { status: 'degraded' } }));
		const answer = await send(platform, `/registry/discover/${sibling}`, { headers: as(caller, 'caller-token') });
		expect(answer.status).toBe(200);
	});

	test("an external target's loopback URL is rewritten to host.docker.internal for a container caller", async () => {
		const { platform } = setup(org({ [sibling]: { runtime: 'external', url: 'http://127.0.0.1:9000/localhost' } }));
		const answer = await send(platform, `/registry/discover/${sibling}`, { headers: as(caller, 'caller-token') });
		expect(answer.json).toEqual({ id: sibling, url: 'http://host.docker.internal:9000/host.docker.internal', name: 'Sibling' });
	});

	test("an external target's URL is returned unchanged to an external caller", async () => {
		const { platform } = setup(
			org({ [caller]: { runtime: 'external' }, [sibling]: { runtime: 'external', url: 'http://localhost:9000' } }),
		);
		const answer = await send(platform, `/registry/discover/${sibling}`, { headers: as(caller, 'caller-token') });
		expect(answer.json).toEqual({ id: sibling, url: 'http://localhost:9000', name: 'Sibling' });
	});
});
