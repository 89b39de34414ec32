/**
 * A WebSocket the test drives: every `new FakeWebSocket(url, protocols)` is recorded in `sockets`;
 * the test opens it, sends it frames, drops it. Listeners are counted, so a test can see that none
 * is left once the client let go of a socket.
 */
export class FakeWebSocket extends EventTarget {
	static sockets: FakeWebSocket[] = [];
	readonly url: string;
	readonly protocols: string[];
	readyState = 0;
	protocol = '';
	/** The code the client closed it with, once it did. */
	closedWith: number | undefined;
	readonly #listeners = new Set<string>();
	readonly #ids = new WeakMap<object, number>();
	#nextId = 0;

	constructor(url: string, protocols?: string | string[]) {
		super();
		this.url = url;
		this.protocols = protocols === undefined ? [] : Array.isArray(protocols) ? protocols : [protocols];
		FakeWebSocket.sockets.push(this);
	}

	/** Listeners still attached. */
	get listeners(): number {
		return this.#listeners.size;
	}

	#key(type: string, listener: EventListenerOrEventListenerObject | null): string {
		if (listener === null) return `${type} null`;
		if (!this.#ids.has(listener)) this.#ids.set(listener, ++this.#nextId);
		return `${type} ${this.#ids.get(listener)}`;
	}

	override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void {
		this.#listeners.add(this.#key(type, listener));
		super.addEventListener(type, listener, options);
	}

	override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void {
		this.#listeners.delete(this.#key(type, listener));
		super.removeEventListener(type, listener, options);
	}

	/** The server accepts the handshake, selecting `molecule-ws`. */
	open(): this {
		this.readyState = 1;
		this.protocol = 'molecule-ws';
		this.dispatchEvent(new Event('open'));
		return this;
	}

	/** The server sends a frame (text, or binary when given bytes). */
	send(data: string | ArrayBuffer): this {
		this.dispatchEvent(new MessageEvent('message', { data }));
		return this;
	}

	/** The connection ends from the server's side (or the network's). */
	drop(code = 1006): this {
		this.readyState = 3;
		this.dispatchEvent(Object.assign(new Event('close'), { code, reason: '' }));
		return this;
	}

	close(code?: number): void {
		this.closedWith = code;
		if (this.readyState === 3) return;
		this.readyState = 3;
		this.dispatchEvent(Object.assign(new Event('close'), { code: code ?? 1005, reason: '' }));
	}
}
