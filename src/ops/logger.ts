import pino, { type Logger } from "pino";

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** Where lines go; standard output by default. Tests pass a stream they read. */
  destination?: pino.DestinationStream;
  /** Readable coloured lines (npm run dev), through pino-pretty. */
  pretty?: boolean;
}

/** The most a slow or stuck log reader can make us hold before lines are dropped (and counted). */
const MAX_BUFFER_BYTES = 4 * 1024 * 1024;

export interface LogOutput {
  destination: pino.DestinationStream;
  /** Lines dropped because the reader of standard output could not keep up. */
  dropped: () => number;
}

/**
 * Standard output, written asynchronously and bounded: a full pipe never stalls a request (lines wait in a
 * buffer of at most 4 MiB, then are dropped and counted), and a closed one never ends the process.
 */
export function standardOutput(): LogOutput {
  let dropped = 0;
  const stream = pino.destination({ dest: 1, sync: false, minLength: 0, maxLength: MAX_BUFFER_BYTES });
  stream.on("drop", () => dropped++);
  stream.on("error", () => undefined);
  return { destination: stream, dropped: () => dropped };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? "info";
  if (options.pretty)
    return pino({
      level,
      transport: {
        target: "pino-pretty",
        options: { colorize: true, translateTime: "HH:MM:ss", ignore: "pid,hostname" },
      },
    });
  // Levels as words and ISO times: what a person reading a log shipper's search results expects.
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? standardOutput().destination,
  );
}
