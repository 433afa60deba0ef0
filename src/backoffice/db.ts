/**
 * The back office's PostgreSQL: a connection pool, transactions, and the check that the database
 * keeps text as UTF-8 (a journal row's payload must come back byte for byte as the till hashed it).
 */
import pg from 'pg';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

export function openPool(url: string): Pool {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server dropped (a restart) must not crash the service.
  pool.on('error', (error) => console.error(`[backoffice] database connection lost: ${error.message}`));
  return pool;
}

/** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
export async function transaction<T>(pool: Pool, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** int8 comes back from pg as text (it can exceed 2^53); ours never do, and a value that did is refused. */
export function safeInt(value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`${value} is not a safe integer`);
  return n;
}

export async function checkEncoding(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ encoding: string }>("SELECT current_setting('server_encoding') AS encoding");
  if (rows[0]?.encoding !== 'UTF8') {
    throw new Error(`the database's encoding is ${rows[0]?.encoding ?? 'unknown'}: the back office needs UTF8 (CREATE DATABASE … ENCODING 'UTF8')`);
  }
}
