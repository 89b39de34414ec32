export interface Measured {
	minified: number;
	gzipped: number;
	metafile: import('esbuild').Metafile;
	/** Repo-relative files whose code is in the bundle, traced through the inputs' source maps. */
	sources: string[];
}
export interface Budget {
	/** The key in package.json `exports`. */
	entry: string;
	/** Source only this entry may ship: a folder (`src/dev/`) or a file. */
	source?: string;
	/** Bytes, minified and gzip -9, with the dependencies bundled. */
	allGzipped: number;
	/** Bytes, minified and gzip -9, with the dependencies left out. */
	ownGzipped: number;
	mayContain?: string[];
	program?: boolean;
}
export interface MeasuredEntry extends Budget {
	file: string;
	all: Measured;
	own: Measured;
	sources: string[];
	foreign: string[];
}
export const budgets: Budget[];
export const dependencies: string[];
export const exportedEntries: string[];
export function measure(entry: string | { source: string }, options?: { external?: string[] }): Promise<Measured>;
export function sourcesOf(file: string): Promise<string[]>;
export function foreignSources(row: Budget, sources: string[], table?: Budget[]): string[];
export function distFileOf(entry: string): string;
export function measureEntries(table?: Budget[]): Promise<MeasuredEntry[]>;
export function duplicatedModules(rows: Pick<MeasuredEntry, 'own' | 'program'>[]): { source: string; files: string[] }[];
export function formatTable(rows: MeasuredEntry[]): { ok: boolean; text: string };
