import type { IncomingMessage } from 'node:http';
import { log } from './log';

/** Requests that are not worth a trace: the probes App Service and load balancers call often. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz']);

export type Telemetry = {
  /** Where traces go: `Application Insights`, or `off`. */
  readonly destination: 'Application Insights' | 'off';
  /** Sends what is buffered and stops; called when the server closes. */
  shutdown(): Promise<void>;
};

const OFF: Telemetry = { destination: 'off', shutdown: async () => undefined };

/**
 * OpenTelemetry traces (incoming requests, outgoing HTTP, Graph calls) to Application Insights,
 * through Microsoft's distro, when a connection string is configured; nothing otherwise. Must
 * run before the server's modules are loaded, so that HTTP is instrumented.
 */
export async function startTelemetry(connectionString: string | undefined): Promise<Telemetry> {
  if (!connectionString) return OFF;
  // Loaded only when used: the distro and its SDK add about a second to a start.
  const monitor = await import('@azure/monitor-opentelemetry');
  const http = {
    enabled: true,
    ignoreIncomingRequestHook: (req: IncomingMessage) =>
      UNTRACED_PATHS.has((req.url ?? '').split('?')[0] ?? ''),
  };
  monitor.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    // Every trace, not the distro's 5 a second: a city's staff make few requests, and a support
    // call about one needs that one.
    samplingRatio: 1,
    tracesPerSecond: 0,
    instrumentationOptions: {
      http,
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
  });
  log.info({ telemetry: 'Application Insights' }, 'traces are exported to Application Insights');
  return {
    destination: 'Application Insights',
    shutdown: async () => {
      try {
        await monitor.shutdownAzureMonitor();
      } catch (error) {
        // What could not be sent is lost; the server itself stopped cleanly.
        log.warn({ err: error }, 'the last traces could not be sent to Application Insights');
      }
    },
  };
}
