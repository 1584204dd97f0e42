import './quiet-deprecations';
import { ConfigError, describeStore, loadConfig, type Config } from '../config/config';
import type { RunningReap } from './start';
import { toIsoDate } from '../domain';
import { log, setLogLevel } from '../observability/log';
import { startTelemetry, type Telemetry } from '../observability/telemetry';
import { dateLines, startWarnings } from './start-warnings';

/**
 * `npm start`: reads the configuration, turns on telemetry when configured (before the server's
 * modules load, so HTTP is instrumented), runs reap until SIGTERM or SIGINT, then closes the
 * server and the store and flushes telemetry.
 */
async function main(): Promise<void> {
  const started = Date.now();
  let running: RunningReap;
  let telemetry: Telemetry;
  try {
    const config: Config = loadConfig();
    setLogLevel(config.operations.logLevel);
    telemetry = await startTelemetry(config.operations.appInsightsConnectionString);
    const { startReapWith } = await import('./start.js');
    running = await startReapWith(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const line of error.problems) console.error(`reap: cannot start: ${line}`);
    } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        'reap: cannot start: PORT: the port is already in use; stop the other process or set PORT to a free port',
      );
    } else if ((error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') {
      console.error('reap: cannot start: HOST: not an address of this machine');
    } else {
      console.error('reap: cannot start:', error);
    }
    process.exit(1);
  }
  const reap = running;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`reap: ${signal} received, shutting down`);
    reap
      .close()
      .then(() => telemetry.shutdown())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error('reap: error while shutting down', error);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const { config, url } = reap;
  const tab = config.publicUrl.startsWith(`http://${config.host}`) ? url : config.publicUrl;
  console.log(`reap: tab          ${tab}/`);
  console.log(`reap: bot endpoint ${url}/api/messages`);
  console.log(`reap: health       ${url}/healthz`);
  console.log(
    `reap: store        ${describeStore(config)}${reap.seeded === 'demo' ? ' (seeded the demo city)' : ''}`,
  );
  if (config.localMode) {
    console.log(
      'reap: LOCAL MODE - the bot accepts unauthenticated requests and the tab offers an identity picker. Set BOT_ID and AAD_APP_CLIENT_ID before anyone else can reach this server.',
    );
  }
  for (const warning of startWarnings(config)) console.log(warning);
  for (const line of dateLines(config, toIsoDate(reap.clock.now()))) console.log(line);
  if (telemetry.destination !== 'off') console.log(`reap: traces       ${telemetry.destination}`);
  const ms = Date.now() - started;
  console.log(`reap: ready in ${ms} ms`);
  log.info({ url, store: reap.store.kind, telemetry: telemetry.destination, ms }, 'started');
}

void main();
