import { ConfigError, loadConfig, trustProxySetting } from '../../src/config/app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      DATABASE_URL: undefined,
      WIDGET_RATE_LIMIT_PER_MINUTE: 120,
      STORE_CURRENCY: 'USD',
      DASHBOARD_API_TOKENS: [],
      WIDGET_ALLOWED_ORIGINS: [],
      MIGRATE_ON_START: false,
      EMBEDDED_DATA_DIR: '.data',
    });
  });

  it('parses lists, numbers and booleans', () => {
    const c = loadConfig({
      PORT: '8080',
      DASHBOARD_API_TOKENS: 'a, b ,,c',
      WIDGET_ALLOWED_ORIGINS: 'https://shop.example,http://localhost:5173',
      MIGRATE_ON_START: 'true',
      UNRELATED: 'ignored',
    });
    expect(c.PORT).toBe(8080);
    expect(c.DASHBOARD_API_TOKENS).toEqual(['a', 'b', 'c']);
    expect(c.WIDGET_ALLOWED_ORIGINS).toEqual(['https://shop.example', 'http://localhost:5173']);
    expect(c.MIGRATE_ON_START).toBe(true);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['WIDGET_RATE_LIMIT_PER_MINUTE', '0'],
    ['STORE_CURRENCY', 'usd'],
    ['DATABASE_URL', 'mysql://x'],
    ['WIDGET_ALLOWED_ORIGINS', 'shop.example'],
    ['MIGRATE_ON_START', 'maybe'],
    ['LOG_LEVEL', 'loud'],
  ])('stops on a bad %s with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  it('bounds slow and idle clients by default: a request arrives in full within 30 s', () => {
    expect(loadConfig({})).toMatchObject({
      HTTP_REQUEST_TIMEOUT_MS: 30000,
      HTTP_HEADERS_TIMEOUT_MS: 10000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 5000,
      HTTP_IDLE_TIMEOUT_MS: 60000,
      HTTP_MAX_CONNECTIONS: 4096,
      AUTH_FAILURES_PER_MINUTE: 10,
      DOCS_PUBLIC: true,
    });
  });

  it.each([
    ['HTTP_REQUEST_TIMEOUT_MS', '0'],
    ['HTTP_HEADERS_TIMEOUT_MS', 'soon'],
    ['HTTP_KEEP_ALIVE_TIMEOUT_MS', '-1'],
    ['HTTP_IDLE_TIMEOUT_MS', '0'],
    ['HTTP_MAX_CONNECTIONS', '0'],
    ['AUTH_FAILURES_PER_MINUTE', '0'],
    ['DOCS_PUBLIC', 'sometimes'],
  ])('stops on a bad %s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(() => loadConfig({ HTTP_REQUEST_TIMEOUT_MS: '5000', HTTP_HEADERS_TIMEOUT_MS: '6000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS=.*HTTP_REQUEST_TIMEOUT_MS/);
  });

  it('reads TRUST_PROXY as a boolean, a hop count or a list', () => {
    expect(trustProxySetting(loadConfig({}))).toBe(false);
    expect(trustProxySetting(loadConfig({ TRUST_PROXY: 'true' }))).toBe(true);
    expect(trustProxySetting(loadConfig({ TRUST_PROXY: '2' }))).toBe(2);
    expect(trustProxySetting(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }))).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });

  it('reads the widget token secrets as a list and refuses short ones without printing them', () => {
    const c = loadConfig({ WIDGET_TOKEN_SECRETS: `${'a'.repeat(32)}, ${'b'.repeat(40)}`, WIDGET_REQUIRE_TOKEN: 'true' });
    expect(c.WIDGET_TOKEN_SECRETS).toEqual(['a'.repeat(32), 'b'.repeat(40)]);
    expect(c.WIDGET_REQUIRE_TOKEN).toBe(true);
    const short = () => loadConfig({ WIDGET_TOKEN_SECRETS: 'too-short-secret' });
    expect(short).toThrow(/WIDGET_TOKEN_SECRETS=\(hidden\): each secret must be at least 32 characters/);
    expect(short).not.toThrow(/too-short-secret/);
  });

  it('refuses WIDGET_REQUIRE_TOKEN=true without WIDGET_TOKEN_SECRETS, naming both', () => {
    const required = () => loadConfig({ WIDGET_REQUIRE_TOKEN: 'true' });
    expect(required).toThrow(ConfigError);
    expect(required).toThrow(/WIDGET_REQUIRE_TOKEN="true": needs WIDGET_TOKEN_SECRETS/);
    expect(loadConfig({}).WIDGET_REQUIRE_TOKEN).toBe(false);
  });
});
