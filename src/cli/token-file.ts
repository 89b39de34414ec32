import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenSource } from '../index.js';

/** Where the workspace runtime keeps its bearer token (spec §1.3). */
export function tokenFilePath(env: Readonly<Record<string, string | undefined>>): string {
	return join(env['CONFIGS_DIR']?.trim() || '/configs', '.auth_token');
}

/**
 * The token file as a token source: read once before it is returned, trimmed, and read again when
 * the platform answers 401, because the runtime rewrites the file when the platform mints a new token.
 * Read up front so the first request does not wait on the disk inside its own `--timeout`: a short
 * timeout must not be blamed on the token (issue 9 trial, item 2).
 * A missing or blank file means "no token"; an unreadable one is reported, never its content.
 *
 * @param path - the file, e.g. `/configs/.auth_token`
 * @param warn - called with one line when the file exists but cannot be read
 * @returns a source whose `get()` answers synchronously with the last value read
 * @example
 * const token = await tokenFileSource(tokenFilePath(process.env), console.error);
 */
export async function tokenFileSource(path: string, warn: (message: string) => void): Promise<TokenSource> {
	const read = async (): Promise<string | undefined> => {
		try {
			return (await readFile(path, 'utf8')).trim() || undefined;
		} catch (error) {
			const code = (error as { code?: unknown }).code;
			if (code !== 'ENOENT') warn(`cannot read the token file ${path} (${String(code ?? error)}); sending no token`);
			return undefined;
		}
	};
	let current = await read();
	return {
		get: () => current,
		refresh: async () => (current = await read()),
	};
}
