import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { tryLock } from '../../scripts/process-lock';

const LOCK_MODULE = path.join(__dirname, '..', '..', 'scripts', 'process-lock.js');

/** Another process that takes `file` and holds it until killed; resolves once it holds it. */
async function holderProcess(file: string): Promise<ChildProcess> {
  const script = `
    const attempt = require(${JSON.stringify(LOCK_MODULE)}).tryLock(${JSON.stringify(file)});
    process.stdout.write(attempt.acquired ? 'held' : 'busy');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [first] = (await once(child.stdout!, 'data')) as [Buffer];
  expect(first.toString()).toBe('held');
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

describe('process lock', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'process-lock-'));
    file = path.join(dir, 'x.lock');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder while the first runs, naming it', async () => {
    const holder = await holderProcess(file);
    try {
      const attempt = tryLock(file);
      expect(attempt.acquired).toBe(false);
      if (attempt.acquired) return;
      expect(attempt.holder.pid).toBe(holder.pid);
      expect(attempt.holder.command).toMatch(/^node/);
      expect(Date.parse(attempt.holder.since)).not.toBeNaN();
    } finally {
      await kill(holder);
    }
  });

  it('takes over the lock of a process that was killed (SIGKILL: it could not clean up)', async () => {
    const holder = await holderProcess(file);
    await kill(holder);
    expect(fs.existsSync(file)).toBe(true);
    const attempt = tryLock(file);
    expect(attempt.acquired).toBe(true);
    if (attempt.acquired) attempt.release();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('takes over a lock whose pid now names another process (pid reused: start time differs)', () => {
    // This very process, but with a start time it does not have: the writer is gone.
    fs.writeFileSync(file, JSON.stringify({ pid: process.pid, startTime: '1', command: 'node old', since: new Date(0).toISOString() }));
    const attempt = tryLock(file);
    expect(attempt.acquired).toBe(true);
    if (attempt.acquired) attempt.release();
  });

  it('takes over a lock file that is not a lock (empty or garbled)', () => {
    fs.writeFileSync(file, '');
    const attempt = tryLock(file);
    expect(attempt.acquired).toBe(true);
    if (attempt.acquired) attempt.release();
  });

  it('lets one of many concurrent takers win', async () => {
    const script = `process.stdout.write(String(require(${JSON.stringify(LOCK_MODULE)}).tryLock(${JSON.stringify(file)}).acquired)); setTimeout(() => {}, 2000);`;
    const children = Array.from({ length: 6 }, () => spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] }));
    const answers = await Promise.all(children.map(async (c) => ((await once(c.stdout!, 'data')) as [Buffer])[0].toString()));
    await Promise.all(children.map(kill));
    expect(answers.filter((a) => a === 'true')).toHaveLength(1);
  });
});
