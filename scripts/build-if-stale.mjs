// Builds the server (tsc) and the tab (vite) only when their sources are newer than the build,
// so `npm start` and `npm test` on a fresh clone build once, then start quickly.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(paths) {
  let latest = 0;
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p))
        if (entry !== 'node_modules') walk(path.join(p, entry));
    } else latest = Math.max(latest, stat.mtimeMs);
  };
  for (const p of paths) walk(path.join(root, p));
  return latest;
}

function builtAt(file) {
  const p = path.join(root, file);
  return fs.existsSync(p) ? fs.statSync(p).mtimeMs : -1;
}

function run(label, command) {
  process.stdout.write(`reap: building ${label}... `);
  const started = Date.now();
  try {
    execSync(command, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    console.error(`\nreap: building ${label} failed (${command}); the errors are above.`);
    process.exit(1);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const common = ['package.json', 'package-lock.json'];
const serverStamp = 'dist/.server-built';
if (
  newest(['src', 'bot', 'tsconfig.json', 'tsconfig.build.json', ...common]) > builtAt(serverStamp)
) {
  run('the server', 'npx tsc -p tsconfig.build.json');
  fs.writeFileSync(path.join(root, serverStamp), new Date().toISOString());
}
if (
  newest(['src/tab', 'src/domain', 'src/services/progress-service.ts', ...common]) >
  builtAt('dist/tab/index.html')
) {
  run('the tab', 'npx vite build --config src/tab/vite.config.ts --logLevel warn');
}
