import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenSource } from '../index.js';

/** Where the workspace runtime keeps its bearer token (spec §1.3). */
export function tokenFilePath(env: Readonly<Record<string, string | undefined>>): string {
	return join(env['CONFIGS_DIR']?.trim() || '/configs', '.auth_token');
}

/**
 * The token file as a token source: read once, trimmed, and read again when the platform answers
 * 401, because the runtime rewrites the file when the platform mints a new token.
 * A missing or blank file means "no token"; an unreadable one is reported, never its content.
 */
export function tokenFileSource(path: string, warn: (message: string) => void): TokenSource {
	const read = async (): Promise<string | undefined> => {
		try {
			return (await readFile(path, 'utf8')).trim() || undefined;
		} catch (error) {
			const code = (error as { code?: unknown }).code;
			if (code !== 'ENOENT') warn(`cannot read the token file ${path} (${String(code ?? error)}); sending no token`);
			return undefined;
		}
	};
	let current: Promise<string | undefined> | undefined;
	return {
		get: () => (current ??= read()),
		refresh: () => (current = read()),
	};
}
