/**
 * `npm run bench`: speed figures, printed one per line as `<name>: <value> <unit>`, measured side by
 * side in one run so they compare fairly on this machine. Never asserted in tests.
 *
 *   khqr_verify_ours / khqr_verify_sdk   decode + verify throughput of our codec and of the official SDK
 *   paid_detection_median / _p95          sandbox marks PAID → host records PAID, at the default polling
 *   receipt_<58|80>mm_paid_to_bytes_*      host records PAID → receipt bytes written (file transport)
 *   receipt_<58|80>mm_bytes                bytes per receipt job
 *   cashier_push_bytes_<n>_sales           one pushed cashier state (as web mode writes it), with n
 *                                          paid sales today; _awaiting: with a QR waiting as well
 *   cashier_state_build_ms_2000_sales      time to build that state (median)
 *   charge_to_qr_visible_first/_p50/_p95   Enter on the cashier keypad → QR drawn on the customer
 *                                          display, real Chromium, web mode, training sandbox; first
 *                                          sale after start apart; _2000_sales: with a busy day in the ledger
 *   export_<csv|xlsx>_10000_ms / _100000_ms
 *                                          accountant's export of a 10,000-sale day / of 100,000 sales
 *   export_<csv|xlsx>_<10000|100000>_peak_rss
 *                                          peak RSS of the process doing that export (flat: close together)
 *   charge_to_qr_push_first/_p50, qr_push_to_visible_p50
 *                                          the same split in two: until the state with the QR reaches
 *                                          the customer page (cashier page, host, SSE), then drawing it
 *   year_*, x_report_ms, z_report_ms, export_*_day_10000_ms, export_all_*, verify_*, paid_sale_commit_*,
 *   ledger_file_mb, bytes_per_sale        on a generated year of sales (tests/bench/year.ts): plain
 *                                          `npm run bench` runs a small ledger (29,180 sales) to stay
 *                                          within minutes (alone: `npm run bench year-small`);
 *                                          `npm run bench year` the 1,000,000-sale one
 *   sync_rows_per_second                  a till's backlog of journal rows pushed into the back office
 *                                          on a local PostgreSQL (the worker's batches of 500)
 *   sync_lag_p50 / _p95                   a paid sale committed on a till → its row held by the back
 *                                          office, 10 tills selling and pushing at once (tests/bench/sync.ts);
 *                                          without PostgreSQL these lines say it is skipped
 */
import { createRequire } from 'node:module';
import { benchDetection } from './detection.ts';
import { benchExport } from './export.ts';
import { benchKhqr } from './khqr.ts';
import { benchPrinting } from './printing.ts';
import { benchPushSize } from './push-size.ts';
import { benchQrLatency } from './qr-latency.ts';
import { benchSync } from './sync.ts';
import { benchYear } from './year.ts';

const require = createRequire(import.meta.url);
const only = process.argv[2];

function print(name: string, value: number, unit: string): void {
  console.log(`${name}: ${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`);
}

if (!only || only === 'khqr') {
  const { ours, sdk } = benchKhqr(require);
  print('khqr_verify_ours', ours, 'ops/s');
  print('khqr_verify_sdk', sdk, 'ops/s');
}
if (!only || only === 'detection') {
  const { median, p95, samples } = await benchDetection();
  print('paid_detection_median', median, 'ms');
  print('paid_detection_p95', p95, 'ms');
  print('paid_detection_samples', samples, 'payments');
}
if (!only || only === 'printing') {
  for (const paper of [58, 80] as const) {
    const { medianMs, p95Ms, bytes } = await benchPrinting(paper);
    print(`receipt_${paper}mm_paid_to_bytes_median`, medianMs, 'ms');
    print(`receipt_${paper}mm_paid_to_bytes_p95`, p95Ms, 'ms');
    print(`receipt_${paper}mm_bytes`, bytes, 'bytes');
  }
}
if (!only || only === 'push') {
  const sizes = await benchPushSize(2_000);
  print('cashier_push_bytes_0_sales', sizes.emptyBytes, 'bytes');
  print('cashier_push_bytes_2000_sales', sizes.seededBytes, 'bytes');
  print('cashier_push_bytes_2000_sales_awaiting', sizes.seededAwaitingBytes, 'bytes');
  print('cashier_state_build_ms_2000_sales', sizes.seededBuildMs, 'ms');
}
if (!only || only === 'qr') {
  for (const seeded of [0, 2_000]) {
    const suffix = seeded === 0 ? '' : `_${seeded}_sales`;
    const { firstMs, firstToPushMs, p50Ms, p95Ms, samples, toPushP50Ms, pushToVisibleP50Ms } = await benchQrLatency(seeded);
    print(`charge_to_qr_visible_first${suffix}`, firstMs, 'ms');
    print(`charge_to_qr_push_first${suffix}`, firstToPushMs, 'ms');
    print(`charge_to_qr_visible_p50${suffix}`, p50Ms, 'ms');
    print(`charge_to_qr_visible_p95${suffix}`, p95Ms, 'ms');
    print(`charge_to_qr_visible_samples${suffix}`, samples, 'sales');
    print(`charge_to_qr_push_p50${suffix}`, toPushP50Ms, 'ms');
    print(`qr_push_to_visible_p50${suffix}`, pushToVisibleP50Ms, 'ms');
  }
}
if (!only || only === 'export') {
  for (const { name, value, unit } of benchExport()) print(name, value, unit);
}
if (!only || only === 'year' || only === 'year-small') {
  // The 1,000,000-sale year only when asked for by name: generating it takes minutes the first time.
  benchYear(only === 'year', ({ name, value, unit }) => print(name, value, unit));
}
if (!only || only === 'sync') {
  const sync = await benchSync();
  if (sync.skipped) {
    console.log(`sync: skipped (${sync.skipped})`);
  } else {
    print('sync_rows_per_second', sync.rowsPerSecond, `rows/s (${sync.rows} rows)`);
    print('sync_lag_p50', sync.lagP50Ms, 'ms');
    print('sync_lag_p95', sync.lagP95Ms, 'ms');
    print('sync_lag_samples', sync.lagSamples, 'sales (10 tills)');
  }
}
