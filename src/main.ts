import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { createApp } from './app.factory';
import { startDraining } from './common/http/refuse-while-closing';
import { flushLogs } from './common/logging/log-destination';
import { createLogger } from './common/logging/logger';
import { ShutdownWatchdog } from './common/process/shutdown-watchdog';
import { AppConfig, ConfigError, loadConfig, readEnvironment } from './config/app-config';
import { DatabaseInUseError, type EmbeddedDatabase } from './database/embedded-database';
import { openDatabase } from './database/open-database';

/** How much longer than SHUTDOWN_TIMEOUT_MS the watchdog gives the main thread's own exit. */
const WATCHDOG_MARGIN_MS = 1000;
/** How long the last log lines may wait for a slow reader before the process exits anyway. */
const FINAL_FLUSH_MS = 500;

let logger: Logger | undefined;

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(readEnvironment());
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  logger = createLogger(config, 'Bootstrap');
  const log = logger;
  const watchdog = new ShutdownWatchdog();

  // Handlers first: a SIGTERM that arrives while the service starts (a supervisor that gives up, a
  // test that stops it as soon as the port answers) must stop it the orderly way too, not end the
  // process mid-write through the signal's default action.
  let app: NestFastifyApplication | undefined;
  let embedded: EmbeddedDatabase | undefined;
  let stopping = false;
  // Drain in-flight requests first, then close the pool and the embedded database. Whatever
  // hangs (a request, the pool, the database, a log reader), the process is gone within
  // SHUTDOWN_TIMEOUT_MS: the timer below exits with 1, and should the main thread itself be stuck,
  // the watchdog's thread kills the process a moment later.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    watchdog.arm(config.SHUTDOWN_TIMEOUT_MS + WATCHDOG_MARGIN_MS);
    const flushBudget = Math.min(FINAL_FLUSH_MS, config.SHUTDOWN_TIMEOUT_MS / 5);
    setTimeout(() => {
      log.error(`Shutdown took longer than ${config.SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      void flushLogs(flushBudget).finally(() => process.exit(1));
    }, config.SHUTDOWN_TIMEOUT_MS - flushBudget).unref();
    if (app) startDraining(app.getHttpAdapter().getInstance());
    log.info(app ? `${signal} received: finishing in-flight requests` : `${signal} received while starting: stopping`);
    await app?.close();
    await embedded?.stop();
    log.info('Stopped');
    await flushLogs(FINAL_FLUSH_MS);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const database = await openDatabase(config, (message) => log.info(message));
  config = database.config;
  embedded = database.embedded;
  if (stopping) return;

  const created = await createApp(config);
  if (stopping) return void (await created.close());
  app = created;
  await app.listen(config.PORT, '0.0.0.0');
  const base = `http://localhost:${config.PORT}`;
  log.info(`Listening on ${base}: dashboard at ${base}/dashboard, API docs at ${base}/docs`);
}

bootstrap().catch(async (err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  if (logger) logger.fatal(`Failed to start: ${message}`);
  else console.error(`Failed to start: ${message}`);
  await flushLogs(FINAL_FLUSH_MS);
  // EX_TEMPFAIL: another process has the embedded database open; start again once it stopped.
  process.exit(err instanceof DatabaseInUseError ? 75 : 1);
});
