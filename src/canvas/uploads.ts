import type { FilePart } from '../types/a2a.js';
import { callOptions, signalChecks, workspaceIdOf, type CanvasContext } from './http.js';
import { UploadLimitsSchema, UploadResponseSchema } from '../schemas/uploads.js';
import { checkFiles, keptOnce, uploadForm } from '../uploads.js';

type Signal = { signal?: AbortSignal | undefined } | undefined;

/**
 * `uploadFiles`: the platform's limits (`GET /uploads/limits`, read once and kept; a failed read is
 * tried again next time), checked before anything is sent, then `POST /workspaces/:id/chat/uploads`
 * (addendum §9.4). Answers file parts, ready for `send`.
 */
export function createUploads(context: CanvasContext): (workspaceId: string, files: readonly Blob[], options: Signal) => Promise<FilePart[]> {
	const limitsOf = keptOnce((signal) => context.call({ method: 'GET', path: '/uploads/limits', schema: UploadLimitsSchema, signal }));
	return async (workspaceId, files, options) => {
		const { signal } = callOptions(options, signalChecks);
		const id = workspaceIdOf(workspaceId);
		const checked = checkFiles(files);
		const form = uploadForm(checked, await limitsOf(signal));
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
