import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import { decodeEscPosJob } from '../../../src/host/printing/escpos/decode.ts';
import { renderRecoveryCode } from '../../../src/host/printing/receipt/recovery-code.ts';
import type { OwnerSignedIn } from '../../../src/shared/contract.ts';
import { startHost } from '../../support/servers.ts';
import { tempDir, waitFor } from '../../support/temp.ts';
import { OWNER_PIN } from '../../support/users.ts';

const jobFiles = (dir: string): string[] => readdirSync(dir).filter((name) => !name.startsWith('.')).sort();

test('the recovery code just shown is printed on the owner\'s request (checked first), and stored nowhere but as a hash', async (t) => {
  const prints = tempDir(t);
  const at = Date.UTC(2026, 11, 1, 3, 0, 0);
  const host = startHost(t, { POS_PRINTER: `file:${prints}`, POS_MERCHANT_NAME: 'ហាងកាហ្វេ' }, { now: () => at });
  const made = await runCommand(host, 'auth.createOwner', { name: 'Owner', pin: OWNER_PIN });
  assert.ok(made.ok);
  const { recoveryCode } = made.value as OwnerSignedIn;
  const wrong = await runCommand(host, 'auth.printRecoveryCode', { code: 'AAAA-BBBB-CCCC' });
  assert.deepEqual(!wrong.ok && wrong.error.text, { code: 'auth.wrongRecoveryCode' }, 'nothing else is printed as a recovery code');
  assert.ok((await runCommand(host, 'auth.printRecoveryCode', { code: recoveryCode })).ok);
  await waitFor('the recovery code printed', () => jobFiles(prints).length === 1);
  const printed = decodeEscPosJob(new Uint8Array(readFileSync(join(prints, jobFiles(prints)[0]!)))).raster!;
  assert.deepEqual(printed, renderRecoveryCode({ paperWidth: 80, merchantName: 'ហាងកាហ្វេ', code: recoveryCode, at }));
  const stored = host.db.prepare('SELECT * FROM print_jobs').all();
  for (const form of [recoveryCode, recoveryCode.replace(/-/g, '')]) assert.ok(!JSON.stringify(stored).includes(form), 'no column of the job holds the code');
});
