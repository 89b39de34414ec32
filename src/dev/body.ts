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
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		const reader = request.body.getReader();
		while (size <= limit) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			size += value.byteLength;
		}
		if (size > limit) {
			await reader.cancel().catch(() => {});
			return { bytes: null, unreadable: false, tooLarge: true };
		}
	} catch {
		return { bytes: null, unreadable: true, tooLarge: false };
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return { bytes, unreadable: false, tooLarge: false };
}
