/** How long the platform keeps a staged file, fetched or not (addendum §9.5). */
export const pendingUploadTtlMs = 24 * 60 * 60_000;

/** One chat file staged for a poll-mode workspace until its agent fetches and acknowledges it. */
export interface PendingUpload {
	readonly fileId: string;
	readonly workspaceId: string;
	readonly name: string;
	readonly mimeType: string;
	readonly size: number;
	/** Dropped once acknowledged, so acknowledged files cost no memory. */
	bytes: Uint8Array<ArrayBuffer> | null;
	readonly stagedAtMs: number;
	fetched: boolean;
	acked: boolean;
}

/** What a staged file is made of. */
export interface NewUpload {
	name: string;
	mimeType: string;
	bytes: Uint8Array<ArrayBuffer>;
}

/**
 * The `pending_uploads` table (contract §16.3): files by id, on the platform clock. A file past
 * its 24 hours is gone as if never staged; an acknowledged one keeps only its record, so a second
 * ack still answers 200.
 */
export class PendingUploadStore {
	readonly #files = new Map<string, PendingUpload>();
	readonly #uuid: () => string;
	readonly #now: () => number;

	constructor(uuid: () => string, now: () => number) {
		this.#uuid = uuid;
		this.#now = now;
	}

	stage(workspaceId: string, file: NewUpload): PendingUpload {
		const upload: PendingUpload = {
			fileId: this.#uuid(),
			workspaceId,
			name: file.name,
			mimeType: file.mimeType,
			size: file.bytes.byteLength,
			bytes: file.bytes,
			stagedAtMs: this.#now(),
			fetched: false,
			acked: false,
		};
		this.#files.set(upload.fileId, upload);
		return upload;
	}

	/** The file with this id unless its time ran out (then it is forgotten). */
	find(fileId: string): PendingUpload | undefined {
		const upload = this.#files.get(fileId);
		if (upload && this.#now() - upload.stagedAtMs >= pendingUploadTtlMs) {
			this.#files.delete(fileId);
			return undefined;
		}
		return upload;
	}

	ack(upload: PendingUpload): void {
		upload.acked = true;
		upload.bytes = null;
	}
}
