import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';

/**
 * Adds `extra` to the Fastify route config of a handler (what Nest's @RouteConfig sets) without
 * dropping what another decorator put there, so @Public and @BodyLimit combine in any order.
 * On a class it applies to every method; class decorators run after the methods' own.
 */
export const MergeRouteConfig =
  (extra: Record<string, unknown>): ClassDecorator & MethodDecorator =>
  (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const handlers: unknown[] = descriptor
      ? [descriptor.value]
      : Object.getOwnPropertyNames((target as { prototype: object }).prototype)
          .filter((name) => name !== 'constructor')
          .map((name) => Object.getOwnPropertyDescriptor((target as { prototype: object }).prototype, name)?.value)
          .filter((value) => typeof value === 'function');
    for (const handler of handlers as object[]) {
      const current = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as Record<string, unknown> | undefined) ?? {};
      Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...current, ...extra }, handler);
    }
  };

/** Whether a route's path is `root` or lies below it (`/docs`, `/docs/json`). */
export const isUnder = (path: string, root: string) => path === root || path.startsWith(`${root}/`);
