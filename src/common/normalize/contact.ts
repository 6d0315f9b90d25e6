import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

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
