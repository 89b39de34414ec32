import { configFromEnv, isConfigError, type A2AClientConfig, type ConfigError, type EnvConfig } from '../index.js';
import { UsageError } from './args.js';
import { printError } from './output.js';
import { tokenFilePath, tokenFileSource } from './token-file.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The flags every client command accepts. */
export const clientOptions = {
	'platform-url': { type: 'string' },
	'workspace-id': { type: 'string' },
	token: { type: 'string' },
	'org-id': { type: 'string' },
	json: { type: 'boolean' },
	help: { type: 'boolean', short: 'h' },
} as const;

export interface ClientFlags {
	'platform-url'?: string | undefined;
	'workspace-id'?: string | undefined;
	token?: string | undefined;
	'org-id'?: string | undefined;
}

export const clientOptionsHelp = `Configuration (flags win over the environment):
  --platform-url URL   else PLATFORM_URL (default http://localhost:8080)
  --workspace-id ID    else WORKSPACE_ID (required): the workspace you speak for
  --token TOKEN        else MOLECULE_WORKSPACE_TOKEN, else the file \${CONFIGS_DIR:-/configs}/.auth_token
  --org-id ID          else MOLECULE_ORG_ID: the organisation, which a platform serving one requires
  --json               print one JSON document on stdout
  -h, --help           show this help`;

/**
 * Client configuration from flags, then the environment, then the token file. Flags are laid over
 * the environment so `configFromEnv` applies one set of rules (trimming, blank means unset) to both.
 */
export async function clientConfig(flags: ClientFlags, env: Env, workspaceFallback?: string): Promise<A2AClientConfig> {
	const overrides: Record<string, string> = {};
	// A command that speaks for nobody (card-url) still needs some id to make a client with.
	if (workspaceFallback !== undefined && !env['WORKSPACE_ID']?.trim()) overrides['WORKSPACE_ID'] = workspaceFallback;
	if (flags['workspace-id'] !== undefined) overrides['WORKSPACE_ID'] = flags['workspace-id'];
	if (flags['platform-url'] !== undefined) overrides['PLATFORM_URL'] = flags['platform-url'];
	if (flags.token !== undefined) overrides['MOLECULE_WORKSPACE_TOKEN'] = flags.token;
	if (flags['org-id'] !== undefined) overrides['MOLECULE_ORG_ID'] = flags['org-id'];
	let config: EnvConfig;
	try {
		config = configFromEnv({ ...env, ...overrides });
	} catch (error) {
		if (isConfigError(error) && error.field === 'WORKSPACE_ID') throw new UsageError('no workspace id: pass --workspace-id or set WORKSPACE_ID');
		throw error;
	}
	return { ...config, token: config.token ?? (await tokenFileSource(tokenFilePath(env), printError)) };
}

/** Where a person sets each client option a `ConfigError` can name: the CLI's flag and the variable it falls back to. */
const settingNames: Readonly<Record<string, string>> = {
	workspaceId: '--workspace-id (or WORKSPACE_ID)',
	platformUrl: '--platform-url (or PLATFORM_URL)',
	origin: '--platform-url (or PLATFORM_URL)',
	token: '--token (or MOLECULE_WORKSPACE_TOKEN, or the token file)',
	orgId: '--org-id (or MOLECULE_ORG_ID)',
	'retry.maxAttempts': '--max-attempts',
};

/**
 * A `ConfigError`'s message with the option it names (`workspaceId`) replaced by what a CLI user
 * sets (`--workspace-id (or WORKSPACE_ID)`); other messages are returned as they are.
 */
export function configProblem(error: ConfigError): string {
	// The CLI reads the token file before the first request, so a token that did not come in time is
	// the file read again after a 401, inside --timeout: say so, in the flag's units.
	const tokenLate = error.field === 'token' ? /provider did not answer within (\d+) ms/.exec(error.message) : null;
	if (tokenLate) return `the token file was not read again (after HTTP 401) within --timeout (${Number(tokenLate[1]) / 1000} s); raise --timeout`;
	// fetch refuses some addresses outright (a blocked port, credentials in the URL): the URL is the setting at fault.
	if (error.field === 'fetch' && error.target !== undefined) {
		return `${error.message}; check --platform-url (or PLATFORM_URL): ${new URL(error.target).origin}`;
	}
	const name = settingNames[error.field];
	return name !== undefined && error.message.startsWith(`${error.field} `) ? name + error.message.slice(error.field.length) : error.message;
}
