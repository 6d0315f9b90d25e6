import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/database/migrate';
import { check } from './support/ledger';

const AREA = 'build once';
const COPIED = ['src', 'bench', path.join('test', 'support'), 'prisma', 'scripts', 'package.json', 'package-lock.json', 'prisma.config.ts', 'tsconfig.json', 'tsconfig.build.json'];

/** `node scripts/build.js …` in `cwd`; its stderr says what it built or waited for. */
async function build(cwd: string, ...args: string[]): Promise<{ output: string; stdout: string }> {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['scripts/build.js', ...args], { cwd, timeout: 300_000 });
  return { output: stderr, stdout };
}

const count = (text: string, what: string) => text.split(what).length - 1;

/**
 * Commands run the compiled code and rebuild only when the sources changed: on a copy of the
 * project (its own src/generated and dist), a first build, a check that finds nothing to do, then
 * after a source change two commands at once, of which exactly one builds while the other waits
 * and then runs the new code.
 */
describe('build once, rebuild when the sources change', () => {
  let copy: string;
  beforeAll(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'wds-build-'));
    for (const entry of COPIED) {
      fs.cpSync(path.join(projectRoot(), entry), path.join(copy, entry), {
        recursive: true,
        filter: (src) => !src.includes(`${path.sep}generated`),
      });
    }
    fs.symlinkSync(path.join(projectRoot(), 'node_modules'), path.join(copy, 'node_modules'));
  });
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  it('builds a fresh copy, then does nothing until a source changes, then builds once for two commands', async () => {
    const first = await build(copy);
    const again = await build(copy);

    // A change a `git pull` could bring; the command prints it once the new build runs.
    const entry = path.join(copy, 'src', 'build-probe.ts');
    fs.writeFileSync(entry, `console.log('probe', process.argv.slice(2).join(' '));\n`);
    const [a, b] = await Promise.all([build(copy, '--run', 'dist/src/build-probe.js', 'x', 'y'), build(copy, '--run', 'dist/src/build-probe.js', 'x', 'y')]);
    const both = a.output + b.output;

    check(
      AREA,
      'fresh copy: build, build again, change a source, two commands at once',
      `first: ${count(first.output, 'building')} builds; unchanged: ${count(again.output, 'building')}; after the change: ${count(both, 'TypeScript build: sources changed')} TypeScript build, ${count(both, 'Waiting for the build')} waited, outputs "${a.stdout.trim()}" and "${b.stdout.trim()}"`,
      count(first.output, 'building') === 2 &&
        again.output === '' &&
        count(both, 'TypeScript build: sources changed') === 1 &&
        a.stdout.trim() === 'probe x y' &&
        b.stdout.trim() === 'probe x y',
    );
  });
});
