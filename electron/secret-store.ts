/**
 * The host's SecretStore in Electron (src/host/sync/secret-store.ts): each secret encrypted with
 * Electron's safeStorage — the OS user's keychain (Windows DPAPI, macOS Keychain, the Linux secret
 * service) — and the encrypted bytes kept in a private file under the data folder's secrets/. A
 * copied data folder therefore carries no usable token to another PC or user. Thin on purpose: the
 * host decides what to keep; this only locks it.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { PRIVATE_DIR_MODE } from '../src/host/data-dir.ts';
import { writePrivateFile } from '../src/host/export/private-file.ts';
import { SECRETS_FOLDER, type SecretName, type SecretStore } from '../src/host/sync/secret-store.ts';

export function safeStorageSecrets(dataDir: string): SecretStore {
  const folder = join(dataDir, SECRETS_FOLDER);
  const path = (name: SecretName): string => join(folder, `${name}.safe`);
  const available = (): void => {
    // Without a keychain there is nothing to lock the secret with: refuse rather than keep it plain.
    if (!safeStorage.isEncryptionAvailable()) throw new Error('the operating system offers no encryption for secrets (safeStorage)');
  };
  return {
    async read(name) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path(name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      available();
      return safeStorage.decryptString(bytes);
    },
    async write(name, value) {
      available();
      const bytes = safeStorage.encryptString(value);
      mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
      await writePrivateFile(path(name), async (out) => {
        out.end(bytes);
      });
    },
    async remove(name) {
      rmSync(path(name), { force: true });
    },
  };
}
