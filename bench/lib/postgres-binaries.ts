import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

let binDir: string | undefined;

/**
 * The path of a PostgreSQL server program (initdb, postgres, pgbench…): from PG_BIN_DIR, else
 * `pg_config --bindir`, else the newest /usr/lib/postgresql/<version>/bin (Debian keeps them off PATH).
 */
export function pgProgram(name: string): string {
  binDir ??= findBinDir();
  const file = path.join(binDir, name);
  if (!fs.existsSync(file)) throw new Error(`${name} not found in ${binDir}; set PG_BIN_DIR to the PostgreSQL bin directory`);
  return file;
}

function findBinDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (fs.existsSync(path.join(dir, 'postgres'))) return dir;
  } catch {
    // no pg_config on PATH: try the Debian layout
  }
  const debian = '/usr/lib/postgresql';
  const versions = fs.existsSync(debian) ? fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL server programs not found: install PostgreSQL or set PG_BIN_DIR');
  return path.join(debian, newest, 'bin');
}
