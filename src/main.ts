import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig, ConfigError, loadConfig, readEnvironment } from './config/app-config';
import { EmbeddedDatabase } from './database/embedded-database';
import { migrateDeploy } from './database/migrate';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
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

  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    embedded = await EmbeddedDatabase.start(config.EMBEDDED_DATA_DIR);
    logger.log(`DATABASE_URL is unset: using the embedded database (PGlite) stored in ${embedded.dataDir}`);
    // PGlite serves one connection at a time.
    config = Object.assign(new AppConfig(), config, { DATABASE_URL: embedded.url, DB_POOL_MAX: 1 });
  }
  if (embedded || config.MIGRATE_ON_START) {
    logger.log('Applying pending migrations (prisma migrate deploy)…');
    const output = await migrateDeploy(config.DATABASE_URL!);
    logger.log(output.trim().split('\n').filter(Boolean).at(-1) ?? 'migrations done');
  }

  const app = await createApp(config);
  await app.listen(config.PORT, '0.0.0.0');
  logger.log(`Listening on port ${config.PORT}; API docs at /docs`);

  // Drain in-flight requests first, then close the pool and the embedded database.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: finishing in-flight requests`);
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${config.SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    await app.close();
    await embedded?.stop();
    logger.log('Stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

bootstrap().catch((err: unknown) => {
  console.error('Failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
