import { describe, expect, test } from 'vitest';
import { isUploadLimitError } from '../../src/canvas/index.js';
import { isConfigError } from '../../src/index.js';
import { PLATFORM_URL } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';
import { LEAD, rejection, testCanvas } from './helpers.js';

const limits = { per_file_bytes: 10, per_request_bytes: 15, max_attachments_per_message: 2 };
const uploaded = { files: [{ uri: 'workspace:/uploads/a.txt', name: 'a.txt', mimeType: 'text/plain', size: 3 }] };

/** A platform answering /uploads/limits and the upload. */
function platform() {
	return scriptedFetch((request) => (request.url.endsWith('/uploads/limits') ? json(limits) : json(uploaded)));
}

describe('uploadFiles', () => {
	test('uploads multipart files to /chat/uploads and answers file parts for send', async () => {
		const fake = platform();
		const { canvas } = testCanvas(fake.fetch);
		const parts = await canvas.uploadFiles(LEAD, [new File(['abc'], 'a.txt', { type: 'text/plain' })]);
		expect(parts).toEqual([{ kind: 'file', file: { uri: 'workspace:/uploads/a.txt', name: 'a.txt', mimeType: 'text/plain', size: 3 } }]);
		expect(fake.calls.map((call) => `${call.method} ${call.url}`)).toEqual([`GET ${PLATFORM_URL}/uploads/limits`, `POST ${PLATFORM_URL}/workspaces/${LEAD}/chat/uploads`]);
		expect(fake.calls[1]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(fake.calls[1]?.body).toContain('filename="a.txt"');
	});

	test('too many files are refused before sending, naming max_attachments_per_message', async () => {
		const fake = platform();
		const { canvas } = testCanvas(fake.fetch);
		const error = await rejection(canvas.uploadFiles(LEAD, [new Blob(['a']), new Blob(['b']), new Blob(['c'])]));
		expect(isUploadLimitError(error) && [error.limit, error.max, error.actual]).toEqual(['max_attachments_per_message', 2, 3]);
		expect(fake.calls.map((call) => call.url)).toEqual([`${PLATFORM_URL}/uploads/limits`]);
	});

	test('a file over per_file_bytes is refused before sending, naming the file', async () => {
		const fake = platform();
		const { canvas } = testCanvas(fake.fetch);
		const error = await rejection(canvas.uploadFiles(LEAD, [new File(['12345678901'], 'big.bin')]));
		expect(isUploadLimitError(error) && [error.limit, error.fileName]).toEqual(['per_file_bytes', 'big.bin']);
		expect(fake.calls).toHaveLength(1);
	});

	test('files over per_request_bytes together are refused before sending', async () => {
		const fake = platform();
		const { canvas } = testCanvas(fake.fetch);
		const error = await rejection(canvas.uploadFiles(LEAD, [new Blob(['12345678']), new Blob(['12345678'])]));
		expect(isUploadLimitError(error) && [error.limit, error.actual]).toEqual(['per_request_bytes', 16]);
	});

	test('the limits are read once per client', async () => {
		const fake = platform();
		const { canvas } = testCanvas(fake.fetch);
		await canvas.uploadFiles(LEAD, [new Blob(['a'])]);
		await canvas.uploadFiles(LEAD, [new Blob(['b'])]);
		expect(fake.calls.filter((call) => call.url.endsWith('/uploads/limits'))).toHaveLength(1);
	});

	test('something that is not a Blob is refused naming its index', async () => {
		const { canvas } = testCanvas(platform().fetch);
		const error = await rejection(canvas.uploadFiles(LEAD, ['text'] as never));
		expect(isConfigError(error) && error.field).toBe('files.0');
	});
});
