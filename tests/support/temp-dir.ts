import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder under the system temp dir, for one test's data. */
export function tempDir(prefix = 'reap-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
