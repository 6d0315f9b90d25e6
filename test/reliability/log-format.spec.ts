import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { freePort, NodeProcess, startNodeProcess } from '../../bench/lib/service-process';
import { projectRoot } from '../../src/database/migrate';
import { DisposableCluster } from './support/disposable-cluster';
import { check } from './support/ledger';

const AREA = 'log format';

/** What the service printed from its start to a clean stop, one entry per line. */
async function startAndStop(env: Record<string, string>): Promise<string[]> {
  const service: NodeProcess = await startNodeProcess(env);
  await service.stop('SIGTERM');
  // 'exit' can come before the last output has been read: wait for the pipes to close.
  await Promise.all([service.child.stdout!, service.child.stderr!].map((s) => (s.closed ? undefined : once(s, 'close'))));
  return service.output().split('\n').filter(Boolean);
}

/**
 * One format per run, Nest's own start-up lines included: JSON lines by default, readable lines
 * with LOG_FORMAT=pretty. The start-up line gives the dashboard and docs addresses.
 * MIGRATE_ON_START makes the service log before Nest exists, where plain text used to slip in.
 */
describe('log format', () => {
  let cluster: DisposableCluster;
  let env: Record<string, string>;
  beforeAll(async () => {
    cluster = await DisposableCluster.create();
    env = { DATABASE_URL: await cluster.createDatabase('wds'), MIGRATE_ON_START: 'true', LOG_LEVEL: 'info' };
  });
  afterAll(() => cluster?.destroy());

  const isJson = (line: string) => {
    try {
      return typeof JSON.parse(line) === 'object';
    } catch {
      return false;
    }
  };

  it('writes only JSON lines by default, the start-up line naming the dashboard', async () => {
    const lines = await startAndStop({ ...env, LOG_FORMAT: '' });
    const notJson = lines.filter((l) => !isJson(l));
    const listening = lines.map((l) => (isJson(l) ? (JSON.parse(l) as { msg?: string }).msg ?? '' : '')).find((m) => m.startsWith('Listening on'));
    check(AREA, 'start and stop with the default format', `${lines.length} lines, ${notJson.length} not JSON${notJson.length ? ` (first: ${notJson[0].slice(0, 80)})` : ''}; start-up line: ${listening}`, notJson.length === 0 && /http:\/\/localhost:\d+\/dashboard/.test(listening ?? '') && /\/docs/.test(listening ?? ''));
  });

  it('writes only readable lines with LOG_FORMAT=pretty, Nest lines included', async () => {
    const lines = await startAndStop({ ...env, LOG_FORMAT: 'pretty' });
    const json = lines.filter(isJson);
    const nest = lines.filter((l) => l.includes('[NestApplication]'));
    check(AREA, 'start and stop with LOG_FORMAT=pretty', `${lines.length} lines, ${json.length} JSON, ${nest.length} from Nest in the same format`, json.length === 0 && nest.length > 0 && lines.some((l) => l.includes('/dashboard')));
  });

  // Before its handlers were installed first, a SIGTERM during start-up took the signal's default
  // action: the process ended at once, mid-way through its log lines, with no orderly stop.
  it('stops the orderly way when SIGTERM arrives while it starts', async () => {
    const child = spawn(process.execPath, [path.join(projectRoot(), 'dist', 'src', 'main.js')], {
      env: { ...process.env, ...env, LOG_FORMAT: 'json', PORT: String(await freePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Applying pending migrations') && !child.killed) child.kill('SIGTERM');
    });
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    const said = output.includes('SIGTERM received while starting') && output.includes('"Stopped"');
    check('shutdown while starting', 'SIGTERM while the service applies its migrations', `exit ${code ?? signal}; said it stopped: ${said}`, code === 0 && said);
  });
});
