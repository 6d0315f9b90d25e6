/** RFC 9457 problem details, the body of every error this service answers. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Problem types of this service beyond the plain HTTP status. RFC 9457 asks for a URI that
 * identifies the type; a tag URI (RFC 4151) names it without promising a page to fetch.
 */
export const PROBLEM_TYPES = {
  /** A write reached the database, which then stopped answering: stored or not, nobody knows yet. */
  writeOutcomeUnknown: 'tag:widget-data-service,2026:write-outcome-unknown',
} as const;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail?: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  const title = TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Error');
  return {
    type: `https://httpwg.org/specs/rfc9110.html#status.${status}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}

/**
 * An error a service throws to answer with a specific problem (status, detail, field errors,
 * extra headers such as Retry-After). The global filter turns it into problem+json.
 */
export class ProblemException extends Error {
  readonly errors?: FieldError[];
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(
    readonly status: number,
    detail: string,
    options: { errors?: FieldError[]; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }
}
