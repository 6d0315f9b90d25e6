import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches, ValidateBy } from 'class-validator';

// A date (midnight UTC) or a date-time with Z or an offset: never a local time that would depend
// on the server's time zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

// Years 1 to 9999: what both JavaScript and PostgreSQL write as four-digit ISO years. Year 0 (or
// an offset that moves 0001-01-01 before it) made PostgreSQL fail the query (SQLSTATE 22008).
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** An instant the database stores and compares as it is. */
export const isStorableInstant = (ms: number) => ms >= EARLIEST && ms <= LATEST;

/** An ISO 8601 instant: a valid calendar date, with Z or an offset when a time is given, in years 1–9999. */
export const IsInstant = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(INSTANT, { message: '$property must be an ISO 8601 date or date-time with Z or an offset' }),
    ValidateBy({
      name: 'isStorableInstant',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || isStorableInstant(Date.parse(value)),
        defaultMessage: () => '$property must be between 0001-01-01 and 9999-12-31 (UTC)',
      },
    }),
  );
