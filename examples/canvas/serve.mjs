// Serves the canvas example page and starts a dev platform (the demo organisation, with /ws) that the
// page calls cross-origin with a session cookie. After `npm run build`:
//   npm run example:canvas            (or: node examples/canvas/serve.mjs [--port N] [--platform-port N])
// then open the URL it prints. Ports default to free ones; Ctrl-C stops both servers.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createA2AClient } from '@molecule-ai/a2a-client';
import { createDevPlatform, demoOrg } from '@molecule-ai/a2a-client/dev';
import { serve } from '@molecule-ai/a2a-client/node';

const root = resolve(import.meta.dirname, '../..');
// Only what the page needs is served: the example, the built package and its three browser dependencies.
const servedPrefixes = ['/examples/canvas/', '/dist/', '/node_modules/ky/', '/node_modules/valibot/', '/node_modules/eventsource-parser/'];
const contentTypes = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json' };

const org = demoOrg();
// The person's session. On a real platform the control plane's login sets the session cookie; here the
// page server sets the dev platform's stand-in (contract §2.7). Cookies ignore ports, so the browser sends
// it to the platform on another port of 127.0.0.1 too, and the page itself never holds a token.
// It belongs to the Orchestrator's organisation: the demo's other root, Finance, answers it 403.
const session = randomUUID();
const sessionCookie = `molecule_dev_session=${session}; Path=/; HttpOnly; SameSite=Lax`;

function servePage(request, response) {
	let path = decodeURIComponent(new URL(request.url ?? '/', 'http://page').pathname);
	if (path === '/' || path === '/examples/canvas') path = '/examples/canvas/';
	if (path.endsWith('/')) path += 'index.html';
	const file = join(root, path);
	if (!servedPrefixes.some((prefix) => path.startsWith(prefix)) || path.includes('..') || !existsSync(file)) {
		response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
		return;
	}
	const headers = { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
	if (extname(file) === '.html') headers['set-cookie'] = sessionCookie;
	response.writeHead(200, headers).end(readFileSync(file));
}

/** Some agent traffic, so the page's traffic panel and delegation drawing have something to show. */
async function seedTraffic(platform, platformUrl) {
	const orchestrator = createA2AClient({ platformUrl, workspaceId: org.caller, token: 'dev-token-orchestrator', fetch: platform.fetch });
	await orchestrator.sendMessage(org.ids.echo, 'status of the release notes?');
	const delegate = (target, task) =>
		platform.fetch(
			new Request(`${platformUrl}/workspaces/${org.caller}/delegate`, {
				method: 'POST',
				headers: { authorization: 'Bearer dev-token-orchestrator', 'content-type': 'application/json' },
				body: JSON.stringify({ target_id: target, task }),
			}),
		);
	for (const [target, task] of [
		[org.ids.researcher, 'Find out how the platform routes messages'],
		[org.ids.echo, 'Repeat the plan back to me'],
		[org.ids.busy, 'Draft the weekly report'],
	]) {
		const answer = await delegate(target, task);
		if (answer.status !== 202) throw new Error(`seeding a delegation answered ${answer.status}: ${await answer.text()}`);
	}
}

const { values } = parseArgs({ options: { port: { type: 'string' }, 'platform-port': { type: 'string' } } });
const page = createServer(servePage);
await new Promise((done) => page.listen(Number(values.port ?? 0), '127.0.0.1', done));
const pageOrigin = `http://127.0.0.1:${page.address().port}`;

const platform = createDevPlatform({
	workspaces: org.workspaces,
	adminToken: org.adminToken,
	sessionCookies: [{ cookie: session, org: org.caller }],
	corsOrigins: [pageOrigin],
});
const platformServer = await serve(platform.fetch, { host: '127.0.0.1', port: Number(values['platform-port'] ?? 0), webSocket: platform.webSocket });
await seedTraffic(platform, platformServer.url);

console.log(`Dev platform at ${platformServer.url} (admin token ${org.adminToken}; CORS allows ${pageOrigin})`);
console.log(`Open ${pageOrigin}/examples/canvas/?platformUrl=${encodeURIComponent(platformServer.url)}`);
console.log(`  chat with Echo, wait on Busy (queued), or open the Auditor (${org.ids.auditor}): another organisation, 403`);

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, async () => {
		page.closeAllConnections();
		await Promise.all([new Promise((done) => page.close(done)), platform.close(), platformServer.close()]);
		process.exit(0);
	});
}
