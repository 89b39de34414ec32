// Serves the browser example and starts a dev platform that lets the page call it cross-origin.
// After `npm run build`:  node examples/browser/serve.mjs [--port N] [--platform-port N]
// then open the URL it prints. Ports default to free ones; Ctrl-C stops both servers.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDevPlatform, demoOrg } from '@molecule-ai/a2a-client/dev';
import { serve } from '@molecule-ai/a2a-client/node';

const root = resolve(import.meta.dirname, '../..');
// Only what the page needs is served: the example, the built package and its two dependencies.
const servedPrefixes = ['/examples/browser/', '/examples/shared/', '/dist/', '/node_modules/ky/', '/node_modules/valibot/'];
const contentTypes = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json' };

function servePage(request, response) {
	let path = decodeURIComponent(new URL(request.url ?? '/', 'http://page').pathname);
	if (path === '/' || path === '/examples/browser') path = '/examples/browser/';
	if (path.endsWith('/')) path += 'index.html';
	const file = join(root, path);
	if (!servedPrefixes.some((prefix) => path.startsWith(prefix)) || path.includes('..') || !existsSync(file)) {
		response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
		return;
	}
	response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
}

const { values } = parseArgs({ options: { port: { type: 'string' }, 'platform-port': { type: 'string' } } });
const page = createServer(servePage);
await new Promise((done) => page.listen(Number(values.port ?? 0), '127.0.0.1', done));
const pageOrigin = `http://127.0.0.1:${page.address().port}`;

const org = demoOrg();
const platform = createDevPlatform({ workspaces: org.workspaces, corsOrigins: [pageOrigin] });
const platformServer = await serve(platform.fetch, { host: '127.0.0.1', port: Number(values['platform-port'] ?? 0) });

console.log(`Dev platform at ${platformServer.url} (CORS allows ${pageOrigin})`);
console.log(`Open ${pageOrigin}/examples/browser/?platformUrl=${encodeURIComponent(platformServer.url)}`);
console.log(`  try the Echo peer, then paste the Auditor (${org.ids.auditor}), which is outside the hierarchy`);

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, async () => {
		page.closeAllConnections();
		await Promise.all([new Promise((done) => page.close(done)), platformServer.close()]);
		process.exit(0);
	});
}
