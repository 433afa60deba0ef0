/**
 * Where the till keeps secrets that must never be in the ledger, its journal, an export or a backup:
 * today only the back office's token for this till (docs/backoffice.md, "The till's side").
 *
 * One small interface, two implementations: a private file per secret under POS_DATA_DIR/secrets
 * (web mode; 0600 in a 0700 folder) and Electron's safeStorage (electron/secret-store.ts: the bytes are
 * encrypted with the OS user's key, so a copied data folder does not carry a usable token). The
 * host is given one by its launcher and never knows which.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE } from '../data-dir.ts';
import { writePrivateFile } from '../export/private-file.ts';

/** The names of the secrets the host keeps; each a short text. */
export type SecretName = 'backofficeToken';

export interface SecretStore {
  read(name: SecretName): Promise<string | null>;
  write(name: SecretName, value: string): Promise<void>;
  remove(name: SecretName): Promise<void>;
}

export const SECRETS_FOLDER = 'secrets';

/** One file per secret in POS_DATA_DIR/secrets, written atomically (0600; the folder 0700). */
export function fileSecretStore(dataDir: string): SecretStore {
  const folder = join(dataDir, SECRETS_FOLDER);
  const path = (name: SecretName): string => join(folder, name);
  return {
    async read(name) {
      try {
        const text = readFileSync(path(name), 'utf8').trim();
        return text === '' ? null : text;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(name, value) {
      mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
      await writePrivateFile(path(name), async (out) => {
        out.end(`${value}\n`);
      });
    },
    async remove(name) {
      rmSync(path(name), { force: true });
    },
  };
}
