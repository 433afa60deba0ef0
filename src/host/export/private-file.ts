/**
 * Writes a private file (0600: an export holds every sale of the shop) without ever leaving a
 * half-written one under its name: the content goes to a temporary file beside it, created
 * exclusively with mode 0600, is flushed to disk, and only then renamed over `path`. On any failure
 * the temporary file is removed and `path` is left as it was. With `replace: false` an existing
 * `path` is never replaced, not even one that appeared while the file was written (EEXIST): the
 * name is given by a hard link, which refuses atomically (a file system without hard links, such as
 * a FAT USB stick, falls back to a checked rename).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { access, chmod, link, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const PRIVATE_MODE = 0o600;

export async function writePrivateFile(path: string, write: (out: WriteStream) => Promise<void>, replace = true): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const out = createWriteStream(temp, { flags: 'wx', mode: PRIVATE_MODE });
  try {
    await write(out);
    if (!out.closed) await new Promise<void>((resolve, reject) => out.once('close', resolve).once('error', reject));
    // The umask can only take bits away from 0600; chmod says it anyway in case the file system ignored the mode.
    await chmod(temp, PRIVATE_MODE);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (replace) await rename(temp, path);
    else await publishNew(temp, path);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}

async function publishNew(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
    const exists = await access(path).then(() => true, () => false);
    if (exists) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
    await rename(temp, path);
    return;
  }
  await rm(temp, { force: true });
}
