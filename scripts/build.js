#!/usr/bin/env node
'use strict';
/**
 * Builds only when the sources changed, one build at a time.
 *
 *   node scripts/build.js                    Prisma client + TypeScript, if stale (npm ci runs it)
 *   node scripts/build.js --force            the same, stale or not
 *   node scripts/build.js --client-only      the Prisma client only, if stale (before the tests)
 *   node scripts/build.js --run <file> [args] build if stale, then run the compiled <file> in this process
 *
 * Each output records a hash of what it was built from (dist/.build-stamp, and .build-stamp in the
 * generated client); an unchanged hash means no work, so commands start at once and still pick up
 * a `git pull`. Builds take a lock (.build.lock) so two commands never write the same files at once:
 * the second waits, then finds the build fresh.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { tryLock, describeHolder } = require('./process-lock');

const ROOT = path.resolve(__dirname, '..');
const LOCK = path.join(ROOT, '.build.lock');
const LOCK_WAIT_MS = 10 * 60_000;

const client = {
  name: 'Prisma client',
  stamp: path.join(ROOT, 'src', 'generated', 'prisma', '.build-stamp'),
  output: path.join(ROOT, 'src', 'generated', 'prisma', 'client.ts'),
  inputs: () => ['prisma/schema.prisma', 'prisma.config.ts', 'package-lock.json'],
  build: () => run('prisma', ['generate']),
};

const compiled = {
  name: 'TypeScript build',
  stamp: path.join(ROOT, 'dist', '.build-stamp'),
  output: path.join(ROOT, 'dist', 'src', 'main.js'),
  inputs: () => [
    ...listFiles('src', (f) => f.endsWith('.ts') && !f.startsWith(path.join('src', 'generated'))),
    ...listFiles('bench', (f) => f.endsWith('.ts')),
    // The benchmarks reuse the tests' database helpers, which tsc then compiles too.
    ...listFiles(path.join('test', 'support'), (f) => f.endsWith('.ts')),
    'tsconfig.json',
    'tsconfig.build.json',
    // The generated client is compiled too.
    path.relative(ROOT, client.stamp),
  ],
  build: () => run('tsc', ['-p', 'tsconfig.build.json']),
};

function listFiles(dir, keep) {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath ?? e.path, e.name)))
    .filter(keep);
}

/** Hash of the inputs' names and contents (content, not mtime: a checkout touches files it keeps). */
function hashOf(target) {
  const hash = crypto.createHash('sha256');
  for (const file of target.inputs().sort()) {
    hash.update(`${file}\0`);
    hash.update(fs.existsSync(path.join(ROOT, file)) ? fs.readFileSync(path.join(ROOT, file)) : '(missing)');
    hash.update('\0');
  }
  return hash.digest('hex');
}

function isFresh(target) {
  return fs.existsSync(target.output) && fs.existsSync(target.stamp) && fs.readFileSync(target.stamp, 'utf8') === hashOf(target);
}

function run(bin, args) {
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', bin), args, { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Waits for the build lock; a holder that died is not waited for. */
function lockBuild() {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    const attempt = tryLock(LOCK);
    if (attempt.acquired) return attempt;
    if (!told) console.error(`Waiting for the build by ${describeHolder(attempt.holder)}…`);
    told = true;
    if (Date.now() > deadline) throw new Error(`The build lock ${LOCK} is still held by ${describeHolder(attempt.holder)}`);
    sleep(250);
  }
}

/** Brings `targets` up to date, each only if stale (or all with force). */
function ensureBuilt(targets, { force = false } = {}) {
  if (!force && targets.every(isFresh)) return;
  const lock = lockBuild();
  try {
    for (const target of targets) {
      if (!force && isFresh(target)) continue; // built by whoever held the lock before us
      console.error(`${target.name}: sources changed since the last build, building…`);
      const hash = hashOf(target); // before: a file edited during the build makes the next run build again
      fs.rmSync(target.stamp, { force: true });
      target.build();
      fs.mkdirSync(path.dirname(target.stamp), { recursive: true });
      fs.writeFileSync(target.stamp, hash);
    }
  } finally {
    lock.release();
  }
}

function main(argv) {
  const [flag, ...rest] = argv;
  if (flag === '--client-only') return ensureBuilt([client]);
  if (flag === '--force') return ensureBuilt([client, compiled], { force: true });
  if (flag === '--run') {
    const [file, ...args] = rest;
    if (!file) throw new Error('--run needs a compiled file, e.g. dist/src/main.js');
    ensureBuilt([client, compiled]);
    return { entry: path.resolve(ROOT, file), args };
  }
  if (flag !== undefined) throw new Error(`Unknown option ${flag}`);
  if (!fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'))) {
    // `npm ci --omit=dev`: no compiler here; the build is expected to come with the files.
    console.error('TypeScript is not installed (dev dependencies omitted): skipping the build.');
    return;
  }
  ensureBuilt([client, compiled]);
}

let toRun;
try {
  toRun = main(process.argv.slice(2));
} catch (err) {
  console.error(`Build failed: ${err.message}`);
  process.exit(1);
}
if (toRun) {
  // The command runs as if started with `node <file> [args]`.
  process.argv = [process.argv[0], toRun.entry, ...toRun.args];
  require(toRun.entry);
}
