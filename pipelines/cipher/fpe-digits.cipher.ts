/**
 * FF1 over only the ASCII digits of a formatted value, leaving every other character in
 * place: "4111 1111 1111 1111" -> "8243 0917 5532 6604", "+1 (415) 555-0100" keeps its
 * punctuation. All digits are encrypted, including a card's last four and the phone's
 * country code — keeping some in the clear is a policy decision and would shrink the
 * domain; a policy that wants visible last-4 can mask separately. Output cards will
 * generally not pass the Luhn check (FF1 does not preserve checksums), which is useful:
 * a token can never be mistaken for a live PAN by a downstream validator.
 */
import { ff1ForKey } from './ff1.cipher';
import { CipherError } from './cipher.errors';

/** Smallest digit count FF1 radix 10 accepts (10^6 >= 1,000,000). */
export const FPE_MIN_DIGITS = 6;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function transformDigits(value: string, map: (digits: string) => string): string {
  let digits = '';
  for (let i = 0; i < value.length; i++) if (isDigit(value.charCodeAt(i))) digits += value[i];
  if (digits.length < FPE_MIN_DIGITS) {
    throw new CipherError('INPUT_TOO_SHORT', `format-preserving encryption needs at least ${FPE_MIN_DIGITS} digits`);
  }
  const mapped = map(digits);
  let out = '';
  let k = 0;
  for (let i = 0; i < value.length; i++) out += isDigit(value.charCodeAt(i)) ? mapped[k++] : value[i];
  return out;
}

/** Count of ASCII digits — lets callers decide between FPE and an opaque token up front. */
export function countDigits(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) if (isDigit(value.charCodeAt(i))) n++;
  return n;
}

export function fpeDigitsEncrypt(key: Buffer, tweak: Buffer, value: string): string {
  const ff1 = ff1ForKey(key);
  return transformDigits(value, (d) => ff1.encrypt(tweak, 10, d));
}

export function fpeDigitsDecrypt(key: Buffer, tweak: Buffer, value: string): string {
  const ff1 = ff1ForKey(key);
  return transformDigits(value, (d) => ff1.decrypt(tweak, 10, d));
}
