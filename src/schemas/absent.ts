import * as v from 'valibot';

/**
 * An optional member where `null` means absent: servers built on the .NET A2A SDK (and others)
 * write every unset field as `null`. Both read as `undefined`, so no reader has to tell them apart.
 */
export const absent = <TSchema extends v.GenericSchema>(schema: TSchema) =>
	v.optional(v.pipe(v.nullable(schema), v.transform((value) => value ?? undefined)));
