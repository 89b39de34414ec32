// Contract §16.3 (addendum §9.5): a poll-mode agent fetches and acknowledges its staged files.
import { describe, expect, test } from 'vitest';
import type { DevPlatform, DevWorkspace } from '../../src/dev/index.js';
import { bearer, canvas, id, origin, send, setup } from './helpers.js';

const agent = id(1);
const other = id(2);

const org = (): DevWorkspace[] => [
	{ id: agent, name: 'Poller', tokens: ['agent-token'], deliveryMode: 'poll' },
	{ id: other, name: 'Other', parentId: agent, tokens: ['other-token'], deliveryMode: 'poll' },
];
const asAgent = bearer('agent-token');

/** File ids are UUIDs on the platform (the routes refuse others), so this platform mints UUIDs. */
function uuidCounter(): () => string {
	let next = 100;
	return () => id(next++);
}
const start = () => setup(org(), { uuid: uuidCounter() });

/** Uploads one file for `workspaceId` as a human and answers its file id. */
async function stage(platform: DevPlatform, file: File, workspaceId = agent): Promise<string> {
	const data = new FormData();
	data.append('files', file);
	const encoded = new Response(data);
	const headers = { ...canvas, 'Content-Type': encoded.headers.get('Content-Type') ?? '' };
	const body = new Uint8Array(await encoded.arrayBuffer());
	const response = await platform.fetch(new Request(`${origin}/workspaces/${workspaceId}/chat/uploads`, { method: 'POST', headers, body }));
	const { files } = (await response.json()) as { files: { uri: string }[] };
	const uri = files[0]?.uri ?? '';
	return uri.slice(uri.lastIndexOf('/') + 1);
}

const content = (fileId: string, workspaceId = agent): string => `/workspaces/${workspaceId}/pending-uploads/${fileId}/content`;
const ack = (fileId: string, workspaceId = agent): string => `/workspaces/${workspaceId}/pending-uploads/${fileId}/ack`;

async function fetchBytes(platform: DevPlatform, path: string, headers = asAgent): Promise<Response> {
	return platform.fetch(new Request(origin + path, { headers }));
}

describe('GET /workspaces/:id/pending-uploads/:file_id/content (contract §16.3)', () => {
	test('answers the bytes with their type, size and an attachment disposition', async () => {
		const { platform } = start();
		const fileId = await stage(platform, new File([new Uint8Array([0, 1, 2, 255])], 'scan.png', { type: 'image/png' }));
		const response = await fetchBytes(platform, content(fileId));
		expect(response.status).toBe(200);
		expect(response.headers.get('Content-Type')).toBe('image/png');
		expect(response.headers.get('Content-Length')).toBe('4');
		expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="scan.png"');
		expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0, 1, 2, 255]);
	});

	test('a name that is not plain ASCII is encoded in the disposition', async () => {
		const { platform } = start();
		const fileId = await stage(platform, new File(['x'], 'résumé.txt', { type: 'text/plain' }));
		const response = await fetchBytes(platform, content(fileId));
		expect(response.headers.get('Content-Disposition')).toBe("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.txt");
	});

	test('can be fetched again until it is acknowledged, then answers 404 not found or expired', async () => {
		const { platform } = start();
		const fileId = await stage(platform, new File(['x'], 'a.txt'));
		expect((await fetchBytes(platform, content(fileId))).status).toBe(200);
		expect((await fetchBytes(platform, content(fileId))).status).toBe(200);
		await send(platform, ack(fileId), { headers: asAgent, method: 'POST' });
		const gone = await send(platform, content(fileId), { headers: asAgent });
		expect(gone.status).toBe(404);
		expect(gone.json).toEqual({ error: 'pending upload not found or expired' });
	});

	test('after 24 hours on the platform clock it is gone', async () => {
		const { platform, clock } = start();
		const fileId = await stage(platform, new File(['x'], 'a.txt'));
		clock.advance(24 * 60 * 60_000 - 1);
		expect((await fetchBytes(platform, content(fileId))).status).toBe(200);
		clock.advance(1);
		expect((await send(platform, content(fileId), { headers: asAgent })).json).toEqual({ error: 'pending upload not found or expired' });
	});

	test("another workspace's file answers 404 pending upload not found", async () => {
		const { platform } = start();
		const fileId = await stage(platform, new File(['x'], 'a.txt'), other);
		const answer = await send(platform, content(fileId), { headers: asAgent });
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual({ error: 'pending upload not found' });
	});

	test('an unknown file answers 404; ids that are not UUIDs answer 400', async () => {
		const { platform } = start();
		expect((await send(platform, content(id(77)), { headers: asAgent })).status).toBe(404);
		expect((await send(platform, content('nope'), { headers: asAgent })).json).toEqual({ error: 'invalid file_id' });
		expect((await send(platform, '/workspaces/nope/pending-uploads/x/content', { headers: canvas })).json).toEqual({ error: 'invalid workspace ID' });
	});

	test('needs WorkspaceAuth', async () => {
		const { platform } = start();
		const fileId = await stage(platform, new File(['x'], 'a.txt'));
		expect((await send(platform, content(fileId), { headers: bearer('other-token') })).status).toBe(401);
	});
});

describe('POST /workspaces/:id/pending-uploads/:file_id/ack (contract §16.3)', () => {
	test('answers 200 acked, and again 200 acked', async () => {
		const { platform } = start();
		const fileId = await stage(platform, new File(['x'], 'a.txt'));
		const first = await send(platform, ack(fileId), { headers: asAgent, method: 'POST' });
		expect(first.status).toBe(200);
		expect(first.json).toEqual({ acked: true });
		expect((await send(platform, ack(fileId), { headers: asAgent, method: 'POST' })).json).toEqual({ acked: true });
	});

	test('an unknown or expired file answers 404 not found, expired, or already acked', async () => {
		const { platform, clock } = start();
		const fileId = await stage(platform, new File(['x'], 'a.txt'));
		clock.advance(24 * 60 * 60_000);
		for (const path of [ack(fileId), ack(id(77))]) {
			const answer = await send(platform, path, { headers: asAgent, method: 'POST' });
			expect(answer.status).toBe(404);
			expect(answer.json).toEqual({ error: 'pending upload not found, expired, or already acked' });
		}
	});

	test("another workspace's file answers 404 pending upload not found and stays staged", async () => {
		const { platform } = start();
		const fileId = await stage(platform, new File(['x'], 'a.txt'), other);
		expect((await send(platform, ack(fileId), { headers: asAgent, method: 'POST' })).json).toEqual({ error: 'pending upload not found' });
		expect((await fetchBytes(platform, content(fileId, other), bearer('other-token'))).status).toBe(200);
	});
});
