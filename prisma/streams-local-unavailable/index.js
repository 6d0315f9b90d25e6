// `prisma dev` (a local Prisma Postgres server) loads this on demand; nothing else does.
export async function startLocalDurableStreamsServer() {
  throw new Error('`prisma dev` needs Node.js 22 or later and is not used by this project: run `npm start` (embedded database) instead.');
}
