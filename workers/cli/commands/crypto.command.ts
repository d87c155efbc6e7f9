import type { Command } from 'commander';
import { ff1Decrypt, ff1Encrypt } from '../../../pipelines/cipher';
import { action, CommandFailure } from '../run-command';

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

export function registerCryptoCommands(program: Command): void {
  const crypto = program.command('crypto').description('cryptographic primitives, for cross-checking other implementations');
  crypto
    .command('ff1')
    .description('FF1 (NIST SP 800-38G) encrypt or decrypt one value')
    .requiredOption('--key <hex>', 'AES key, 16/24/32 bytes as hex')
    .option('--tweak <hex>', 'tweak as hex', '')
    .option('--radix <n>', 'radix 2..36 (alphabet 0-9a-z)', '10')
    .option('--encrypt <value>', 'value to encrypt')
    .option('--decrypt <value>', 'value to decrypt')
    .action(
      action(async (o: { key: string; tweak: string; radix: string; encrypt?: string; decrypt?: string }) => {
        if (!HEX.test(o.key) || ![32, 48, 64].includes(o.key.length)) throw new CommandFailure('--key must be 16, 24 or 32 bytes of hex', 2);
        if (!HEX.test(o.tweak)) throw new CommandFailure('--tweak must be hex', 2);
        if ((o.encrypt === undefined) === (o.decrypt === undefined)) throw new CommandFailure('give exactly one of --encrypt or --decrypt', 2);
        const radix = Number.parseInt(o.radix, 10);
        const key = Buffer.from(o.key, 'hex');
        const tweak = Buffer.from(o.tweak, 'hex');
        const out = o.encrypt !== undefined ? ff1Encrypt(key, tweak, radix, o.encrypt) : ff1Decrypt(key, tweak, radix, o.decrypt!);
        process.stdout.write(`${out}\n`);
      }),
    );
}
