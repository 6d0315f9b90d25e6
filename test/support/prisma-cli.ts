import { spawn } from 'node:child_process';
import { projectRoot } from '../../src/database/migrate';

export interface CliResult {
  code: number | null;
  output: string;
}

/** Runs the unmodified `prisma` CLI (with the repo's offline schema engine) against `databaseUrl`. */
export function prisma(args: string[], databaseUrl: string, env: Record<string, string> = {}): Promise<CliResult> {
  const root = projectRoot();
  const cli = require.resolve('prisma/build/index.js', { paths: [root] });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
