/** KHQR decode + verify throughput: our codec (parse + the checks done before display) vs the SDK. */
import { buildKhqr, khqrMd5 } from '../../src/host/khqr/index.ts';
import { verifyCreatedQr } from '../../src/host/payments/verify-qr.ts';

const DURATION_MS = 1_500;

function opsPerSecond(work: () => void): number {
  for (let i = 0; i < 2_000; i += 1) work(); // warm up the JIT
  let ops = 0;
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    for (let i = 0; i < 200; i += 1) work();
    ops += 200;
  }
  return Math.round(ops / ((performance.now() - start) / 1000));
}

export function benchKhqr(require: NodeRequire): { ours: number; sdk: number } {
  const { BakongKHQR } = require('bakong-khqr') as {
    BakongKHQR: { verify(text: string): { isValid: boolean }; decode(text: string): { data: unknown } };
  };
  const now = Date.now();
  const khqrString = buildKhqr({
    accountType: 'individual', bakongAccountId: 'myshop@aclb', merchantName: 'My Store', merchantCity: 'Phnom Penh',
    currency: 'USD', amountMinor: 1050, createdAtMs: now, expiresAtMs: now + 15 * 60_000,
  });
  const response = { khqrString, md5: khqrMd5(khqrString), bakongQr: null };
  const expected = { amountCents: 1050, merchantName: 'My Store', bakongId: 'myshop@aclb', allowedAccounts: [], alternateMerchantNames: [] };
  const ours = opsPerSecond(() => {
    verifyCreatedQr(response, expected, now);
  });
  const sdk = opsPerSecond(() => {
    if (!BakongKHQR.verify(khqrString).isValid) throw new Error('the SDK rejected a valid QR');
    BakongKHQR.decode(khqrString);
  });
  return { ours, sdk };
}
