import 'dotenv/config';
import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The prisma CLI would download a native schema engine; ours runs the wasm build offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, 'prisma', 'engine', 'schema-engine.js');

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
