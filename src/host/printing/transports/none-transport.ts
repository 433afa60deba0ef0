/**
 * `none`: no printer is set up. Every job fails with 'not_configured', which the print queue treats
 * as final (waiting will not make a printer appear). Also stands in for a setting that does not parse,
 * so a bad stored value is reported on each job instead of stopping the POS from starting.
 */
import { PrinterError, type PrinterTransport } from '../types.ts';

export class NoneTransport implements PrinterTransport {
  readonly description: string;
  readonly #message: string;

  /** `invalidSetting`: why the configured setting was rejected, if that is why there is no printer. */
  constructor(invalidSetting?: string) {
    this.description = invalidSetting ? 'no printer (the printer setting is not valid)' : 'no printer';
    this.#message = invalidSetting
      ? `The printer setting is not valid: ${invalidSetting}. Choose the printer again in Settings → Printer.`
      : 'No printer is set up: choose one in Settings → Printer (or set POS_PRINTER).';
  }

  async print(_job: Uint8Array, _meta: { jobId: number }): Promise<void> {
    throw new PrinterError('not_configured', this.#message);
  }

  async close(): Promise<void> {}
}
