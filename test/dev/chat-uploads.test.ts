// Contract §16.1–16.2 (addendum §9.4): upload limits and POST /workspaces/:id/chat/uploads.
import { describe, expect, test } from 'vitest';
import type { DevPlatform, DevWorkspace } from '../../src/dev/index.js';
import { drive } from '../helpers/fake-clock.js';
import { bearer, canvas, id, origin, send, setup } from './helpers.js';

const pollAgent = id(1);
const pushAgent = id(2);

const org = (extra: Partial<DevWorkspace> = {}): DevWorkspace[] => [
	{ id: pollAgent, name: 'Poller', tokens: ['poll-token'], deliveryMode: 'poll' },
	{ id: pushAgent, name: 'Pusher', parentId: pollAgent, tokens: ['push-token'], url: 'https://agent.example.com/a2a/inbound', inboundSecret: 'push-secret', ...extra },
];

function form(...files: File[]): FormData {
	const data = new FormData();
	for (const file of files) data.append('files', file);
	return data;
}

/** Sends the form as the bytes a socket would carry, with the multipart Content-Type it gets. */
async function upload(platform: DevPlatform, workspaceId: string, body: FormData | string, headers: Record<string, string> = canvas): Promise<{ status: number; json: unknown }> {
	const encoded = new Response(body);
	const type = typeof body === 'string' ? {} : { 'Content-Type': encoded.headers.get('Content-Type') ?? '' };
	const bytes = new Uint8Array(await encoded.arrayBuffer());
	const request = new Request(`${origin}/workspaces/${workspaceId}/chat/uploads`, { method: 'POST', headers: { ...type, ...headers }, body: bytes });
	const response = await platform.fetch(request);
	const text = await response.text();
	return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

describe('GET /uploads/limits (contract §16.1)', () => {
	test('answers the platform limits, with no credential', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/uploads/limits');
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ per_file_bytes: 104_857_600, per_request_bytes: 104_857_600, max_attachments_per_message: 10 });
	});

	test('answers the limits the dev platform was given', async () => {
		const { platform } = setup(org(), { uploadLimits: { perFileBytes: 10, maxAttachmentsPerMessage: 2 } });
		expect((await send(platform, '/uploads/limits')).json).toEqual({ per_file_bytes: 10, per_request_bytes: 104_857_600, max_attachments_per_message: 2 });
	});
});

describe('POST /workspaces/:id/chat/uploads to a poll-mode workspace (contract §16.2)', () => {
	test('stages each file and answers platform-pending URIs with name, type and size', async () => {
		const { platform } = setup(org());
		const answer = await upload(platform, pollAgent, form(new File(['hello'], 'a.txt', { type: 'text/plain' }), new File([new Uint8Array(3)], 'b.png', { type: 'image/png' })));
		expect(answer.status).toBe(200);
		const { files } = answer.json as { files: { uri: string }[] };
		expect(files).toEqual([
			{ uri: expect.stringMatching(new RegExp(`^platform-pending:${pollAgent}/`)), name: 'a.txt', mimeType: 'text/plain', size: 5 },
			{ uri: expect.stringMatching(new RegExp(`^platform-pending:${pollAgent}/`)), name: 'b.png', mimeType: 'image/png', size: 3 },
		]);
		expect(files[0]?.uri).not.toBe(files[1]?.uri);
	});

	test('writes one chat_upload_receive row per file, with the manifest as its request body', async () => {
		const { platform } = setup(org());
		const answer = await upload(platform, pollAgent, form(new File(['hello'], 'a.txt', { type: 'text/plain' })));
		const [file] = (answer.json as { files: { uri: string }[] }).files;
		const fileId = file?.uri.split('/').at(-1);
		expect(platform.activity).toEqual([
			expect.objectContaining({
				workspace_id: pollAgent,
				activity_type: 'a2a_receive',
				method: 'chat_upload_receive',
				source_id: null,
				target_id: pollAgent,
				summary: 'chat_upload_receive: a.txt',
				request_body: { uri: file?.uri, name: 'a.txt', mimeType: 'text/plain', size: 5, file_id: fileId },
				status: 'ok',
			}),
		]);
	});

	test('with include=peer_info the row carries the file as its attachment', async () => {
		const { platform } = setup(org());
		await upload(platform, pollAgent, form(new File(['x'], 'photo.jpg', { type: 'image/jpeg' })));
		const rows = (await send(platform, `/workspaces/${pollAgent}/activity?include=peer_info&type=a2a_receive`, { headers: bearer('poll-token') })).json as Record<string, unknown>[];
		expect(rows[0]?.['attachments']).toEqual([{ kind: 'image', uri: expect.stringMatching(/^platform-pending:/), mime_type: 'image/jpeg', name: 'photo.jpg' }]);
		expect(rows[0]).not.toHaveProperty('peer_name');
	});

	test('a file without a type is application/octet-stream', async () => {
		const { platform } = setup(org());
		const answer = await upload(platform, pollAgent, form(new File(['x'], 'blob.bin')));
		expect((answer.json as { files: unknown[] }).files[0]).toMatchObject({ mimeType: 'application/octet-stream' });
	});

	test('a file over the per-file cap answers 413 naming it, and nothing is staged', async () => {
		const { platform } = setup(org(), { uploadLimits: { perFileBytes: 4 } });
		const answer = await upload(platform, pollAgent, form(new File(['ok'], 'small.txt'), new File(['too big'], 'big.txt')));
		expect(answer.status).toBe(413);
		expect(answer.json).toEqual({ error: 'file exceeds per-file cap', filename: 'big.txt', size: 7, max: 4 });
		expect(platform.activity).toEqual([]);
	});

	test('a request over the per-request cap answers 413', async () => {
		const { platform } = setup(org(), { uploadLimits: { perRequestBytes: 100 } });
		const answer = await upload(platform, pollAgent, form(new File(['x'.repeat(200)], 'big.txt')));
		expect(answer.status).toBe(413);
		expect(answer.json).toEqual({ error: 'request body exceeds the per-request cap', max: 100 });
	});

	test('a FormData request over the per-request cap answers 413 and its body is read to the end, not cancelled', async () => {
		const { platform } = setup(org(), { uploadLimits: { perRequestBytes: 100 } });
		const request = new Request(`${origin}/workspaces/${pollAgent}/chat/uploads`, { method: 'POST', headers: canvas, body: form(new File(['x'.repeat(200)], 'big.txt')) });
		const response = await platform.fetch(request);
		expect(response.status).toBe(413);
		expect(request.bodyUsed).toBe(true);
		expect(await response.json()).toEqual({ error: 'request body exceeds the per-request cap', max: 100 });
	});

	test('a body that is not multipart answers 400 malformed multipart body', async () => {
		const { platform } = setup(org());
		const answer = await upload(platform, pollAgent, 'files=a.txt', { ...canvas, 'Content-Type': 'application/x-www-form-urlencoded' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'malformed multipart body' });
	});

	test('a form without files answers 400 no files field in request', async () => {
		const { platform } = setup(org());
		const data = new FormData();
		data.append('file', new File(['x'], 'a.txt'));
		expect((await upload(platform, pollAgent, data)).json).toEqual({ error: 'no files field in request' });
	});

	test('a files field that is text answers 400 could not read file part', async () => {
		const { platform } = setup(org());
		const data = new FormData();
		data.append('files', 'just text');
		expect((await upload(platform, pollAgent, data)).json).toEqual({ error: 'could not read file part' });
	});

	test('more than 64 files answers 400 too many files', async () => {
		const { platform } = setup(org());
		const files = Array.from({ length: 65 }, (_, index) => new File(['x'], `${index}.txt`));
		expect((await upload(platform, pollAgent, form(...files))).json).toEqual({ error: 'too many files (limit 64)' });
	});

	test('an id that is not a UUID answers 400 invalid workspace ID; an unknown one 404', async () => {
		const { platform } = setup(org());
		expect((await upload(platform, 'not-a-uuid', form(new File(['x'], 'a')))).json).toEqual({ error: 'invalid workspace ID' });
		const unknown = await upload(platform, id(9), form(new File(['x'], 'a')));
		expect(unknown.status).toBe(404);
		expect(unknown.json).toEqual({ error: 'workspace not found' });
	});

	test('needs WorkspaceAuth: the agent itself may upload too', async () => {
		const { platform } = setup(org());
		expect((await upload(platform, pollAgent, form(new File(['x'], 'a')), {})).status).toBe(401);
		expect((await upload(platform, pollAgent, form(new File(['x'], 'a')), bearer('push-token'))).status).toBe(401);
		expect((await upload(platform, pollAgent, form(new File(['x'], 'a')), bearer('poll-token'))).status).toBe(200);
	});
});

describe('POST /workspaces/:id/chat/uploads to a push-mode workspace (contract §16.2)', () => {
	test('forwards the multipart body to <url>/internal/chat/uploads/ingest with the inbound secret, and answers what the agent answers', async () => {
		const seen: Request[] = [];
		const bodies: FormData[] = [];
		const fetch = async (request: Request): Promise<Response> => {
			seen.push(request);
			bodies.push(await request.formData());
			return Response.json({ files: [{ uri: 'workspace:/workspace/.molecule/chat-uploads/a.txt', name: 'a.txt', size: 5 }] }, { status: 200 });
		};
		const { platform } = setup(org(), { fetch });
		const answer = await upload(platform, pushAgent, form(new File(['hello'], 'a.txt', { type: 'text/plain' })));
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ files: [{ uri: 'workspace:/workspace/.molecule/chat-uploads/a.txt', name: 'a.txt', size: 5 }] });
		expect(seen[0]?.url).toBe('https://agent.example.com/a2a/inbound/internal/chat/uploads/ingest');
		expect(seen[0]?.headers.get('Authorization')).toBe('Bearer push-secret');
		const file = bodies[0]?.get('files');
		expect(file instanceof File ? await file.text() : file).toBe('hello');
		expect(platform.activity).toEqual([]);
	});

	test("the agent's own error status and body come back", async () => {
		const fetch = async (): Promise<Response> => Response.json({ error: 'disk full' }, { status: 507 });
		const { platform } = setup(org(), { fetch });
		const answer = await upload(platform, pushAgent, form(new File(['x'], 'a')));
		expect(answer.status).toBe(507);
		expect(answer.json).toEqual({ error: 'disk full' });
	});

	test('an agent that cannot be reached answers 502 workspace unreachable', async () => {
		const fetch = async (): Promise<Response> => {
			throw new TypeError('fetch failed');
		};
		const { platform } = setup(org(), { fetch });
		const answer = await upload(platform, pushAgent, form(new File(['x'], 'a')));
		expect(answer.status).toBe(502);
		expect(answer.json).toEqual({ error: 'workspace unreachable' });
	});

	test('an agent that never answers is cut off after the idle timeout on the platform clock', async () => {
		const fetch = (request: Request): Promise<Response> => new Promise((_resolve, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
		const { platform, clock } = setup(org(), { fetch, idleTimeoutMs: 1000 });
		const answer = await drive(upload(platform, pushAgent, form(new File(['x'], 'a'))), clock);
		expect(answer.status).toBe(502);
		expect(clock.now()).toBe(1000);
		expect(clock.pendingTimers).toBe(0);
	});

	test('a push-mode workspace without a URL answers 422 with a detail', async () => {
		const { platform } = setup(org({ url: null }));
		const answer = await upload(platform, pushAgent, form(new File(['x'], 'a')));
		expect(answer.status).toBe(422);
		expect(answer.json).toEqual({ error: 'workspace has no callback URL — upload requires push-mode + a public URL', detail: expect.any(String) });
	});

	test('a URL that is not allowed answers 400 workspace URL not allowed', async () => {
		const { platform } = setup(org({ url: 'http://169.254.169.254/a2a' }));
		expect((await upload(platform, pushAgent, form(new File(['x'], 'a')))).json).toEqual({ error: 'workspace URL not allowed' });
	});

	test('a secret minted only now answers 503 re-registering, as the proxy does', async () => {
		const { platform } = setup(org({ inboundSecret: null }));
		const answer = await upload(platform, pushAgent, form(new File(['x'], 'a')));
		expect(answer.status).toBe(503);
		expect(answer.json).toMatchObject({ error: 'workspace re-registering — please retry in 30 seconds', retry_after_seconds: 30 });
	});
});
