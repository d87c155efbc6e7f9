/** Public API of the cipher layer: pure, node:crypto only, no I/O. */
export { CipherError, isCipherError, type CipherErrorCode } from './cipher.errors';
export { AesBlockCipher } from './aes-block.cipher';
export { Ff1Cipher, ff1Encrypt, ff1Decrypt, ff1ForKey, FF1_MAX_LENGTH } from './ff1.cipher';
export { ff1MinLength } from './numeral.codec';
export { fpeDigitsEncrypt, fpeDigitsDecrypt, countDigits, FPE_MIN_DIGITS } from './fpe-digits.cipher';
export {
  sealValue,
  openValue,
  parseSealedHeader,
  encodeVaultAad,
  SEALED_FORMAT_V1,
  type VaultAad,
  type SealedHeader,
} from './vault-aead.cipher';
export {
  opaqueToken,
  deterministicToken,
  fpeToken,
  fpeTokenDecrypt,
  tenantFpeTweak,
  type DeterministicTokenInput,
  type FpeToken,
  type FpeTokenInput,
  type FpeTweakMode,
} from './token.generator';
export {
  renderPlaceholder,
  findPlaceholders,
  escapeText,
  unescapeText,
  rewriteText,
  restoreText,
  type PlaceholderKind,
  type PlaceholderRef,
  type PlaceholderMatch,
  type TextReplacement,
} from './placeholder.grammar';
export { encodeFields, type EncodableField } from './field.encoding';
