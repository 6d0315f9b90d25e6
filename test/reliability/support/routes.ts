import type { FastifyInstance } from 'fastify';

export interface Route {
  method: string;
  /** The route's path as registered, e.g. /api/orders/:orderNumber */
  path: string;
}

const TREE_LINE = /^([│├└─\s]*)(\S.*?) \(([A-Z, ]+)\)$/;

/**
 * Every route the running application has, read from Fastify's router itself (printRoutes), so a
 * route added later is covered without anyone listing it. Each tree level indents by 4 columns.
 */
export function discoverRoutes(fastify: FastifyInstance): Route[] {
  const parents: string[] = [];
  const routes: Route[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = TREE_LINE.exec(line);
    if (!match) continue;
    const depth = Math.floor(match[1].length / 4);
    const path = (parents[depth - 1] ?? '') + match[2];
    parents[depth] = path;
    for (const method of match[3].split(',').map((m) => m.trim())) routes.push({ method, path });
  }
  return routes;
}

/** A concrete URL for a route: each :param and * filled with `value`. */
export const fillPath = (path: string, value = 'x') => path.replace(/:[^/]+|\*/g, encodeURIComponent(value));
