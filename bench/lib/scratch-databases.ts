import { migrateDeploy } from '../../src/database/migrate';
import { databaseUrl, TEST_SERVER_URL, withAdmin } from '../../test/support/postgres';

/**
 * The benchmark's own databases on the local server (TEST_DATABASE_URL, as for the tests): one
 * template migrated with `prisma migrate deploy`, cloned per use, all dropped by dropAll().
 */
export class ScratchDatabases {
  readonly server = TEST_SERVER_URL;
  private readonly prefix = `wds_bench_${process.pid}_`;
  private readonly names: string[] = [];
  private template?: Promise<string>;

  /** A fresh, fully migrated database; returns its URL. */
  async create(label: string): Promise<string> {
    const template = await (this.template ??= this.migratedTemplate());
    const name = `${this.prefix}${label}`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
    this.names.push(name);
    return databaseUrl(name);
  }

  async dropAll(): Promise<void> {
    await withAdmin(async (admin) => {
      for (const name of this.names.splice(0).reverse()) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  }

  private async migratedTemplate(): Promise<string> {
    const name = `${this.prefix}template`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
    this.names.push(name);
    await migrateDeploy(databaseUrl(name));
    return name;
  }
}
