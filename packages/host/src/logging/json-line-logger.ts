import type { Clock, LogFields, Logger } from "@bedrock-kit/plugin-host";

/** Log levels, quietest last; `silent` logs nothing. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** The variable that sets the default logger's level. */
export const LOG_LEVEL_ENV_VAR = "BEDROCK_KIT_LOG";

/** Read a level from `$BEDROCK_KIT_LOG`; unset or unknown means `warn`. */
export function parseLogLevel(value: string | undefined): LogLevel {
  const normalized = value?.trim().toLowerCase();
  if (normalized === "off" || normalized === "none") return "silent";
  return normalized !== undefined && normalized in LEVEL_RANK ? (normalized as LogLevel) : "warn";
}

/** What the JSON-lines logger takes. */
export interface JsonLineLoggerOptions {
  /** Lowest level written. */
  level: LogLevel;
  /** Receives each line, newline included; default: stderr. */
  write?: (line: string) => void;
  /** Time source for the `time` field; default `Date.now`. */
  clock?: Clock;
}

/**
 * A logger that writes one JSON object per line: `{ time, level, message, ...fields }`. It does
 * not redact; the host always wraps it (see `createHostLogger`).
 */
export function createJsonLineLogger(options: JsonLineLoggerOptions): Logger {
  const threshold = LEVEL_RANK[options.level];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const now = options.clock?.now ?? Date.now;
  const log = (level: Exclude<LogLevel, "silent">, message: string, fields?: LogFields): void => {
    if (LEVEL_RANK[level] < threshold) return;
    const head = { time: new Date(now()).toISOString(), level, message };
    let line: string;
    try {
      // head first for the key order, and again last so a field cannot overwrite it.
      line = JSON.stringify({ ...head, ...fields, ...head });
    } catch {
      line = JSON.stringify({ ...head, fields: "[unserializable]" });
    }
    write(`${line}\n`);
  };
  return {
    debug: (message, fields) => log("debug", message, fields),
    info: (message, fields) => log("info", message, fields),
    warn: (message, fields) => log("warn", message, fields),
    error: (message, fields) => log("error", message, fields),
  };
}
