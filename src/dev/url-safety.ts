type Range = readonly [prefix: readonly number[], bits: number];

// Always blocked, plus the private ranges the platform blocks outside SaaS mode (§3.6).
const blockedV4: readonly Range[] = [
	[[169, 254], 16],
	[[127], 8],
	[[10], 8],
	[[172, 16], 12],
	[[192, 168], 16],
	[[192, 0, 2], 24],
	[[198, 51, 100], 24],
	[[203, 0, 113], 24],
	[[100, 64], 10],
	[[224], 4],
];
const blockedV6: readonly Range[] = [
	[[0xfe, 0x80], 10],
	[[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128],
	[[0xfc], 7],
	[[0x20, 0x01, 0x0d, 0xb8], 32],
];

function inRange(address: readonly number[], [prefix, bits]: Range): boolean {
	for (let bit = 0; bit < bits; bit++) {
		const byte = Math.floor(bit / 8);
		const mask = 0x80 >> (bit % 8);
		if (((address[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
	}
	return true;
}

function parseV4(host: string): number[] | null {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return null;
	return parts.map(Number);
}

/** Parses the compressed hex form WHATWG URLs serialise IPv6 hosts to. */
function parseV6(host: string): number[] | null {
	const halves = host.split('::');
	if (halves.length > 2) return null;
	const groupsOf = (text: string | undefined): string[] => (text ? text.split(':') : []);
	const head = groupsOf(halves[0]);
	const tail = groupsOf(halves[1]);
	const fill = 8 - head.length - tail.length;
	if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
	const groups = [...head, ...Array<string>(fill).fill('0'), ...tail];
	if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
	return groups.flatMap((group) => {
		const value = Number.parseInt(group, 16);
		return [value >> 8, value & 0xff];
	});
}

function isBlockedAddress(host: string): boolean {
	if (host.startsWith('[') && host.endsWith(']')) {
		const address = parseV6(host.slice(1, -1));
		if (address === null) return true;
		const mappedV4 = address.slice(0, 12).every((byte, index) => byte === (index < 10 ? 0 : 0xff));
		if (mappedV4) return blockedV4.some((range) => inRange(address.slice(12), range));
		return blockedV6.some((range) => inRange(address, range));
	}
	const address = parseV4(host);
	return address !== null && blockedV4.some((range) => inRange(address, range));
}

/**
 * `validateAgentURL` (§3.6): http or https only, and no IP literal in a blocked range.
 * `localhost` is allowed by name. Other host names are accepted without the DNS lookup
 * the real server makes, since the dev platform cannot resolve names in every runtime.
 */
export function isAcceptableAgentUrl(raw: string): boolean {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return false;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
	return !isBlockedAddress(url.hostname);
}
