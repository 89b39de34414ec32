const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Returns the canonical (trimmed, lower-case) form of a workspace id, or `null` when it is not a UUID.
 *
 * Ids arrive from agents as free text and end up in URL paths, so anything but a UUID
 * (`..`, `/`, `%2e`, whitespace inside) is refused before a request can be built.
 * Like the platform, no version or variant check is made; the nil UUID is accepted. Every client
 * method validates its peer ids this way; call it to check an id before you store it.
 *
 * @returns The canonical id, or `null`.
 * @example
 * validatePeerId(' 5F0C3C84-2A4E-4C47-9D2A-3B1F7F1E9A10 '); // '5f0c3c84-2a4e-4c47-9d2a-3b1f7f1e9a10'
 * validatePeerId('../admin'); // null
 */
export function validatePeerId(peerId: unknown): string | null {
	if (typeof peerId !== 'string') return null;
	const id = peerId.trim();
	return uuidPattern.test(id) ? id.toLowerCase() : null;
}
