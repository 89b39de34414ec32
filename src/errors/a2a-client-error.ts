/** Marks our errors with a registry symbol so guards recognise them across realms and bundle copies. */
const brand = Symbol.for('@molecule-ai/a2a-client/error');

export interface A2AClientErrorOptions {
	/** The URL the failed operation addressed. */
	target?: string | undefined;
	/** How many attempts the operation made before it failed. */
	attempts?: number | undefined;
	/** The underlying error, when there is one. */
	cause?: unknown;
}

/** Base class of every error this package produces. */
export class A2AClientError extends Error {
	override name: string = 'A2AClientError';
	/** The URL the failed operation addressed, when it got that far. */
	readonly target: string | undefined;
	/** How many attempts were made; set by the retry loop when it gives up. */
	attempts: number;

	constructor(message: string, options: A2AClientErrorOptions = {}) {
		super(message, 'cause' in options ? { cause: options.cause } : undefined);
		this.target = options.target;
		this.attempts = options.attempts ?? 0;
		Object.defineProperty(this, brand, { value: true });
	}
}

/** True for any error of this package, even one from another realm or another copy of the package. */
export function isA2AClientError(value: unknown): value is A2AClientError {
	return value instanceof A2AClientError || (typeof value === 'object' && value !== null && brand in value);
}

/** Builds the `is…` guard of a subclass: a brand check plus the literal `name`. */
export function guardFor<T extends A2AClientError>(name: T['name']): (value: unknown) => value is T {
	return (value: unknown): value is T => isA2AClientError(value) && value.name === name;
}
