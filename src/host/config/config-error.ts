/** A setting (from the Settings screen, the ledger or a POS_* variable) that the POS refuses, in catalog words. */
import { PosError } from '../../shared/errors.ts';
import type { HostMessage } from '../../shared/messages/index.ts';

export class ConfigError extends PosError {
  override name = 'ConfigError';

  constructor(text: HostMessage, options?: ErrorOptions) {
    super('invalid_request', text, options);
  }
}
