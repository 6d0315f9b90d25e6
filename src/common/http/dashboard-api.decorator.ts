import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from './api-problem.decorator';

/**
 * A private dashboard controller at `path`: bearer auth (enforced by the onRequest hook of
 * common/auth/bearer-auth.ts, declared here for OpenAPI) and the problems every dashboard route can
 * answer (429: too many failed tokens from the caller's address).
 */
export const DashboardApiController = (tag: string, path: string) =>
  applyDecorators(ApiTags(tag), ApiBearerAuth(), ApiProblems(400, 401, 429, 503), Controller(path));
