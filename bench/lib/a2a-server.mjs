// The loopback A2A agent, run as its own process so that, on a 2-core machine, the server's CPU
// time is not charged to the client being measured. It reads and parses every POST body and
// answers a JSON-RPC reply carrying the request's id: `SendMessage` (A2A v1.0, as @a2a-js/sdk
// sends it) gets the v1.0 shape, anything else (`message/send`, v0.3) the v0.3 shape of the same
// Message. Parsing every body keeps the server's work equal for both protocols.
// Prints its URL on stdout; exits when stdin closes, so it never outlives the benchmark.
import { createServer } from 'node:http';
import { replyV03, replyV10 } from './fixtures.mjs';

const server = createServer((request, response) => {
	if (request.method !== 'POST') {
		response.writeHead(405).end();
		return;
	}
	const chunks = [];
	request.on('data', (chunk) => chunks.push(chunk));
	request.on('end', () => {
		let rpc = {};
		try {
			rpc = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		} catch {}
		const result = rpc.method === 'SendMessage' ? replyV10 : replyV03;
		const body = JSON.stringify({ jsonrpc: '2.0', id: rpc.id ?? null, result });
		response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
		response.end(body);
	});
});

server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});

process.stdin.resume();
process.stdin.on('end', () => {
	server.closeAllConnections();
	server.close(() => process.exit(0));
});
