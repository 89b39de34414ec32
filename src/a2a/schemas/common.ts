import * as v from 'valibot';
import { absent } from '../../schemas/absent.js';
import { decodeBase64 } from '../base64.js';

/** An optional string; `null` reads as absent (servers on some SDKs write every unset field as null). */
export const optionalText = absent(v.string());

/** Metadata (a proto `Struct`): any JSON object, passed through. */
export const metadata = absent(v.record(v.string(), v.unknown()));

/** An optional list of strings. */
export const optionalTexts = absent(v.array(v.string()));

/** Bytes in base64, decoded with atob: a text that is not base64 is an issue, not garbage. */
export const base64Bytes = v.pipe(
	v.string(),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const bytes = decodeBase64(dataset.value);
		if (bytes) return bytes;
		addIssue({ message: 'Invalid base64: the bytes cannot be decoded' });
		return NEVER;
	}),
);

/** `value` without its undefined members, so a normalised object has only what the agent sent. */
export function compact<T extends object>(value: T): T {
	for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
	return value;
}

/** A member the normalised type has and this version never sets (v0.3 media types, v1.0 `final`): absent, typed as the member. */
export const unset = <T>(): T | undefined => undefined;
