type Range = readonly [prefix: readonly number[], bits: number, label: string];

// Blocked in every mode except loopback, which the dev platform allows as the server does in
// development (contract §5.1).
const alwaysV4: readonly Range[] = [
	[[127], 8, 'loopback'],
	[[169, 254], 16, 'link-local'],
	[[192, 0, 2], 24, 'documentation'],
	[[198, 51, 100], 24, 'documentation'],
	[[203, 0, 113], 24, 'documentation'],
	[[100, 64], 10, 'carrier-grade NAT'],
	[[224], 4, 'multicast'],
];
// Blocked when the platform is self-hosted (no org id); SaaS workspaces live on private addresses.
const privateV4: readonly Range[] = [
	[[10], 8, 'private'],
	[[172, 16], 12, 'private'],
	[[192, 168], 16, 'private'],
];
const alwaysV6: readonly Range[] = [
	[[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, 'loopback'],
	[[0xfe, 0x80], 10, 'link-local'],
	[[0xfc], 8, 'unique local'],
	[[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
];
const privateV6: readonly Range[] = [[[0xfd], 8, 'unique local']];

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

/** The IPv4 bytes of a host, IPv4-mapped IPv6 included; `null` for names and other IPv6. */
function v4Of(host: string): number[] | null {
	if (!(host.startsWith('[') && host.endsWith(']'))) return parseV4(host);
	const address = parseV6(host.slice(1, -1));
	const mapped = address?.slice(0, 12).every((byte, index) => byte === (index < 10 ? 0 : 0xff));
	return address && mapped ? address.slice(12) : null;
}

/** The label of the range an IP literal falls in, `'invalid'` for an unparseable IPv6, or `null`. */
function rangeOf(host: string, ranges: { v4: readonly Range[]; v6: readonly Range[] }): string | null {
	const v4 = v4Of(host);
	if (v4) return ranges.v4.find((range) => inRange(v4, range))?.[2] ?? null;
	if (!(host.startsWith('[') && host.endsWith(']'))) return null;
	const v6 = parseV6(host.slice(1, -1));
	if (v6 === null) return 'invalid';
	return ranges.v6.find((range) => inRange(v6, range))?.[2] ?? null;
}

/**
 * `validateAgentURL` (contract §5.1): the problem with an agent URL in the register's own words, or
 * `null`. http or https only; no IP literal in a blocked range except loopback (the dev platform
 * runs as a development server); private ranges only when `saas`. Host names are accepted without
 * the DNS lookup the real server makes, since the dev platform cannot resolve names in every runtime.
 */
export function agentUrlProblem(raw: string, saas: boolean): string | null {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return `url is not valid: ${JSON.stringify(raw)} is not an absolute URL`;
	}
	const scheme = url.protocol.slice(0, -1);
	if (scheme !== 'http' && scheme !== 'https') return `url scheme must be http or https, got "${scheme}"`;
	const blocked = {
		v4: [...alwaysV4, ...(saas ? [] : privateV4)].filter((range) => range[2] !== 'loopback'),
		v6: [...alwaysV6, ...(saas ? [] : privateV6)].filter((range) => range[2] !== 'loopback'),
	};
	const label = rangeOf(url.hostname, blocked);
	return label === null ? null : `url targets a blocked address: ${label}`;
}

/**
 * Whether the platform authenticates itself to this URL with the inbound secret (contract §7.4):
 * any host name, `localhost` included, except `ws-<id>` container names and their
 * `ws-<id>.moleculesai.app` tunnels; IP literals only when neither loopback nor private.
 */
export function isExternalUrl(raw: string): boolean {
	let host: string;
	try {
		host = new URL(raw).hostname;
	} catch {
		return false;
	}
	if (/^ws-[^.]+$/.test(host) || /^ws-[^.]+\.moleculesai\.app$/.test(host)) return false;
	const isLiteral = v4Of(host) !== null || (host.startsWith('[') && host.endsWith(']'));
	if (!isLiteral) return true;
	const internal = rangeOf(host, { v4: [...alwaysV4, ...privateV4], v6: [...alwaysV6, ...privateV6] });
	return internal === null;
}
