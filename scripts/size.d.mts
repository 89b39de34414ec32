export interface Measured {
	minified: number;
	gzipped: number;
	metafile: import('esbuild').Metafile;
}
export function measure(entry: string | { source: string }, options?: { external?: string[] }): Promise<Measured>;
