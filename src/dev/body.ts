import { readCapped } from '../internal/body.js';

/** A request body as the platform read it. */
export interface ReadBody {
	bytes: Uint8Array<ArrayBuffer> | null;
	unreadable: boolean;
	tooLarge: boolean;
}

/**
 * Reads at most `limit` bytes of the body, plus one to know whether there was more: a body over the
 * limit is not kept (`tooLarge`), and reading stops there, as Go's `MaxBytesReader` stops.
 */
export async function readBody(request: Request, limit: number): Promise<ReadBody> {
	if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return { bytes: null, unreadable: false, tooLarge: false };
	try {
		const bytes = await readCapped(request.body, limit);
		return bytes === null ? { bytes: null, unreadable: false, tooLarge: true } : { bytes: new Uint8Array(bytes), unreadable: false, tooLarge: false };
	} catch {
		return { bytes: null, unreadable: true, tooLarge: false };
	}
}
