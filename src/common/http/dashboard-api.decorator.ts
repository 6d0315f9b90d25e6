import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from './api-problem.decorator';

/**
 * A private dashboard controller at `path`: bearer auth (enforced by the global guard, declared
 * here for OpenAPI) and the problems every dashboard route can answer.
 */
export const DashboardApiController = (tag: string, path: string) =>
  applyDecorators(ApiTags(tag), ApiBearerAuth(), ApiProblems(400, 401, 503), Controller(path));
