import { pathToFileURL } from 'node:url';

/**
 * Lets each benchmark file run on its own (`node bench/cache-hit.mjs [--smoke]`): the runner
 * starts one fresh process per benchmark so JIT state, sockets and heap never leak between them,
 * and reads the result as JSON from stdout. Progress goes to stderr.
 */
export async function runIfMain(meta, run) {
	if (!process.argv[1] || meta.url !== pathToFileURL(process.argv[1]).href) return;
	const smoke = process.argv.includes('--smoke');
	const result = await run({ smoke });
	process.stdout.write(`${JSON.stringify(result)}\n`);
	// A handle left open (a socket, a child) would hang the runner; name the problem and leave anyway.
	setTimeout(() => {
		console.error(`${meta.url}: handles still open after the benchmark finished`);
		process.exit(0);
	}, 2000).unref();
}

export const log = (...parts) => console.error(...parts);
