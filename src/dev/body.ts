import { readCapped } from '../internal/body.js';

/** A request body as the platform read it. */
export interface ReadBody {
	bytes: Uint8Array<ArrayBuffer> | null;
	unreadable: boolean;
	tooLarge: boolean;
}

/** How much of a body over the limit is read and dropped, so the sender hears the 413 instead of a reset. */
const drainBytes = 64 * 1024 * 1024;

/**
 * Reads at most `limit` bytes of the body, plus one to know whether there was more: a body over the
 * limit is not kept (`tooLarge`). The rest is read and dropped, up to `drainBytes` more: cancelling
 * it would reset the sender's connection before it reads the 413 (and Node's FormData bodies throw
 * when cancelled mid-read).
 */
export async function readBody(request: Request, limit: number): Promise<ReadBody> {
	if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return { bytes: null, unreadable: false, tooLarge: false };
	try {
		const bytes = await readCapped(request.body, limit, undefined, drainBytes);
		return bytes === null ? { bytes: null, unreadable: false, tooLarge: true } : { bytes: new Uint8Array(bytes), unreadable: false, tooLarge: false };
	} catch {
		return { bytes: null, unreadable: true, tooLarge: false };
	}
}
