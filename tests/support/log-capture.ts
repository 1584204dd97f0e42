import { logTo, setLogLevel, log, type LogLevel } from '../../src/observability/log';

/** One JSON line of reap's log, parsed. */
export type LogLine = Record<string, unknown> & { level: string; msg: string };

export type LogCapture = {
  readonly lines: LogLine[];
  /** Every line as written (JSON), for checks that nothing secret appears anywhere. */
  text(): string;
  stop(): void;
};

/** Collects what reap logs (in this process) from now until `stop()`. */
export function captureLog(level: LogLevel = 'debug'): LogCapture {
  const raw: string[] = [];
  const previousLevel = log.level as LogLevel;
  setLogLevel(level);
  const restore = logTo((line) => raw.push(line));
  return {
    get lines() {
      return raw.map((line) => JSON.parse(line) as LogLine);
    },
    text: () => raw.join(''),
    stop: () => {
      restore();
      setLogLevel(previousLevel);
    },
  };
}
