import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { Matches, ValidateBy, ValidationOptions } from 'class-validator';
import { decimalOfJsonNumber, normaliseCurrency, normaliseEmail, normaliseOrderNumber, ORDER_NUMBER_PATTERN, ratingToScore } from '../normalize';
import { ACCEPTED_RATINGS_MESSAGE } from '../normalize/rating';

/** A CSAT rating the service can convert to a 1-5 score (label, synonym or integer). */
export const IsCsatRating = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isCsatRating', validator: { validate: (v) => ratingToScore(v) !== null, defaultMessage: () => ACCEPTED_RATINGS_MESSAGE } }, options);

/** Normalises an order number (trim, upper case, one leading #) before it is validated. */
export const NormaliseOrderNumber = () =>
  Transform(({ value }) => (typeof value === 'string' ? normaliseOrderNumber(value) : value));

export const IsOrderNumber = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isOrderNumber',
      validator: {
        validate: (v) => typeof v === 'string' && ORDER_NUMBER_PATTERN.test(v),
        defaultMessage: (args) =>
          `${args?.property} must be 1-64 letters, digits, '_' or '-' (after trimming, upper-casing and dropping a leading #)`,
      },
    },
    options,
  );

export const NormaliseEmail = () => Transform(({ value }) => (typeof value === 'string' ? normaliseEmail(value) : value));

export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** A money amount as a decimal string with at most two decimals ("59", "59.9", "59.90"). */
export const MONEY_PATTERN = /^\d{1,10}(\.\d{1,2})?$/;

/** An ISO 4217 code in any case and spacing (`" usd"`, as the legacy import accepts it), normalised to upper case. */
export const IsCurrencyCode = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? normaliseCurrency(value) : value)),
    Matches(/^[A-Z]{3}$/, { message: '$property must be a three-letter ISO 4217 code, e.g. USD' }),
  );

/**
 * A decimal field sent as a JSON number (`0.05`) becomes its exact decimal string (`"0.05"`)
 * before validation, so the field's string rule (range, decimals) decides for both forms.
 */
export const AcceptJsonNumber = () => Transform(({ value }) => (typeof value === 'number' ? decimalOfJsonNumber(value) : value));
