import fs from 'node:fs';
import dotenv from 'dotenv';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { LOG_FORMATS, type LogFormat } from '../common/logging/logger';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no', ''].includes(v)) return false;
  return value;
};
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/**
 * Every environment variable the service reads, validated once at start. A bad value stops the
 * service with a message that names the variable (see README, "Configuration").
 */
export class AppConfig {
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgresql:// URL' })
  DATABASE_URL?: string;

  /** Where the embedded database keeps its files when DATABASE_URL is unset. */
  @IsString()
  EMBEDDED_DATA_DIR = '.data';

  @Transform(toBool) @IsBoolean()
  MIGRATE_ON_START = false;

  @Transform(toList) @IsString({ each: true })
  DASHBOARD_API_TOKENS: string[] = [];

  @Transform(toList) @IsString({ each: true })
  @Matches(/^(\*|https?:\/\/[^/\s]+)$/, { each: true, message: 'each origin must be * or scheme://host[:port]' })
  WIDGET_ALLOWED_ORIGINS: string[] = [];

  @Transform(toInt) @IsInt() @Min(1) @Max(100000)
  WIDGET_RATE_LIMIT_PER_MINUTE = 120;

  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code in upper case, e.g. USD' })
  STORE_CURRENCY = 'USD';

  /** ISO 3166 region used to read phone numbers written without a +country prefix. */
  @Matches(/^[A-Z]{2}$/, { message: 'must be a two-letter region code, e.g. US' })
  DEFAULT_PHONE_REGION = 'US';

  /** Fastify trustProxy: false, true, a hop count, or a comma list of proxy addresses/CIDRs. */
  @IsString()
  TRUST_PROXY = 'false';

  /** A request (headers and body) must arrive in full within this time, or its connection is dropped. */
  @Transform(toInt) @IsInt() @Min(100) @Max(600000)
  HTTP_REQUEST_TIMEOUT_MS = 30000;

  /** The request headers must arrive within this time (at most HTTP_REQUEST_TIMEOUT_MS). */
  @Transform(toInt) @IsInt() @Min(100) @Max(600000)
  HTTP_HEADERS_TIMEOUT_MS = 10000;

  /** How long a kept-alive connection may wait for its next request. */
  @Transform(toInt) @IsInt() @Min(100) @Max(600000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 5000;

  /** A connection with no traffic either way for this long is dropped (longer than any answer takes). */
  @Transform(toInt) @IsInt() @Min(100) @Max(3600000)
  HTTP_IDLE_TIMEOUT_MS = 60000;

  /** Open connections at most; further ones are closed at once. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000000)
  HTTP_MAX_CONNECTIONS = 4096;

  /** Failed dashboard-token attempts per client IP per minute before every private request is 429. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100000)
  AUTH_FAILURES_PER_MINUTE = 10;

  /** false: /docs and /docs/json need a dashboard token like the private API. */
  @Transform(toBool) @IsBoolean()
  DOCS_PUBLIC = true;

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_MAX = 10;

  @Transform(toInt) @IsInt() @Min(100) @Max(60000)
  DB_CONNECTION_TIMEOUT_MS = 3000;

  @Transform(toInt) @IsInt() @Min(100) @Max(600000)
  DB_STATEMENT_TIMEOUT_MS = 15000;

  @Transform(toInt) @IsInt() @Min(100) @Max(600000)
  SHUTDOWN_TIMEOUT_MS = 10000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** HS256 secrets shared with the shop's server; any of them verifies an X-Widget-Token (rotation). */
  @Transform(toList) @IsString({ each: true })
  @MinLength(32, { each: true, message: 'each secret must be at least 32 characters (HS256 wants 256 bits)' })
  WIDGET_TOKEN_SECRETS: string[] = [];

  @Transform(toBool) @IsBoolean()
  WIDGET_REQUIRE_TOKEN = false;

  /** One format per run: JSON lines for machines, or one readable line per entry. */
  @IsIn(LOG_FORMATS)
  LOG_FORMAT: LogFormat = 'json';
}

export class ConfigError extends Error {}

const SECRET_VARIABLES = new Set(['WIDGET_TOKEN_SECRETS']);

/** Validates raw environment variables; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, unknown>): AppConfig {
  // Only our variables, and an empty value means "unset" so a blank line in .env keeps the default.
  const known = new Set([...Object.keys(new AppConfig()), 'DATABASE_URL']);
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => known.has(k) && v !== '' && v !== undefined),
  );
  const config = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  const lines = errors.map((e) => {
    // Secrets are named, never printed.
    const shown = SECRET_VARIABLES.has(e.property) ? '(hidden)' : JSON.stringify(String(e.value));
    return `  ${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
  });
  // A mandatory token nobody can verify would refuse every widget write.
  if (config.WIDGET_REQUIRE_TOKEN === true && Array.isArray(config.WIDGET_TOKEN_SECRETS) && config.WIDGET_TOKEN_SECRETS.length === 0) {
    lines.push('  WIDGET_REQUIRE_TOKEN="true": needs WIDGET_TOKEN_SECRETS (no secret is set to verify the tokens with)');
  }
  if (lines.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.HTTP_HEADERS_TIMEOUT_MS > config.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      `Invalid configuration:\n  HTTP_HEADERS_TIMEOUT_MS=${JSON.stringify(String(config.HTTP_HEADERS_TIMEOUT_MS))}: must not exceed HTTP_REQUEST_TIMEOUT_MS (${config.HTTP_REQUEST_TIMEOUT_MS})`,
    );
  }
  return config;
}

/** The process environment with .env underneath it (real environment variables win). */
export function readEnvironment(envFile = '.env'): NodeJS.ProcessEnv {
  const fromFile = fs.existsSync(envFile) ? dotenv.parse(fs.readFileSync(envFile)) : {};
  return { ...fromFile, ...process.env };
}

export function trustProxySetting(config: AppConfig): boolean | number | string[] {
  const raw = config.TRUST_PROXY.trim();
  if (raw === 'true') return true;
  if (raw === 'false' || raw === '') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw.split(',').map((s) => s.trim());
}
