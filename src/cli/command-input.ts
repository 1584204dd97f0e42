import fs from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config/config';

/** How a command reports a problem: one line on stderr, and exit code 1. */
export type Fail = (message: string) => void;

/** reap's configuration for a command, or undefined once each problem was reported. */
export function commandConfig(fail: Fail): Config | undefined {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.problems) fail(line);
    return undefined;
  }
}

/**
 * The text of an input file of at most `maxBytes`, or undefined once a problem was reported.
 * @param what names the kind of file in the message (`an attendance CSV`).
 */
export function readCommandFile(
  file: string,
  maxBytes: number,
  what: string,
  fail: Fail,
): string | undefined {
  const n = (value: number) => value.toLocaleString('en-US');
  try {
    const size = fs.statSync(file).size;
    if (size > maxBytes) {
      fail(`${file} is ${n(size)} bytes; ${what} is at most ${n(maxBytes)}`);
      return undefined;
    }
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    fail(
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
    return undefined;
  }
}
