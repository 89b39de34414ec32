import { describe, expect, test } from 'vitest';
import * as api from '../../src/index.js';

const classes = [
	['A2AClientError', () => new api.A2AClientError('m'), api.isA2AClientError],
	['ConfigError', () => new api.ConfigError('f', 'p'), api.isConfigError],
	['InvalidPeerIdError', () => new api.InvalidPeerIdError('x'), api.isInvalidPeerIdError],
	['InvalidMessageError', () => new api.InvalidMessageError('f', 'p'), api.isInvalidMessageError],
	['TransportError', () => new api.TransportError('ReadError', 'm'), api.isTransportError],
	['HttpError', () => new api.HttpError(500), api.isHttpError],
	['JsonRpcError', () => new api.JsonRpcError('m', 1, undefined), api.isJsonRpcError],
	['AgentError', () => new api.AgentError('m'), api.isAgentError],
	['UnexpectedResponseError', () => new api.UnexpectedResponseError('m', 200), api.isUnexpectedResponseError],
	['ResponseValidationError', () => new api.ResponseValidationError([]), api.isResponseValidationError],
] as const;

describe('error classes', () => {
	test.each(classes)('%s has its literal name, extends A2AClientError and Error, and its guard knows it', (name, make, guard) => {
		const error = make();
		expect(error.name).toBe(name);
		expect(error).toBeInstanceOf(api.A2AClientError);
		expect(error).toBeInstanceOf(Error);
		expect(guard(error)).toBe(true);
		expect(api.isA2AClientError(error)).toBe(true);
	});

	test.each(classes)('the %s guard refuses other errors and look-alikes without the brand', (name, _make, guard) => {
		expect(guard(new Error('x'))).toBe(false);
		expect(guard({ name, message: 'x' })).toBe(false);
		expect(guard(null)).toBe(false);
		expect(guard(undefined)).toBe(false);
	});

	test('guards recognise an error from another realm or another copy of the package by its brand', () => {
		const foreign = Object.assign(Object.create(Error.prototype) as object, { name: 'HttpError', message: 'x', status: 500 });
		Object.defineProperty(foreign, Symbol.for('@molecule-ai/a2a-client/error'), { value: true });
		expect(api.isHttpError(foreign)).toBe(true);
		expect(api.isA2AClientError(foreign)).toBe(true);
		expect(api.isJsonRpcError(foreign)).toBe(false);
	});

	test('keeps the cause it was given', () => {
		const cause = new Error('root');
		expect(new api.TransportError('ConnectError', 'm', { cause }).cause).toBe(cause);
	});
});
