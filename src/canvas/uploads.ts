import type * as v from 'valibot';
import { ConfigError } from '../errors/config-error.js';
import { UploadLimitError } from '../errors/upload-limit-error.js';
import { kindOf } from '../internal/describe.js';
import type { FilePart } from '../types/a2a.js';
import { callOptions, signalChecks, workspaceIdOf, type CanvasContext } from './http.js';
import { UploadLimitsSchema, UploadResponseSchema } from './schemas.js';

type Limits = v.InferOutput<typeof UploadLimitsSchema>;
type Signal = { signal?: AbortSignal | undefined } | undefined;

/** A Blob from this realm or another (a File is a Blob). */
const isBlob = (value: unknown): value is Blob =>
	typeof value === 'object' && value !== null && typeof (value as Blob).size === 'number' && typeof (value as Blob).arrayBuffer === 'function';

const nameOf = (file: Blob, index: number): string => ('name' in file && typeof file.name === 'string' && file.name !== '' ? file.name : `file-${index + 1}`);

/** Throws `UploadLimitError` for the first limit the files exceed. */
function check(files: readonly Blob[], { per_file_bytes, per_request_bytes, max_attachments_per_message }: Limits): void {
	if (files.length > max_attachments_per_message) throw new UploadLimitError('max_attachments_per_message', max_attachments_per_message, files.length);
	let total = 0;
	files.forEach((file, index) => {
		if (file.size > per_file_bytes) throw new UploadLimitError('per_file_bytes', per_file_bytes, file.size, nameOf(file, index));
		total += file.size;
	});
	if (total > per_request_bytes) throw new UploadLimitError('per_request_bytes', per_request_bytes, total);
}

/**
 * `uploadFiles`: the platform's limits (`GET /uploads/limits`, read once and kept; a failed read is
 * tried again next time), checked before anything is sent, then `POST /workspaces/:id/chat/uploads`
 * (addendum §9.4). Answers file parts, ready for `send`.
 */
export function createUploads(context: CanvasContext): (workspaceId: string, files: readonly Blob[], options: Signal) => Promise<FilePart[]> {
	let limits: Promise<Limits> | undefined;
	const limitsOf = (signal: AbortSignal | undefined): Promise<Limits> => {
		limits ??= context.call({ method: 'GET', path: '/uploads/limits', schema: UploadLimitsSchema, signal }).catch((error: unknown) => {
			limits = undefined;
			throw error;
		});
		return limits;
	};
	return async (workspaceId, files, options) => {
		const { signal } = callOptions(options, signalChecks);
		const id = workspaceIdOf(workspaceId);
		if (!Array.isArray(files) || files.length === 0) throw new ConfigError('files', `must be a non-empty array of Blob or File, got ${Array.isArray(files) ? 'an empty array' : kindOf(files)}`);
		files.forEach((file: unknown, index) => {
			if (!isBlob(file)) throw new ConfigError(`files.${index}`, `must be a Blob or File, got ${kindOf(file)}`);
		});
		check(files, await limitsOf(signal));
		const form = new FormData();
		files.forEach((file, index) => form.append('files', file, nameOf(file, index)));
		const { files: uploaded } = await context.call({
			method: 'POST',
			path: `/workspaces/${id}/chat/uploads`,
			form,
			schema: UploadResponseSchema,
			signal,
			timeoutMs: context.settings.timeouts.uploadMs,
		});
		return uploaded.map(({ uri, name, mimeType, size }): FilePart => ({
			kind: 'file',
			file: { uri, name, ...(mimeType === undefined ? {} : { mimeType }), ...(size === undefined ? {} : { size }) },
		}));
	};
}
