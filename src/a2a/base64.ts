// Bytes to and from base64 with the web's own atob/btoa, so raw parts work in browsers and
// workers: a2a-js decodes them with Node's Buffer and throws there (notes §1).

/** The bytes of a base64 or base64url text (padding optional); `undefined` when it is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
	const standard = text.replace(/[\r\n]/g, '').replace(/-/g, '+').replace(/_/g, '/');
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard) || standard.replace(/=+$/, '').length % 4 === 1) return undefined;
	const padded = standard.replace(/=+$/, '').padEnd(Math.ceil(standard.replace(/=+$/, '').length / 4) * 4, '=');
	const binary = atob(padded);
	const bytes = new Uint8Array(binary.length);
	for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
	return bytes;
}

/** `bytes` as standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
	let binary = '';
	// In slices: String.fromCharCode takes its arguments on the stack.
	for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
	return btoa(binary);
}
