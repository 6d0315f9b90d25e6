import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input, malformed JSON or a bad Idempotency-Key',
  401: 'Missing or wrong bearer token',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Body larger than 16 KiB',
  415: 'Body is not application/json',
  422: 'Idempotency-Key reused with another body, or a reference to an unknown record',
  429: 'Rate limit exceeded (see Retry-After)',
  503: 'Database unavailable (see Retry-After). For a write: "nothing was written", or type tag:widget-data-service,2026:write-outcome-unknown when it was sent without an answer (retry with the same Idempotency-Key)',
};

/** Documents the RFC 9457 problem+json answers an endpoint can give. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } } }),
    ),
  );
