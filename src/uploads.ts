import type * as v from 'valibot';
import { ConfigError } from './errors/config-error.js';
import { UploadLimitError } from './errors/upload-limit-error.js';
import { kindOf } from './internal/describe.js';
import type { UploadLimitsSchema } from './schemas/uploads.js';

/** The platform's upload limits (`GET /uploads/limits`, addendum §9.4). */
export type UploadLimits = v.InferOutput<typeof UploadLimitsSchema>;

/** A Blob from this realm or another (a File is a Blob). */
const isBlob = (value: unknown): value is Blob =>
	typeof value === 'object' && value !== null && typeof (value as Blob).size === 'number' && typeof (value as Blob).arrayBuffer === 'function';

/** A File's own name, else `file-<n>`: the platform needs one per part. */
const nameOf = (file: Blob, index: number): string => ('name' in file && typeof file.name === 'string' && file.name !== '' ? file.name : `file-${index + 1}`);

/** `files` as the upload calls take them (a non-empty array of Blob or File); else a `ConfigError` naming `files` or `files.<n>`. */
export function checkFiles(files: unknown): readonly Blob[] {
	if (!Array.isArray(files) || files.length === 0) throw new ConfigError('files', `must be a non-empty array of Blob or File, got ${Array.isArray(files) ? 'an empty array' : kindOf(files)}`);
	files.forEach((file: unknown, index) => {
		if (!isBlob(file)) throw new ConfigError(`files.${index}`, `must be a Blob or File, got ${kindOf(file)}`);
	});
	return files as readonly Blob[];
}

/**
 * The multipart body of `POST /workspaces/:id/chat/uploads` for `files`, after checking them against
 * `limits`: throws `UploadLimitError` for the first limit they exceed, so nothing over it is sent.
 */
export function uploadForm(files: readonly Blob[], { per_file_bytes, per_request_bytes, max_attachments_per_message }: UploadLimits): FormData {
	if (files.length > max_attachments_per_message) throw new UploadLimitError('max_attachments_per_message', max_attachments_per_message, files.length);
	let total = 0;
	files.forEach((file, index) => {
		if (file.size > per_file_bytes) throw new UploadLimitError('per_file_bytes', per_file_bytes, file.size, nameOf(file, index));
		total += file.size;
	});
	if (total > per_request_bytes) throw new UploadLimitError('per_request_bytes', per_request_bytes, total);
	const form = new FormData();
	files.forEach((file, index) => form.append('files', file, nameOf(file, index)));
	return form;
}

/**
 * `load`, run once and its answer kept; a failure is not kept, so the next call tries again (the
 * platform's limits, read once per client).
 */
export function keptOnce<T>(load: (signal: AbortSignal | undefined) => Promise<T>): (signal: AbortSignal | undefined) => Promise<T> {
	let kept: Promise<T> | undefined;
	return (signal) => {
		kept ??= load(signal).catch((error: unknown) => {
			kept = undefined;
			throw error;
		});
		return kept;
	};
}
