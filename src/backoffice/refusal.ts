/**
 * What the back office answers a till it refuses: an HTTP status and a stable machine code (the till
 * turns the code into its own catalog message; nothing here is shown to a person verbatim), plus,
 * for a sync refusal, the head the back office holds so the till knows where to continue.
 */
export interface Head {
  epoch: number;
  seq: number;
  hash: string;
}

export type RefusalCode =
  | 'bad_request' | 'not_found' | 'too_large' | 'unsupported_media_type'
  | 'unauthorized' | 'pairing_code_wrong' | 'pairing_code_spent' | 'pairing_code_other_till' | 'till_already_paired' | 'till_code_taken'
  | 'row_malformed' | 'hash_mismatch' | 'not_your_till' | 'batch_not_contiguous'
  | 'gap' | 'chain_broken' | 'row_differs' | 'stale_epoch' | 'not_first_row' | 'not_on_branch';

export class Refusal extends Error {
  override name = 'Refusal';
  readonly status: number;
  readonly code: RefusalCode;
  readonly head: Head | undefined;

  constructor(status: number, code: RefusalCode, message: string, head?: Head) {
    super(message);
    this.status = status;
    this.code = code;
    this.head = head;
  }
}
