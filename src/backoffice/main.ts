/**
 * `npm run backoffice [-- <command>]` (docs/backoffice.md):
 *
 *   (none) | serve                                   migrate the database, then serve the tills' endpoints
 *   migrate                                          apply the migrations and stop
 *   user add --role owner|accountant --name NAME     add a person; the password is read from the terminal (or stdin)
 *   till add --shop SHOP --name NAME                 add a till (and its shop) and print its one-time pairing code
 *   till code --shop SHOP --name NAME                a new pairing code: for a till not yet paired, or a re-pair
 *                                                    code for a paired till whose token was revoked (same till id)
 *   till revoke --shop SHOP --name NAME              revoke a paired till's token: its pushes are refused, its rows stay
 *
 * Settings come from the environment (src/backoffice/config.ts). Exit codes: 0 done, 1 refused or
 * failed (the reason on stderr), 2 a usage error.
 */
import { parseArgs } from 'node:util';
import { databaseUrl, readConfig } from './config.ts';
import { checkEncoding, openPool, type Pool } from './db.ts';
import { migrate } from './migrate.ts';
import { readPassword } from './read-password.ts';
import { startService } from './server.ts';
import { addTill, findTill, newCodeFor, revokeTill, TillProblem, type IssuedCode } from './tills.ts';
import { addUser, ROLES, type Role } from './users.ts';

const USAGE = `Usage: npm run backoffice [-- serve | migrate | user add --role owner|accountant --name NAME | till add|code|revoke --shop SHOP --name NAME]`;

class UsageError extends Error {}

function options(args: string[], names: readonly string[]): Record<string, string> {
  const { values, positionals } = parseArgs({ args, options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])), strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`unexpected "${positionals[0]}"`);
  for (const name of names) if (typeof values[name] !== 'string') throw new UsageError(`--${name} is required`);
  return values as Record<string, string>;
}

async function withPool<T>(work: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = openPool(databaseUrl(process.env));
  try {
    await checkEncoding(pool);
    await migrate(pool);
    return await work(pool);
  } finally {
    await pool.end();
  }
}

const printCode = ({ code, expiresAt }: IssuedCode): void => {
  console.log(`pairing code: ${code}`);
  console.log(`valid until ${expiresAt.toISOString()}, once; type it into the till's Settings with this back office's address`);
};

async function serve(): Promise<void> {
  const config = readConfig(process.env);
  const pool = openPool(config.databaseUrl);
  await checkEncoding(pool);
  const applied = await migrate(pool);
  if (applied.length > 0) console.log(`backoffice: applied migrations ${applied.join(', ')}`);
  const service = await startService(config, { pool });
  console.log(`backoffice: ${service.url}`);
  const stop = (): void => {
    void service.close().then(() => pool.end()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  if (command === undefined || command === 'serve') {
    if (sub !== undefined) throw new UsageError(`unexpected "${sub}"`);
    return serve();
  }
  if (command === 'migrate' && sub === undefined) {
    const applied = await withPool(migrate);
    console.log(applied.length > 0 ? `applied migrations ${applied.join(', ')}` : 'the database is up to date');
    return;
  }
  if (command === 'user' && sub === 'add') {
    const { role, name } = options(rest, ['role', 'name']);
    if (!ROLES.includes(role as Role)) throw new UsageError(`--role is owner or accountant, not "${role}"`);
    const password = await readPassword();
    await withPool((pool) => addUser(pool, name!, role as Role, password));
    console.log(`added ${role} "${name}"`);
    return;
  }
  if (command === 'till' && (sub === 'add' || sub === 'code')) {
    const { shop, name } = options(rest, ['shop', 'name']);
    printCode(await withPool((pool) => (sub === 'add' ? addTill : newCodeFor)(pool, shop!, name!)));
    return;
  }
  if (command === 'till' && sub === 'revoke') {
    const { shop, name } = options(rest, ['shop', 'name']);
    const revoked = await withPool(async (pool) => {
      const till = await findTill(pool, shop!, name!);
      if (till === null) throw new TillProblem('no_such_till', `the shop "${shop}" has no till named "${name}"`);
      return revokeTill(pool, till);
    });
    console.log(revoked
      ? `revoked the token of "${name}" (${shop}): its pushes are refused from now on; every row it sent stays. "till code" makes a code to re-pair it.`
      : `"${name}" (${shop}) has no token in force (not paired, or already revoked)`);
    return;
  }
  throw new UsageError(`unknown command "${argv.join(' ')}"`);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`backoffice: ${(error as Error).message}`);
    console.error(USAGE);
    process.exitCode = 2;
  } else {
    console.error(`backoffice: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
