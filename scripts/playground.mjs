// `npm run playground`: chats with the running bot in the Microsoft 365 Agents Playground, offline:
// no tenant, no tunnel, no sign-in. Start reap first (`npm start`, which is in local anonymous mode
// when BOT_ID is unset); you are the demo employee Jordan Rivera (see .m365agentsplayground.yml).
//
//   PORT, HOST         where reap listens (default 127.0.0.1:3978), as for `npm start`
//   PLAYGROUND_PORT    the playground's own port (default 56150)
//   PLAYGROUND_BROWSER set to `open` to have the playground open a browser itself
//   PLAYGROUND_AS      who you are: `employee` (default, Jordan Rivera), `lead` (Renee Washington,
//                      a Health Department lead), `officer` (Avery Coleman, the Equity Officer), or
//                      the employee number of any other user of .m365agentsplayground.yml
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT || '3978';
const playgroundPort = process.env.PLAYGROUND_PORT || '56150';
// reap listens on HOST (default 127.0.0.1); a wildcard address is reached through loopback.
const host = !process.env.HOST || process.env.HOST === '0.0.0.0' ? '127.0.0.1' : process.env.HOST;
const bot = `http://${host}:${port}`;
const baseConfig = path.join(root, '.m365agentsplayground.yml');
const PERSONAS = { employee: 'MPL-0120', lead: 'MHD-0001', officer: 'DOA-0001' };

try {
  const res = await Promise.race([
    fetch(`${bot}/healthz`),
    new Promise((_resolve, reject) =>
      setTimeout(() => reject(new Error('no answer in 3 s')), 3000),
    ),
  ]);
  if (!res.ok) throw new Error(`GET /healthz answered ${res.status}`);
} catch (error) {
  console.error(`playground: reap is not answering at ${bot}/healthz (${error.message}).`);
  console.error(
    'playground: start it first in another terminal with `npm start`, then run this again.',
  );
  console.error('playground: (if reap listens on another port, set PORT to it for both commands)');
  process.exit(1);
}
if (!fs.existsSync(baseConfig)) {
  console.error(`playground: ${baseConfig} is missing; it says who you are in the playground.`);
  process.exit(1);
}

// The playground writes its log to ./devTools unless told otherwise; keep it with reap's data.
const logDir = path.join(root, 'data');
fs.mkdirSync(logDir, { recursive: true });

/**
 * The playground signs in as the config's `currentUser`. To be someone else, write a copy of the
 * config where that user and `currentUser` trade places, with a personal chat of their own (so the
 * bot keeps one conversation per person, as in Teams).
 */
async function configFor(as) {
  if (!as || as === 'employee') return { file: baseConfig, name: 'Jordan Rivera (MPL-0120)' };
  const yaml = await import('js-yaml');
  const config = yaml.load(fs.readFileSync(baseConfig, 'utf8'));
  const id = `29:${PERSONAS[as] ?? as.toUpperCase()}`;
  const index = config.users.findIndex((u) => u.id === id);
  if (index < 0) {
    const known = [...Object.keys(PERSONAS), ...config.users.map((u) => u.id.slice(3))];
    console.error(`playground: PLAYGROUND_AS=${as} is none of ${known.join(', ')}.`);
    process.exit(1);
  }
  const user = config.users[index];
  config.users[index] = config.currentUser;
  config.currentUser = user;
  config.personalChat = { id: `a:reap-playground-personal-${id.slice(3)}` };
  const file = path.join(logDir, `playground-as-${id.slice(3)}.yml`);
  fs.writeFileSync(
    file,
    `# Written by npm run playground (PLAYGROUND_AS=${as}).\n${yaml.dump(config)}`,
  );
  return { file, name: `${user.name} (${id.slice(3)})` };
}
const { file: config, name: signedInAs } = await configFor(process.env.PLAYGROUND_AS);

const bin = path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const args = [
  bin,
  '--app-endpoint',
  `${bot}/api/messages`,
  '--channel-id',
  'msteams',
  '--port',
  playgroundPort,
  '--disable-telemetry',
];
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: ['inherit', 'pipe', 'inherit'],
  env: {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: process.env.PLAYGROUND_BROWSER === 'open' ? '' : 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: config,
    M365_AGENTS_PLAYGROUND_LOGFILE: path.join(logDir, 'm365agentsplayground.log'),
  },
});

// The playground prints the port it really took (it moves on when 56150 is busy).
child.stdout.setEncoding('utf8');
child.stdout.on('data', (text) => {
  process.stdout.write(text);
  const listening = /Listening on (\d+)/.exec(text);
  if (listening) {
    console.log(
      `\nplayground: open http://localhost:${listening[1]} in a browser to chat with reap`,
    );
    console.log(`playground: the bot answers at ${bot}/api/messages; you are ${signedInAs}`);
    console.log(
      process.env.PLAYGROUND_AS && process.env.PLAYGROUND_AS !== 'employee'
        ? 'playground: try "forms" (leads and the officer) or "review" (the officer). Ctrl+C to stop.'
        : 'playground: try "my trainings", then press "I completed this". Ctrl+C to stop.',
    );
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
