import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig, ConfigError, loadConfig, readEnvironment } from './config/app-config';
import { openDatabase } from './database/open-database';

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

  const database = await openDatabase(config, (message) => logger.log(message));
  config = database.config;
  const { embedded } = database;

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
