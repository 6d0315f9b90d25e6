import fc from 'fast-check';
import { ALLOWED_ORIGIN, AppOnCluster, appOnCluster, TOKEN } from './support/app-on-cluster';
import { check } from './support/ledger';
import { discoverRoutes, fillPath, Route } from './support/routes';

const AREA = 'security: access';
const PROBLEM_KEYS = new Set(['type', 'title', 'status', 'detail', 'instance', 'requestId', 'errors']);

/** Ways to not have the token: none, wrong ones, near misses, other schemes, other places. */
const WRONG_CREDENTIALS: { label: string; headers: Record<string, string>; query?: string }[] = [
  { label: 'no Authorization', headers: {} },
  { label: 'wrong token', headers: { authorization: 'Bearer not-the-token' } },
  { label: 'token + 1 char', headers: { authorization: `Bearer ${TOKEN}x` } },
  { label: 'token - 1 char', headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}` } },
  { label: 'token twice', headers: { authorization: `Bearer ${TOKEN} ${TOKEN}` } },
  { label: 'Basic scheme', headers: { authorization: `Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}` } },
  { label: 'bare token', headers: { authorization: TOKEN } },
  { label: 'empty Bearer', headers: { authorization: 'Bearer ' } },
  { label: 'token in X-Api-Key', headers: { 'x-api-key': TOKEN } },
  { label: 'token in the query', headers: {}, query: `token=${TOKEN}&access_token=${TOKEN}` },
];

const UNLISTED_ORIGINS = [
  'https://evil.example',
  'https://shop.example.evil.example',
  'https://evilshop.example',
  'http://shop.example',
  'https://shop.example:8443',
  'https://shop.example/',
  'null',
  ...fc.sample(fc.webAuthority(), { numRuns: 40, seed: 42 }).map((a) => `https://${a}`),
];

const PUBLIC_PAGES = ['/health', '/docs', '/dashboard'];
const isPrivate = (r: Route) => r.path.startsWith('/api/') && !r.path.startsWith('/api/support/') && r.method !== 'OPTIONS';

/**
 * Every route the router has is checked, not a list: each private (dashboard) route refuses every
 * wrong credential with 401 and no data; CORS never allows an origin that is not configured.
 */
describe('security: private routes and CORS', () => {
  let target: AppOnCluster;
  let routes: Route[];
  beforeAll(async () => {
    target = await appOnCluster();
    routes = discoverRoutes(target.fastify);
  });
  afterAll(() => target?.close());

  const inject = (route: Route, headers: Record<string, string>, query = '') =>
    target.fastify.inject({
      method: route.method as 'GET',
      url: `${fillPath(route.path, 'GG-1')}${query ? `?${query}` : ''}`,
      headers: { 'content-type': 'application/json', ...headers },
      ...(['POST', 'PUT'].includes(route.method) && { payload: '{}' }),
    });

  it('refuses every private route without the right token (401, no data)', async () => {
    const privateRoutes = routes.filter(isPrivate);
    const leaks: string[] = [];
    for (const route of privateRoutes) {
      for (const wrong of WRONG_CREDENTIALS) {
        const res = await inject(route, wrong.headers, wrong.query);
        const body = route.method === 'HEAD' ? {} : (res.json() as Record<string, unknown>);
        const extra = Object.keys(body).filter((k) => !PROBLEM_KEYS.has(k));
        if (res.statusCode !== 401 || extra.length || !res.headers['www-authenticate']) {
          leaks.push(`${route.method} ${route.path} with ${wrong.label} → ${res.statusCode} ${extra.join(',')}`);
        }
      }
    }
    const accepted = await Promise.all(privateRoutes.filter((r) => r.method === 'GET').map((r) => inject(r, { authorization: `Bearer ${TOKEN}` })));
    const outsideApi = [...new Set(routes.filter((r) => !r.path.startsWith('/api/') && r.method !== 'OPTIONS').map((r) => `/${r.path.split('/')[1].replace('*', '')}`))];

    check(AREA, `${privateRoutes.length} private routes found in the router × ${WRONG_CREDENTIALS.length} wrong credentials`, `${privateRoutes.length * WRONG_CREDENTIALS.length - leaks.length} answered 401 with no data; ${leaks.slice(0, 3).join('; ') || 'no exceptions'}`, privateRoutes.length >= 8 && leaks.length === 0);
    check(AREA, 'the right token is accepted (so the 401s mean something)', `${accepted.filter((r) => r.statusCode !== 401).length} of ${accepted.length} GET routes answered without 401`, accepted.length > 0 && accepted.every((r) => r.statusCode !== 401));
    // Outside /api/ only the documented public pages may exist (README): a new one must be reviewed here.
    check(AREA, 'routes outside /api/ are only the public pages (/health, /docs, /dashboard)', outsideApi.join(', '), outsideApi.every((p) => PUBLIC_PAGES.includes(p)));
  });

  it('never lets CORS allow an unlisted origin', async () => {
    const paths = [...new Map(routes.filter((r) => r.method !== 'OPTIONS').map((r) => [r.path, r])).values()];
    const allowed: string[] = [];
    let tried = 0;
    for (const route of paths) {
      for (const origin of UNLISTED_ORIGINS) {
        const preflight = await target.fastify.inject({
          method: 'OPTIONS',
          url: fillPath(route.path, 'x'),
          headers: { origin, 'access-control-request-method': route.method, 'access-control-request-headers': 'content-type,authorization' },
        });
        const actual = await inject(route, { origin });
        tried += 2;
        for (const res of [preflight, actual]) {
          const allow = res.headers['access-control-allow-origin'];
          if (allow === origin || allow === '*') allowed.push(`${route.method} ${route.path} allowed ${origin}`);
        }
      }
    }
    const listed = await target.fastify.inject({
      method: 'OPTIONS',
      url: '/api/support/csat',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' },
    });
    check(AREA, `CORS: ${paths.length} routes × ${UNLISTED_ORIGINS.length} unlisted origins (preflight and actual request)`, `${tried} requests, ${allowed.length} allowed: ${allowed.slice(0, 3).join('; ') || 'none'}`, allowed.length === 0);
    check(AREA, 'CORS allows the configured origin (so the refusals mean something)', `Access-Control-Allow-Origin: ${listed.headers['access-control-allow-origin']}`, listed.headers['access-control-allow-origin'] === ALLOWED_ORIGIN);
  });
});
