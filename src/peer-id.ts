const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Returns the canonical (trimmed, lower-case) form of a workspace id, or `null` when it is not a UUID.
 *
 * Ids arrive from agents as free text and end up in URL paths, so anything but a UUID
 * (`..`, `/`, `%2e`, whitespace inside) is refused before a request can be built.
 * Like the platform, no version or variant check is made; the nil UUID is accepted.
 */
export function validatePeerId(peerId: unknown): string | null {
	if (typeof peerId !== 'string') return null;
	const id = peerId.trim();
	return uuidPattern.test(id) ? id.toLowerCase() : null;
}
