#!/usr/bin/env node
'use strict';
/*
 * Stand-in for Prisma's native schema-engine binary (prisma.config.ts points
 * PRISMA_SCHEMA_ENGINE_BINARY here), so `prisma migrate …` works offline.
 * It speaks the binary's protocol — newline-delimited JSON-RPC 2.0 on stdin/stdout,
 * JSON log lines on stderr, and the one-shot `cli <command>` mode — and runs
 * @prisma/schema-engine-wasm over @prisma/adapter-pg. PostgreSQL only.
 */
const fs = require('node:fs');
const readline = require('node:readline');
const { randomUUID } = require('node:crypto');
const { pathToFileURL } = require('node:url');
const pg = require('pg');
const { PrismaPg } = require('@prisma/adapter-pg');
const { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } = require('@prisma/driver-adapter-utils');

function parseArgs(argv) {
  const args = { datamodels: [], datasource: {}, cli: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--datamodels') {
      while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args.datamodels.push(argv[++i]);
    } else if (argv[i] === '--datasource') {
      args.datasource = JSON.parse(argv[++i]);
    } else if (argv[i] === '--version') {
      args.version = true;
    } else if (argv[i] === 'cli') {
      args.cli = argv.slice(i + 1);
      break;
    } else if (argv[i].startsWith('--')) {
      i++; // --enabled-preview-features / --extension-types: nothing the wasm engine takes
    }
  }
  return args;
}

// Same shape as the native engine's tracing output; the CLI keeps the last ERROR line.
function log(level, message, fields = {}) {
  const line = { timestamp: new Date().toISOString(), level, fields: { message, ...fields }, target: 'schema_engine::logger' };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

// ---------------------------------------------------------------------------
// PostgreSQL connections

function parseUrl(url) {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') || undefined; // Prisma's ?schema=, unknown to pg
  u.searchParams.delete('schema');
  return { url: u, schema, database: decodeURIComponent(u.pathname.slice(1)) || 'postgres' };
}

const CHAR_OID = 18;
const TEXT_OID = 25;
const charColumns = new WeakMap(); // result rows → indexes of "char" columns

// PrismaPg rejects pg_catalog's "char" type (OID 18), which the engine reads (e.g.
// pg_constraint.contype) as a Character column. Let PrismaPg treat it as text and
// remember where it was; the driver's queryRaw retypes it (PrismaPg returns pg's rows array as is).
class EngineClient extends pg.Client {
  async query(query) {
    const result = await super.query(query);
    const chars = (result.fields ?? []).flatMap((f, i) => (f.dataTypeID === CHAR_OID ? [i] : []));
    for (const i of chars) result.fields[i].dataTypeID = TEXT_OID;
    if (chars.length) charColumns.set(result.rows, chars);
    return result;
  }
}

// PrismaPg wants a pg.Pool, but a Pool discards a connection after any failed query, and
// PGlite (one connection at a time) then fails with P1017. Serve it one Client instead,
// transactions included — the native engine also works over a single connection.
class OneClientPool extends pg.Pool {
  constructor(client) {
    super();
    this.client = client;
    client.release = () => {};
  }
  query(query) {
    return this.client.query(query);
  }
  async connect() {
    return this.client;
  }
  end() {
    return this.client.end();
  }
}

async function openClient(url) {
  const { url: u, schema } = parseUrl(url);
  const client = new EngineClient({ connectionString: u.toString() });
  client.on('error', (e) => log('WARN', `database connection error: ${e.message}`));
  await client.connect();
  if (schema) await client.query(`SET search_path TO ${client.escapeIdentifier(schema)}`);
  return { client, schema };
}

let lastScriptError; // the database error behind a failed migration script, for P3018

async function openDriver(url) {
  const { client, schema } = await openClient(url);
  const driver = await new PrismaPg(new OneClientPool(client), { schema, disposeExternalPool: true }).connect();
  const queryRaw = driver.queryRaw.bind(driver);
  driver.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  // PrismaPg's executeScript splits on ';', which breaks `DO $$ … $$` and functions: send
  // the script as one simple query, as the native engine does.
  driver.executeScript = async (script) => {
    try {
      await client.query(script);
    } catch (e) {
      lastScriptError = e;
      // An explicit BEGIN in the script would leave the session aborted, and the engine
      // records the failure over this same connection.
      await client.query('ROLLBACK').catch(() => {});
      driver.onError(e); // throws PrismaPg's mapped DriverAdapterError
    }
  };
  return { driver, client, schema };
}

// ---------------------------------------------------------------------------
// `schema-engine cli <command>`: one-shot database checks used before migrate commands

const CONNECTION_ERROR_CODES = {
  '3D000': 'P1003',
  '28P01': 'P1000',
  '28000': 'P1000',
  ECONNREFUSED: 'P1001',
  ENOTFOUND: 'P1001',
  ETIMEDOUT: 'P1001',
};

// The native engine's user-facing errors for failing to connect.
function connectionError(e, url) {
  const errorCode = CONNECTION_ERROR_CODES[e?.code];
  if (!errorCode) return [undefined, String(e?.message ?? e)];
  const { url: u, database } = parseUrl(url);
  const server = `${u.hostname}:${u.port || 5432}`;
  const messages = {
    P1000:
      `Authentication failed against database server, the provided database credentials for \`${decodeURIComponent(u.username)}\` ` +
      `are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${server}\`.`,
    P1001: `Can't reach database server at \`${server}\`\n\nPlease make sure your database server is running at \`${server}\`.`,
    P1003: `Database \`${database}\` does not exist on the database server at \`${server}\`.`,
  };
  return [errorCode, messages[errorCode]];
}

async function runCli([command], { url }) {
  log('INFO', `schema-engine-wasm cli ${command}`); // the CLI discards the first stderr line
  try {
    if (command === 'can-connect-to-database') {
      await (await openClient(url)).client.end();
    } else if (command === 'create-database') {
      const { url: admin, database } = parseUrl(url);
      admin.pathname = '/postgres';
      const { client } = await openClient(admin.toString());
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).finally(() => client.end());
    } else {
      throw new Error(`Unsupported schema-engine cli command: ${command}`);
    }
  } catch (e) {
    const [errorCode, message] = connectionError(e, url);
    log('ERROR', message, errorCode ? { error_code: errorCode } : {});
    process.exitCode = 1;
  }
}

// ---------------------------------------------------------------------------
// JSON-RPC server

// The wasm panic hook hands its message to this global (Prisma's CLI defines it) before trapping.
let panicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (panicMessage = message) };

async function loadEngine() {
  const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bg = await import(pathToFileURL(bgPath).href);
  const wasm = fs.readFileSync(bgPath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(wasm, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg;
}

function adapterFactory({ url, shadowDatabaseUrl }) {
  const clients = [];
  let main;
  const factory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async connect() {
      if (!url) throw new Error('The schema engine needs a database: set datasource.url in prisma.config.ts.');
      const { driver, client } = await openDriver(url);
      clients.push(client);
      main ??= client;
      return driver;
    },
    // PrismaPg's own version creates the database over a fresh connection and drops it while
    // still connected to it. Use the configured shadow database, or a throwaway one.
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        const [mainDb, shadowDb] = [parseUrl(url), parseUrl(shadowDatabaseUrl)];
        if (mainDb.url.host === shadowDb.url.host && mainDb.database === shadowDb.database) {
          throw new Error(
            'The shadow database you configured appears to be the same as the main database. Please specify another shadow database.',
          );
        }
        const { driver, client, schema = 'public' } = await openDriver(shadowDatabaseUrl);
        clients.push(client);
        // The engine expects an empty shadow database, as the native one resets it before use.
        const ident = client.escapeIdentifier(schema);
        await client.query(`DROP SCHEMA IF EXISTS ${ident} CASCADE; CREATE SCHEMA ${ident}`);
        return driver;
      }
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      const drop = () => main.query(`DROP DATABASE IF EXISTS ${main.escapeIdentifier(name)}`);
      await main.query(`CREATE DATABASE ${main.escapeIdentifier(name)}`);
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      try {
        const { driver, client } = await openDriver(shadowUrl.toString());
        driver.dispose = async () => {
          await client.end();
          await drop();
        };
        return driver;
      } catch (e) {
        await drop();
        // e.g. PGlite, which serves one connection at a time
        throw new Error(
          `Cannot connect to the temporary shadow database (${e.message}); set datasource.shadowDatabaseUrl in prisma.config.ts.`,
        );
      }
    },
  };
  const close = () => Promise.allSettled(clients.map((c) => c.end()));
  return { factory: bindMigrationAwareSqlAdapterFactory(factory), close };
}

// Errors as the native engine reports them: known ones carry a P-code for the CLI to print.
function toRpcError(method, e, url) {
  const data = { is_panic: false, message: String(e?.message ?? e) };
  if (/^P\d{4}$/.test(e?.code)) {
    Object.assign(data, { error_code: e.code, meta: e.meta ?? {} });
  } else if (method === 'applyMigrations' && lastScriptError) {
    // The wasm engine reports a failed script as a bare "external connector error"; rebuild
    // the native P3018 so the CLI prints which migration failed and why.
    const migrationName = /migration_name="([^"]+)"/.exec(data.message)?.[1] ?? 'unknown';
    const db = lastScriptError;
    const dbCode = db.code ?? '';
    const dbError = [`${db.severity ?? 'ERROR'}: ${db.message}`, db.detail && `DETAIL: ${db.detail}`, db.hint && `HINT: ${db.hint}`]
      .filter(Boolean)
      .join('\n');
    data.error_code = 'P3018';
    data.meta = { migration_name: migrationName, database_error_code: dbCode, database_error: dbError };
    data.message =
      'A migration failed to apply. New migrations cannot be applied before the error is recovered from. ' +
      'Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve' +
      `\n\nMigration name: ${migrationName}\n\nDatabase error code: ${dbCode}\n\nDatabase error:\n${dbError}\n`;
  } else if (e?.code) {
    const [errorCode, message] = connectionError(e, url);
    if (errorCode) Object.assign(data, { error_code: errorCode, message });
  }
  return { code: 4466, message: 'An error happened. Check the data field for details.', data };
}

async function serve({ datamodels: paths, datasource }) {
  const { SchemaEngine } = await loadEngine();
  const { factory, close } = adapterFactory(datasource);
  const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  // JS errors raised under the engine (e.g. pg failing to connect) come back as "External error id#N".
  const original = (e) => {
    const id = /External error id#(\d+)/.exec(e?.message ?? '')?.[1];
    return (id && factory.errorRegistry.consumeError(Number(id))?.error) || e;
  };

  // The engine connects when constructed. Like the native binary, which connects lazily,
  // report a failure to every request instead of dying.
  let engine;
  let startupError;
  try {
    // The engine must get no datamodels at all rather than an empty list (it panics on []).
    const datamodels = paths.length ? paths.map((p) => [p, fs.readFileSync(p, 'utf8')]) : undefined;
    // Its log lines are already in the native JSON format.
    engine = await SchemaEngine.new({ datamodels }, (line) => process.stderr.write(`${line.trimEnd()}\n`), factory);
  } catch (e) {
    startupError = original(e);
  }

  const call = async (method, params) => {
    try {
      return await engine[method](params);
    } catch (e) {
      // Some commands need a shadow database that only diagnoseMigrationHistory sets up.
      if (!/shadow DB must be provided/i.test(e?.message) || !params?.migrationsList) throw e;
      const { migrationsList, filters } = params;
      await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: true, filters });
      return engine[method](params);
    }
  };

  let printId = 0;
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const { id, method: requested, params } = JSON.parse(line);
    if (!requested) continue; // the CLI's reply to a `print` request
    const method = requested === 'getDatabaseVersion' ? 'version' : requested;
    if (typeof SchemaEngine.prototype[method] !== 'function') {
      send({ id, error: { code: -32601, message: `Method not found: ${requested}` } });
      continue;
    }
    lastScriptError = undefined;
    try {
      if (startupError) throw startupError;
      let result = await call(method, params);
      if (method === 'diff' && result.stdout) {
        // The native engine prints the diff through the CLI rather than returning it.
        send({ id: `print-${++printId}`, method: 'print', params: { content: result.stdout.replace(/\n$/, '') } });
        result = { ...result, stdout: null };
      }
      send({ id, result: result ?? null });
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        // A panic leaves the engine unusable; like the native binary, report it and exit 101.
        const message = panicMessage ?? e.message;
        send({ id, error: { code: 4466, message, data: { is_panic: true, message } } });
        await close();
        process.exit(101);
      }
      send({ id, error: toRpcError(method, original(e), datasource.url) });
    }
  }
  await close();
}

async function printVersion() {
  process.stdout.write(`schema-engine-wasm ${(await loadEngine()).version()}\n`);
}

const args = parseArgs(process.argv.slice(2));
(args.version ? printVersion() : args.cli ? runCli(args.cli, args.datasource) : serve(args)).catch((e) => {
  log('ERROR', e?.stack ?? String(e));
  process.exit(1);
});
