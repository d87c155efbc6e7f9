import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DependencyUnavailableError } from '../errors';
import type { EncryptionContext, GeneratedDataKey, KeyProvider } from './key-provider';

const WRAP_VERSION = 1;

/**
 * Local key provider: a 32-byte master key from LOCAL_MASTER_KEY (hex) or a file (created with
 * mode 0600 on first use). Data keys are wrapped with AES-256-GCM; the encryption context is the
 * associated data, so a wrapped key moved to another tenant does not unwrap.
 */
export class LocalKeyProvider implements KeyProvider {
  readonly name = 'local' as const;
  private readonly master: Buffer;
  private readonly masterId: string;

  constructor(opts: { masterKeyHex?: string; masterKeyFile: string }) {
    this.master = opts.masterKeyHex ? Buffer.from(opts.masterKeyHex, 'hex') : loadOrCreate(opts.masterKeyFile);
    // The id names the key without revealing it: a truncated hash of a domain-separated digest.
    this.masterId = `local:${createHash('sha256').update('sentinel-master-id').update(this.master).digest('hex').slice(0, 16)}`;
  }

  wrappingKeyFor(): string {
    return this.masterId;
  }

  async generateDataKey(wrappingKeyId: string, context: EncryptionContext): Promise<GeneratedDataKey> {
    const plaintext = randomBytes(32);
    return { plaintext, wrapped: await this.wrap(wrappingKeyId, plaintext, context) };
  }

  async wrap(wrappingKeyId: string, plaintext: Buffer, context: EncryptionContext): Promise<Buffer> {
    this.assertOwnKey(wrappingKeyId);
    if (plaintext.length !== 32) throw new Error('only 32-byte data keys are wrapped');
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.master, nonce);
    cipher.setAAD(contextBytes(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from([WRAP_VERSION]), nonce, body, cipher.getAuthTag()]);
  }

  async unwrap(wrappingKeyId: string, wrapped: Buffer, context: EncryptionContext): Promise<Buffer> {
    this.assertOwnKey(wrappingKeyId);
    if (wrapped.length !== 1 + 12 + 32 + 16 || wrapped[0] !== WRAP_VERSION) throw new Error('wrapped key has an unknown format');
    const decipher = createDecipheriv('aes-256-gcm', this.master, wrapped.subarray(1, 13));
    decipher.setAAD(contextBytes(context));
    decipher.setAuthTag(wrapped.subarray(45));
    return Buffer.concat([decipher.update(wrapped.subarray(13, 45)), decipher.final()]);
  }

  private assertOwnKey(id: string): void {
    if (id !== this.masterId) throw new DependencyUnavailableError(`local key provider (key ${id} is not the configured master key)`);
  }
}

/** Sorted, length-prefixed context: unambiguous, independent of insertion order. */
export function contextBytes(context: EncryptionContext): Buffer {
  const parts: Buffer[] = [];
  for (const k of Object.keys(context).sort()) {
    for (const s of [k, context[k] ?? '']) {
      const b = Buffer.from(s, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(b.length);
      parts.push(len, b);
    }
  }
  return Buffer.concat(parts);
}

function loadOrCreate(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new Error(`master key file ${file} must hold 64 hex characters`);
  return key;
}
