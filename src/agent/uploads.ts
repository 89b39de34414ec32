import { readCapped } from '../internal/body.js';
import { checkOptions, signalOnly } from '../arguments.js';
import { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import type { AgentContext } from './context.js';
import { failureOf } from './platform.js';
import { UploadLimitsSchema, UploadResponseSchema } from '../schemas/uploads.js';
import { checkFiles, keptOnce, uploadForm } from '../uploads.js';
import { PendingAckSchema } from './schemas.js';
import type { Attachment } from './types.js';

type Signal = { signal?: AbortSignal | undefined } | undefined;

/** The platform's per-file cap at HEAD (addendum §9.4): the most a staged upload can hold. */
const maxFileBytes = 100 * 1024 * 1024;

/**
 * A download's body as a Blob of at most `maxFileBytes` (typed as the response says). Read chunk by
 * chunk, so a body larger than any staged upload is cut off at the cap, not buffered whole.
 */
async function readBlob(response: Response, signal: AbortSignal): Promise<Blob> {
	const bytes = await readCapped(response.body, maxFileBytes, signal);
	if (bytes === null) throw new UnexpectedResponseError(`response body exceeds ${maxFileBytes} bytes; not read further`, response.status, { target: response.url });
	return new Blob([bytes as BlobPart], { type: response.headers.get('content-type') ?? '' });
}

/** Uploads and downloads of chat files, with the platform's limits read once and kept. */
export function createUploads(context: AgentContext): {
	uploadChatFiles(files: readonly Blob[], options: Signal): Promise<Attachment[]>;
	download(fileId: string, signal: AbortSignal | undefined): Promise<Blob>;
} {
	const { settings } = context;
	const base = `/workspaces/${settings.workspaceId}`;
	const limitsOf = keptOnce((signal) => context.call({ method: 'GET', path: '/uploads/limits', schema: UploadLimitsSchema, signal }));

	return {
		/** `POST /workspaces/:id/chat/uploads` (addendum §9.4), after checking `GET /uploads/limits`. */
		async uploadChatFiles(files, options) {
			const signal = checkOptions(options, signalOnly).signal ?? undefined;
			const checked = checkFiles(files);
			const form = uploadForm(checked, await limitsOf(signal));
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
