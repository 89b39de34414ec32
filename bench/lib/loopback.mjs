import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serverScript = fileURLToPath(new URL('./a2a-server.mjs', import.meta.url));

/**
 * Starts the loopback A2A agent (./a2a-server.mjs, or another server `script` that prints its URL
 * and exits when stdin closes) in a child process; resolves to its URL and a `close`.
 */
export async function startA2AServer(script = serverScript) {
	const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
	const url = await new Promise((resolve, reject) => {
		let output = '';
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`loopback server exited early (code ${code})`)));
		child.stdout.on('data', (chunk) => {
			output += chunk;
			if (output.includes('\n')) resolve(output.trim());
		});
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return {
		url,
		async close() {
			// Closing stdin asks the server to close its sockets and exit; the kill is only a fallback.
			child.stdin.end();
			const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
			await exited;
			clearTimeout(timer);
		},
	};
}
