import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, readEnvironment } from '../../config/app-config';
import { mintWidgetToken } from './mint-widget-token';

const USAGE = 'usage: npm run widget:token -- --session <widget session id> [--email <email>] [--orders <n1,n2>] [--ttl <seconds, default 3600>]';

/** Prints a widget token signed with the first WIDGET_TOKEN_SECRETS secret, for local testing only. */
async function main(): Promise<void> {
  let values: { session?: string; email?: string; orders?: string; ttl?: string };
  try {
    ({ values } = parseArgs({ options: { session: { type: 'string' }, email: { type: 'string' }, orders: { type: 'string' }, ttl: { type: 'string' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(64);
  }
  const ttl = Number(values.ttl ?? 3600);
  if (!values.session || !Number.isInteger(ttl) || ttl < 1) {
    console.error(USAGE);
    process.exit(64);
  }
  let secret: string | undefined;
  try {
    secret = loadConfig(readEnvironment()).WIDGET_TOKEN_SECRETS[0];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(78);
  }
  if (!secret) {
    console.error('WIDGET_TOKEN_SECRETS is not set: set it (environment or .env) to the secret the service verifies with.');
    process.exit(78);
  }
  const orders = values.orders?.split(',').map((o) => o.trim()).filter(Boolean);
  console.log(await mintWidgetToken(secret, { sessionId: values.session, email: values.email, orders }, ttl));
}

void main();
