import { CountryCode, parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js';

export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * Any common way of writing a phone number → E.164 (`+15550123456`), or null when it cannot be one.
 * "Possible" (right length for the country) rather than "valid": fictional 555 numbers must pass.
 */
export function normalisePhone(raw: string, defaultRegion: string): string | null {
  const phone = parsePhoneNumberFromString(raw.trim(), defaultRegion as CountryCode);
  return phone?.isPossible() ? phone.number : null;
}

const PHONE_FAULTS: Record<string, string> = {
  TOO_SHORT: 'is too short for a phone number',
  TOO_LONG: 'is too long for a phone number',
  INVALID_LENGTH: 'has a length no phone number of its country has',
  INVALID_COUNTRY: 'has no known country code',
  NOT_A_NUMBER: 'is not a phone number',
};

/** Why normalisePhone refused `raw`, and how to write a number it accepts. */
export function phoneFormatMessage(field: string, raw: string, defaultRegion: string): string {
  const fault = PHONE_FAULTS[validatePhoneNumberLength(raw.trim(), defaultRegion as CountryCode) ?? ''] ?? 'is not a possible phone number';
  return (
    `${field} ${JSON.stringify(raw)} ${fault}: write it in E.164 with the country code (e.g. +15550123456) ` +
    `or as a national number of region ${defaultRegion} (DEFAULT_PHONE_REGION)`
  );
}
