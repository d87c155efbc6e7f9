import { createAppContext, type AppContext } from '../runtime/app-context';

/** Exit codes: 0 ok, 1 failure or negative result (e.g. a chain that does not verify), 2 usage. */
export class CommandFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Runs a command body with an app context that is always closed; failures print one line. */
export async function withApp<T>(name: string, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createAppContext(name);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

export function fail(err: unknown): never {
  const code = err instanceof CommandFailure ? err.exitCode : 1;
  process.stderr.write(`sentinel: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
  process.exit(code);
}

/** Wraps an async commander action so every failure becomes one line on stderr and an exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      fail(err);
    }
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
