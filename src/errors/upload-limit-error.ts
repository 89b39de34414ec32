import { A2AClientError, guardFor } from './a2a-client-error.js';

/** Which of the platform's upload limits (`GET /uploads/limits`, contract §16.1) a set of files exceeds. */
export type UploadLimit = 'per_file_bytes' | 'per_request_bytes' | 'max_attachments_per_message';

/**
 * Files given to `uploadChatFiles` (./agent) or `uploadFiles` (./canvas) exceed one of the platform's limits; nothing was uploaded.
 *
 * @example
 * try { await agent.uploadChatFiles(files); } catch (error) { if (isUploadLimitError(error)) console.log(error.limit, error.max, error.actual); }
 */
export class UploadLimitError extends A2AClientError {
	/** Always `'UploadLimitError'`: what `isUploadLimitError` checks. */
	override name = 'UploadLimitError' as const;
	/** The limit exceeded, under the platform's name for it. */
	readonly limit: UploadLimit;
	/** The limit's value: bytes, or a number of files. */
	readonly max: number;
	/** What was given: bytes of the file (or of all files), or the number of files. */
	readonly actual: number;
	/** The file at fault, for `per_file_bytes`. */
	readonly fileName: string | undefined;

	/** `max` is the limit's value and `actual` what was given; `fileName` names the file for a per-file limit. */
	constructor(limit: UploadLimit, max: number, actual: number, fileName?: string) {
		const what =
			limit === 'per_file_bytes'
				? `file ${JSON.stringify(fileName)} is ${actual} bytes; the platform takes at most ${max} per file`
				: limit === 'per_request_bytes'
					? `the files are ${actual} bytes together; the platform takes at most ${max} per upload`
					: `${actual} files given; a message carries at most ${max}`;
		super(`upload refused before sending: ${what}`);
		this.limit = limit;
		this.max = max;
		this.actual = actual;
		this.fileName = fileName;
	}
}

/**
 * True for an `UploadLimitError`, even one from another copy of the package.
 *
 * @example
 * if (isUploadLimitError(error)) console.log(`over ${error.limit}: ${error.actual} > ${error.max}`);
 */
export const isUploadLimitError = guardFor<UploadLimitError>('UploadLimitError');
