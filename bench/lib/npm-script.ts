import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/database/migrate';

/**
 * The compiled file an npm script runs with `node` (e.g. "legacy:import" → dist/src/legacy/…js),
 * so a benchmark can time the command itself without the build step in front of it; null when
 * package.json has no such script or the file is not built.
 */
export function npmScriptEntry(name: string): string | null {
  const root = projectRoot();
  const { scripts = {} } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const entry = /\bnode\s+(?:-[^\s]+\s+)*([^\s&|;]+\.js)\b/.exec(scripts[name] ?? '')?.[1];
  return entry && fs.existsSync(path.join(root, entry)) ? entry : null;
}
