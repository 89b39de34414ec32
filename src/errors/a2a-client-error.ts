/** Marks our errors with a registry symbol so guards recognise them across realms and bundle copies. */
const brand = Symbol.for('@molecule-ai/a2a-client/error');

/** The facts every error of this package may carry, given to its constructor. */
export interface A2AClientErrorOptions {
	/** The URL the failed operation addressed. */
	target?: string | undefined;
	/** How many attempts the operation made before it failed. */
	attempts?: number | undefined;
	/** The underlying error, when there is one. */
	cause?: unknown;
}

/**
 * Base class of every error this package produces. A bare `A2AClientError` wraps a failure of
 * something else (its `cause`); the subclasses name what went wrong. Test with the `is…` guards
 * rather than `instanceof`, which fails across realms and copies of the package.
 *
 * @example
 * if (outcome.status === 'failed') console.error(`${outcome.error.name} after ${outcome.error.attempts} attempts: ${outcome.error.message}`);
 */
export class A2AClientError extends Error {
	/** The class's name: `'A2AClientError'` here, each subclass's own literal there (`'HttpError'`, …). */
	override name: string = 'A2AClientError';
	/** The URL the failed operation addressed, when it got that far. */
	readonly target: string | undefined;
	/** How many attempts were made; set by the retry loop when it gives up. */
	attempts: number;

	/**
	 * Builds an error wrapping a failure of something else; the subclasses build their own messages.
	 *
	 * @param message What went wrong, free of secrets.
	 * @param options The `target`, `attempts` and `cause`, when known.
	 */
	constructor(message: string, options: A2AClientErrorOptions = {}) {
		super(message, 'cause' in options ? { cause: options.cause } : undefined);
		this.target = options.target;
		this.attempts = options.attempts ?? 0;
		Object.defineProperty(this, brand, { value: true });
	}
}

/**
 * True for any error of this package, even one from another realm or another copy of the package.
 *
 * @example
 * try { createA2AClient(config); } catch (error) { if (isA2AClientError(error)) console.error(error.message); else throw error; }
 */
export function isA2AClientError(value: unknown): value is A2AClientError {
	return value instanceof A2AClientError || (typeof value === 'object' && value !== null && brand in value);
}

/** Builds the `is…` guard of a subclass: a brand check plus the literal `name`. */
export function guardFor<T extends A2AClientError>(name: T['name']): (value: unknown) => value is T {
	return (value: unknown): value is T => isA2AClientError(value) && value.name === name;
}
