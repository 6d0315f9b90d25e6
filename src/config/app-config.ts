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

  /** One format per run: JSON lines for machines, or one readable line per entry. */
  @IsIn(LOG_FORMATS)
  LOG_FORMAT: LogFormat = 'json';
}

export class ConfigError extends Error {}

/** Validates raw environment variables; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, unknown>): AppConfig {
  // Only our variables, and an empty value means "unset" so a blank line in .env keeps the default.
  const known = new Set([...Object.keys(new AppConfig()), 'DATABASE_URL']);
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => known.has(k) && v !== '' && v !== undefined),
  );
  const config = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}=${JSON.stringify(String(e.value))}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
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
