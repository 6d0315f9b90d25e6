import { AppConfig } from '../config/app-config';
import { EmbeddedDatabase } from './embedded-database';
import { migrateDeploy } from './migrate';

export interface OpenDatabase {
  /** The configuration to run with: DATABASE_URL and the pool size set for the embedded database. */
  config: AppConfig;
  /** The embedded database when one was started; the caller stops it last. */
  embedded?: EmbeddedDatabase;
}

/**
 * Where the server and the legacy commands get their database: the given server, or with
 * DATABASE_URL unset the embedded one (always migrated). A real server is migrated only with
 * MIGRATE_ON_START=true: DBAs own its schema.
 */
export async function openDatabase(config: AppConfig, log: (message: string) => void): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    embedded = await EmbeddedDatabase.start(config.EMBEDDED_DATA_DIR);
    log(`DATABASE_URL is unset: using the embedded database (PGlite) stored in ${embedded.dataDir}`);
    // PGlite serves one connection at a time.
    config = Object.assign(new AppConfig(), config, { DATABASE_URL: embedded.url, DB_POOL_MAX: 1 });
  }
  if (embedded || config.MIGRATE_ON_START) {
    log('Applying pending migrations (prisma migrate deploy)…');
    const output = await migrateDeploy(config.DATABASE_URL!);
    log(output.trim().split('\n').filter(Boolean).at(-1) ?? 'migrations done');
  }
  return { config, embedded };
}
