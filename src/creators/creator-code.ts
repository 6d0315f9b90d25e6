import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

export const CREATOR_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;

/** Creator codes work like discount codes, case-insensitively: stored trimmed and upper-cased. */
export const NormaliseCreatorCode = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

export const IsCreatorCode = () =>
  Matches(CREATOR_CODE_PATTERN, { message: "$property must be 1-64 letters, digits, '_' or '-' (upper-cased)" });
