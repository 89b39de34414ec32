import type { FetchFunction } from '../../src/index.js';

/** A request as the scripted fetch saw it. */
export interface SeenRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body: string;
	json: unknown;
}

/** A reply, a thrown error, or a function of the request (its body already read, as `seen`). */
export type Step = Response | Error | ((request: Request, seen: SeenRequest) => Response | Promise<Response>);

export interface ScriptedFetch {
	fetch: FetchFunction;
	readonly calls: SeenRequest[];
	/** Requests started but not finished. */
	readonly inFlight: number;
}

/** A JSON response, as the platform would send it. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/**
 * A fetch that plays `steps` in order (the last repeats): a Response is returned, an Error thrown,
 * a function called with the request. Records every request with its headers and body.
 */
export function scriptedFetch(...steps: Step[]): ScriptedFetch {
	const calls: SeenRequest[] = [];
	let inFlight = 0;
	const fetch: FetchFunction = async (request) => {
		inFlight++;
		try {
			const body = await request.text();
			let parsed: unknown;
			try {
				parsed = body ? JSON.parse(body) : undefined;
			} catch {
				parsed = undefined;
			}
			const seen: SeenRequest = { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body, json: parsed };
			calls.push(seen);
			const step = steps[Math.min(calls.length - 1, steps.length - 1)];
			if (step === undefined) throw new Error('scriptedFetch: no steps');
			if (step instanceof Error) throw step;
			return typeof step === 'function' ? await step(request, seen) : step.clone();
		} finally {
			inFlight--;
		}
	};
	return {
		fetch,
		calls,
		get inFlight() {
			return inFlight;
		},
	};
}

/** A network failure as fetch reports it (undici shape: TypeError with a coded cause). */
export function networkError(code = 'ECONNREFUSED', message = `connect ${code} 127.0.0.1:8080`): TypeError {
	const cause = Object.assign(new Error(message), { code });
	return new TypeError('fetch failed', { cause });
}

/** A fetch that never answers until its request is aborted. */
export function hangingFetch(): ScriptedFetch {
	return scriptedFetch(
		(request) =>
			new Promise<Response>((_, reject) => {
				if (request.signal.aborted) reject(request.signal.reason);
				request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
			}),
	);
}
