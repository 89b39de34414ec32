import { runtime } from '../internal/runtime.js';
import { thrownText } from '../redaction.js';
/**
 * The agent's own secrets (its token and inbound secret, as they are learnt) and their removal from
 * what the agent writes: log lines and error text. The core redacts the tokens it sends; the inbound
 * secret never passes through it, so the agent keeps its own list.
 */
export class Secrets {
	readonly #values = new Set<string>();

	remember(value: string | undefined): void {
		// Short values would blank out ordinary words; platform secrets are 43 characters.
		if (value && value.length >= 8) this.#values.add(value);
	}

	redact = (text: string): string => {
		let result = text;
		for (const value of this.#values) result = result.replaceAll(value, '[redacted]');
		return result;
	};

	/** The error's message, redacted; anything else thrown by its string `message` (a plain object), else as text. */
	describe = (error: unknown): string => this.redact(error instanceof Error ? error.message : thrownText(error));
}

const encoder = new TextEncoder();

async function digest(text: string): Promise<Uint8Array> {
	return new Uint8Array(await runtime('crypto', 'crypto').subtle.digest('SHA-256', encoder.encode(text)));
}

/**
 * Whether `given` equals `expected`, in time that does not depend on where they differ: both are
 * hashed first (SHA-256, so equal lengths), then every byte is compared. Only the length of `given`
 * shows in the time the hash takes, and that is the caller's own input.
 */
export async function sameSecret(given: string, expected: Uint8Array): Promise<boolean> {
	const actual = await digest(given);
	let difference = 0;
	for (let index = 0; index < expected.length; index++) difference |= (actual[index] ?? 0) ^ (expected[index] ?? 0);
	return difference === 0 && actual.length === expected.length;
}

/** The digest `sameSecret` compares against, computed once per secret. */
export const secretDigest = digest;

/**
 * The default idempotency key of a delegation, as the Python tools derive it: the first 32 hex
 * characters of SHA-256 over `<source>:<target>:<task>`.
 */
export async function delegationKey(source: string, target: string, task: string): Promise<string> {
	const bytes = await digest(`${source}:${target}:${task}`);
	return Array.from(bytes.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
