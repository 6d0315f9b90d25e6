import { MergeRouteConfig } from '../http/route-config';

/** Route config flag read by the bearer-auth hook (bearer-auth.ts). */
export const PUBLIC_ROUTE = 'public';

/** Opens a controller or route to callers without a dashboard token (widget, health). */
export const Public = () => MergeRouteConfig({ [PUBLIC_ROUTE]: true });
