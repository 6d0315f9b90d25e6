import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The directory holding prisma.config.ts, from src/ or from the compiled dist/src/. */
export function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'prisma.config.ts'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`prisma.config.ts not found above ${from}`);
  }
}

/**
 * Runs `prisma migrate deploy` — the same command DBAs run — against `databaseUrl`, with the
 * offline schema engine that prisma.config.ts selects. Rejects with the CLI's output on failure.
 */
export function migrateDeploy(databaseUrl: string): Promise<string> {
  const root = projectRoot();
  const cli = require.resolve('prisma/build/index.js', { paths: [root] });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'migrate', 'deploy'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`prisma migrate deploy exited with ${code}:\n${output}`)),
    );
  });
}
