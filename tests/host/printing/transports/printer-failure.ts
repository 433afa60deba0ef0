/**
 * The transport tests' way to await a print that must fail: it returns the PrinterError (for the test
 * to check its reason and words), and fails the test if the print succeeded or threw anything else.
 */
import assert from 'node:assert/strict';
import { PrinterError, type PrinterTransport } from '../../../../src/host/printing/types.ts';

export async function failure(promise: Promise<unknown>): Promise<PrinterError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PrinterError, String(error));
    return error;
  }
  assert.fail('expected the job to fail');
}

/** Prints `job` (as job 1) on `transport`, expecting that to fail. */
export function jobFailure(transport: PrinterTransport, job: Uint8Array): Promise<PrinterError> {
  return failure(transport.print(job, { jobId: 1 }));
}
