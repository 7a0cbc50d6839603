// JSON-lines logging on stderr. One object per line: time, level, msg, then fields.
// Credentials never belong in a log line; fields that look like one are replaced, so a
// careless call cannot leak a member's token or an invite code.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
	debug(msg: string, fields?: LogFields): void;
	info(msg: string, fields?: LogFields): void;
	warn(msg: string, fields?: LogFields): void;
	error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const SECRET_FIELD = /token|secret|authorization|password|invite/i;

export function isLogLevel(value: string): value is LogLevel {
	return Object.hasOwn(RANK, value);
}

/** A logger writing JSON lines to `write` (stderr by default). */
export function createLogger({
	level = 'info',
	write = (line: string) => void process.stderr.write(line)
}: { level?: LogLevel; write?: (line: string) => void } = {}): Logger {
	const min = RANK[level];
	const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields) => {
		if (RANK[lvl] < min) return;
		const entry: LogFields = { time: new Date().toISOString(), level: lvl, msg };
		for (const [k, v] of Object.entries(fields ?? {})) {
			entry[k] = SECRET_FIELD.test(k) ? '[redacted]' : v instanceof Error ? v.message : v;
		}
		write(JSON.stringify(entry) + '\n');
	};
	return {
		debug: (msg, fields) => emit('debug', msg, fields),
		info: (msg, fields) => emit('info', msg, fields),
		warn: (msg, fields) => emit('warn', msg, fields),
		error: (msg, fields) => emit('error', msg, fields)
	};
}
