// `npm start`: builds what is stale, then runs the server in this process's place, passing
// SIGINT and SIGTERM on so it shuts down cleanly.
import { spawn, execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  execFileSync(process.execPath, [path.join(root, 'scripts/build-if-stale.mjs')], {
    stdio: 'inherit',
  });
} catch {
  console.error('reap: the build failed; see the errors above.');
  process.exit(1);
}
const child = spawn(process.execPath, [path.join(root, 'dist/src/server/main.js')], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
