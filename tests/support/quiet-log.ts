import { setLogLevel } from '../../src/observability/log';

// Tests start reap in their own process: its request lines would bury jest's output. A test that
// reads the log captures it (tests/support/log-capture.ts), which sets its own level.
setLogLevel('silent');
