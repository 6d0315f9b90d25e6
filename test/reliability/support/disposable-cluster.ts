import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { pgProgram } from '../../../bench/lib/postgres-binaries';
import { freePort } from '../../../bench/lib/service-process';
import { migrateDeploy } from '../../../src/database/migrate';

/** The account the cluster runs as: PostgreSQL refuses root, so root hands it to `postgres`. */
function clusterOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A PostgreSQL cluster of the suite's own: initdb into a temp directory, a free loopback port,
 * started and SIGKILLed by the suite (process group: postmaster and backends at once, like a
 * crash), never touching any other server. Password auth is off but URLs carry a password, so the
 * suite can check that it never leaks.
 */
export class DisposableCluster {
  static readonly PASSWORD = 'cluster-secret-pw';
  private postmaster?: ChildProcess;
  /** How many times the cluster has been (re)started. */
  starts = 0;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly owner = clusterOwner(),
  ) {}

  static async create(): Promise<DisposableCluster> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wds-reliability-pg-'));
    const cluster = new DisposableCluster(dir, await freePort());
    if (cluster.owner) fs.chownSync(dir, cluster.owner.uid, cluster.owner.gid);
    execFileSync(
      pgProgram('initdb'),
      ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { ...cluster.owner, stdio: 'pipe' },
    );
    await cluster.start();
    return cluster;
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  url(database = 'postgres'): string {
    return `postgresql://postgres:${DisposableCluster.PASSWORD}@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the postmaster (after a kill: crash recovery first) and waits until it accepts queries. */
  async start(): Promise<void> {
    const log = fs.openSync(path.join(this.dir, 'postgres.log'), 'a');
    this.postmaster = spawn(
      pgProgram('postgres'),
      ['-D', this.dataDir, '-p', String(this.port), '-k', this.dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=50', '-c', 'shared_buffers=32MB'],
      { ...this.owner, detached: true, stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    this.starts++;
    for (const deadline = Date.now() + 60_000; ; await sleep(100)) {
      if (this.postmaster.exitCode !== null) throw new Error(`postgres exited at start:\n${this.log()}`);
      if (await this.accepts()) return;
      if (Date.now() > deadline) throw new Error(`postgres did not start within 60 s:\n${this.log()}`);
    }
  }

  /** SIGKILL to the whole process group (postmaster, backends, writers) at once, like a crash. */
  async kill(): Promise<void> {
    const postmaster = this.postmaster;
    if (!postmaster?.pid || postmaster.exitCode !== null || postmaster.signalCode !== null) return;
    const exited = new Promise((resolve) => postmaster.once('exit', resolve));
    process.kill(-postmaster.pid, 'SIGKILL');
    await exited;
  }

  /** A fresh database migrated with `prisma migrate deploy`; returns its URL. */
  async createDatabase(name: string): Promise<string> {
    await this.query(`CREATE DATABASE "${name}"`);
    const url = this.url(name);
    await migrateDeploy(url);
    return url;
  }

  async query<T extends object = Record<string, unknown>>(sql: string, params: unknown[] = [], database = 'postgres'): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  async destroy(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  log(): string {
    const file = path.join(this.dir, 'postgres.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(-4000) : '';
  }

  private async accepts(): Promise<boolean> {
    try {
      await this.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
