import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

export { IsCurrencyCode } from '../../common/validation/validators';

export const ORDER_STATUSES = ['pending', 'paid', 'fulfilled', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

// A date (midnight UTC) or a date-time with Z or an offset: never a local time that would depend
// on the server's time zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** An ISO 8601 instant: a valid calendar date, with Z or an offset when a time is given. */
export const IsInstant = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(INSTANT, { message: '$property must be an ISO 8601 date or date-time with Z or an offset' }),
  );
