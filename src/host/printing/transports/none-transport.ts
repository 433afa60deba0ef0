/**
 * `none`: no printer is set up. Every job fails with 'not_configured', which the print queue treats
 * as final (waiting will not make a printer appear). Also stands in for a setting that does not parse,
 * so a bad stored value is reported on each job instead of stopping the POS from starting.
 */
import { PrinterError, type PrintMeta, type PrinterTransport } from '../types.ts';

export class NoneTransport implements PrinterTransport {
  readonly description: string;
  readonly #invalidSetting: string | null;

  /** `invalidSetting`: why the configured setting was rejected (for the log), if that is why there is no printer. */
  constructor(invalidSetting?: string) {
    this.description = invalidSetting ? 'no printer (the printer setting is not valid)' : 'no printer';
    this.#invalidSetting = invalidSetting ?? null;
  }

  async print(_job: Uint8Array, _meta: PrintMeta): Promise<void> {
    if (this.#invalidSetting) throw new PrinterError('not_configured', 'printer.settingInvalid', undefined, { detail: this.#invalidSetting });
    throw new PrinterError('not_configured', 'printer.notSetUp');
  }

  async close(): Promise<void> {}
}
