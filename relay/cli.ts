// Command-line parsing for `npm run relay -- [command] [--flag value …]`.

export const COMMANDS = ['serve', 'token', 'revoke', 'backup', 'restore', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

const BOOLEAN_FLAGS = new Set(['no-fsync', 'force', 'help']);

export interface ParsedArgs {
	command: Command;
	flags: Record<string, string | true>;
}

/** Split argv into a command (default `serve`) and `--flag value` / `--flag=value` pairs. */
export function parseArgs(argv: string[]): ParsedArgs {
	let command: Command = 'serve';
	const flags: Record<string, string | true> = {};
	let i = 0;
	if (argv[0] !== undefined && !argv[0].startsWith('-')) {
		if (!(COMMANDS as readonly string[]).includes(argv[0])) {
			throw new Error(`unknown command "${argv[0]}" (expected one of: ${COMMANDS.join(', ')})`);
		}
		command = argv[0] as Command;
		i = 1;
	}
	for (; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
		const eq = arg.indexOf('=');
		const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
		if (eq > 0) flags[name] = arg.slice(eq + 1);
		else if (BOOLEAN_FLAGS.has(name)) flags[name] = true;
		else if (argv[i + 1] === undefined || argv[i + 1].startsWith('--')) throw new Error(`--${name} needs a value`);
		else flags[name] = argv[++i];
	}
	if (flags.help) command = 'help';
	return { command, flags };
}

/** Throw unless every flag is one of `allowed`. */
export function checkFlags(command: string, flags: Record<string, unknown>, allowed: readonly string[]): void {
	for (const name of Object.keys(flags)) {
		if (!allowed.includes(name)) {
			throw new Error(`unknown option --${name} for "${command}" (allowed: ${allowed.map((f) => '--' + f).join(', ')})`);
		}
	}
}

/** The value of a required flag. */
export function required(flags: Record<string, string | true>, name: string, what: string): string {
	const value = flags[name];
	if (typeof value !== 'string' || value === '') throw new Error(`--${name} ${what} is required`);
	return value;
}

export const USAGE = `Rapport relay

  npm run relay -- [--port 8787] [--host 127.0.0.1] [--data ./relay-data] [--cert FILE --key FILE]
                   [--max-message-bytes N] [--rate-messages N] [--rate-burst N] [--rate-bytes N]
                   [--rate-byte-burst N] [--max-room-connections N] [--room-idle-ms N] [--ping-ms N]
                   [--flush-ms N] [--compact-every N] [--max-buffered-bytes N]
                   [--max-total-buffered-bytes N] [--no-fsync]
                   [--log-level debug|info|warn|error|silent]
      serve: websocket at ws(s)://HOST:PORT/sync/<workspace>?token=…, HTTP API at /api, /healthz, /metrics
  npm run --silent relay -- token --data DIR --workspace ID --role owner|editor|viewer [--member ID] [--name NAME]
      print a member token (and only the token) on stdout
  npm run relay -- revoke --data DIR --workspace ID --member ID
      revoke a member; a running relay closes their connections at once
  npm run relay -- backup --data DIR --out FILE
      write a consistent copy of every room (asks the running relay when it holds the store)
  npm run relay -- restore --data DIR --in FILE [--force]
      load a backup into a stopped relay's data directory

Environment: PORT, HOST, RELAY_DATA (default ./relay-data), RELAY_SECRET (else DIR/secret), RELAY_LOG_LEVEL.
`;
