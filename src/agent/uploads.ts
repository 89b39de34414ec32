import { readCapped } from '../internal/body.js';
import type * as v from 'valibot';
import { checkOptions, signalOnly } from '../arguments.js';
import { ConfigError } from '../errors/config-error.js';
import { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import { kindOf } from '../internal/describe.js';
import type { AgentContext } from './context.js';
import { UploadLimitError } from '../errors/upload-limit-error.js';
import { failureOf } from './platform.js';
import { PendingAckSchema, UploadLimitsSchema, UploadResponseSchema } from './schemas.js';
import type { Attachment } from './types.js';

type Limits = v.InferOutput<typeof UploadLimitsSchema>;
type Signal = { signal?: AbortSignal | undefined } | undefined;

/** The platform's per-file cap at HEAD (addendum §9.4): the most a staged upload can hold. */
const maxFileBytes = 100 * 1024 * 1024;

/** A Blob from this realm or another (a File is a Blob). */
const isBlob = (value: unknown): value is Blob =>
	typeof value === 'object' && value !== null && typeof (value as Blob).size === 'number' && typeof (value as Blob).arrayBuffer === 'function';

/**
 * A download's body as a Blob of at most `maxFileBytes` (typed as the response says). Read chunk by
 * chunk, so a body larger than any staged upload is cut off at the cap, not buffered whole.
 */
async function readBlob(response: Response, signal: AbortSignal): Promise<Blob> {
	const bytes = await readCapped(response.body, maxFileBytes, signal);
	if (bytes === null) throw new UnexpectedResponseError(`response body exceeds ${maxFileBytes} bytes; not read further`, response.status, { target: response.url });
	return new Blob([bytes as BlobPart], { type: response.headers.get('content-type') ?? '' });
}

const nameOf = (file: Blob, index: number): string => ('name' in file && typeof file.name === 'string' && file.name !== '' ? file.name : `file-${index + 1}`);

/** Uploads and downloads of chat files, with the platform's limits read once and kept. */
export function createUploads(context: AgentContext): {
	uploadChatFiles(files: readonly Blob[], options: Signal): Promise<Attachment[]>;
	download(fileId: string, signal: AbortSignal | undefined): Promise<Blob>;
} {
	let limits: Promise<Limits> | undefined;
	const { settings } = context;
	const base = `/workspaces/${settings.workspaceId}`;

	function limitsOf(signal: AbortSignal | undefined): Promise<Limits> {
		limits ??= context.call({ method: 'GET', path: '/uploads/limits', schema: UploadLimitsSchema, signal }).catch((error: unknown) => {
			limits = undefined;
			throw error;
		});
		return limits;
	}

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

	return {
		/** `POST /workspaces/:id/chat/uploads` (addendum §9.4), after checking `GET /uploads/limits`. */
		async uploadChatFiles(files, options) {
			const signal = checkOptions(options, signalOnly).signal ?? undefined;
			if (!Array.isArray(files) || files.length === 0) throw new ConfigError('files', `must be a non-empty array of Blob or File, got ${Array.isArray(files) ? 'an empty array' : kindOf(files)}`);
			files.forEach((file: unknown, index) => {
				if (!isBlob(file)) throw new ConfigError(`files.${index}`, `must be a Blob or File, got ${kindOf(file)}`);
			});
			check(files, await limitsOf(signal));
			const form = new FormData();
			files.forEach((file, index) => form.append('files', file, nameOf(file, index)));
			const { files: uploaded } = await context.call({
				method: 'POST',
				path: `${base}/chat/uploads`,
				body: form,
				schema: UploadResponseSchema,
				signal,
				timeoutMs: settings.timeouts.sendMs,
			});
			return uploaded.map(({ uri, name, mimeType, size }) => ({ uri, name, ...(mimeType === undefined ? {} : { mimeType }), ...(size === undefined ? {} : { size }) }));
		},

		/**
		 * A staged upload's bytes (`GET …/pending-uploads/:file_id/content`), then its ack, after which the
		 * platform drops it. A failed ack is only logged: the file is in hand, and the platform expires it in 24 h.
		 */
		async download(fileId, signal) {
			const response = await context.transport({
				method: 'GET',
				path: `${base}/pending-uploads/${fileId}/content`,
				identify: true,
				timeoutMs: settings.timeouts.sendMs,
				readBlob,
				signal,
			});
			if (!response.blob) throw failureOf(response, settings, context.secrets);
			try {
				await context.call({ method: 'POST', path: `${base}/pending-uploads/${fileId}/ack`, schema: PendingAckSchema, signal });
			} catch (error) {
				if (signal?.aborted) throw signal.reason;
				settings.logger.warn(`pending upload ${fileId}: downloaded, but the ack failed: ${context.secrets.describe(error)}`);
			}
			return response.blob;
		},
	};
}
