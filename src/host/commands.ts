/**
 * The host's side of the contract: every command from a screen, whatever transport carried it,
 * comes through `runCommand`, which checks its name and arguments before anything acts on them and
 * turns every failure into a CommandError with a plain-words message. Nothing here trusts the caller.
 */
import type { CommandError, CommandName, CommandReply, ErrorCode } from '../shared/contract.ts';
import { AmountError } from '../shared/money.ts';
import { ConfigError } from './config/api-url.ts';
import { PaymentError } from './payments/payment-service.ts';
import type { Host } from './host.ts';
import { toSaleView } from './views.ts';

export class InvalidRequest extends Error {
  override name = 'InvalidRequest';
}

type Handler = (host: Host, args: Record<string, unknown>) => unknown;

function noArgs(args: Record<string, unknown>): void {
  if (Object.keys(args).length > 0) throw new InvalidRequest('this command takes no arguments');
}

function saleId(args: Record<string, unknown>): number {
  const keys = Object.keys(args);
  if (keys.length !== 1 || keys[0] !== 'saleId') throw new InvalidRequest('expected exactly { saleId }');
  const id = args.saleId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new InvalidRequest('saleId must be a positive whole number');
  return id;
}

const HANDLERS: { [K in CommandName]: Handler } = {
  'state.get': (host, args) => (noArgs(args), host.cashierState()),
  'payment.charge': (host, args) => {
    const keys = Object.keys(args);
    if (keys.length !== 1 || keys[0] !== 'amountCents') throw new InvalidRequest('expected exactly { amountCents }');
    return host.payments.charge(args.amountCents).then(toSaleView);
  },
  'payment.cancel': (host, args) => toSaleView(host.payments.cancel(saleId(args))),
  'payment.checkNow': (host, args) => host.payments.checkNow(saleId(args)).then(toSaleView),
  'payment.newQr': (host, args) => host.payments.newQr(saleId(args)).then(toSaleView),
  'payment.dismiss': (host, args) => (noArgs(args), host.payments.dismiss(), null),
  'alerts.dismiss': (host, args) => {
    const keys = Object.keys(args);
    if (keys.length !== 1 || keys[0] !== 'id' || typeof args.id !== 'number' || !Number.isSafeInteger(args.id)) {
      throw new InvalidRequest('expected exactly { id }');
    }
    if (!host.dismissAlert(args.id)) throw new PaymentError('not_found', `There is no open alert #${args.id}`);
    return null;
  },
  'training.simulatePayment': (host, args) => (host.simulatePayment(saleId(args)), null),
  'receipt.reprint': (host, args) => host.printing.reprint(saleId(args)),
  'receipt.preview': (host, args) => host.printing.preview(saleId(args)),
  'printer.testPrint': (host, args) => (noArgs(args), host.printing.testPrint()),
  'printer.list': (host, args) => (noArgs(args), host.printing.list()),
  'printer.retryNow': (host, args) => (noArgs(args), host.printing.queue.retryNow(), null),
  'settings.get': (host, args) => (noArgs(args), host.settings.view()),
  'settings.save': (host, args) => host.saveSettings(args),
};

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(HANDLERS, name);
}

export async function runCommand(host: Host, name: unknown, args: unknown): Promise<CommandReply<unknown>> {
  try {
    if (!isCommandName(name)) throw new InvalidRequest(`unknown command ${JSON.stringify(name)}`);
    const plain = args === undefined ? {} : args;
    if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
      throw new InvalidRequest('arguments must be an object');
    }
    const value = await HANDLERS[name](host, plain as Record<string, unknown>);
    return { ok: true, value: value === undefined ? null : value };
  } catch (error) {
    return { ok: false, error: toCommandError(error) };
  }
}

export function toCommandError(error: unknown): CommandError {
  const message = error instanceof Error ? error.message : String(error);
  const code: ErrorCode =
    error instanceof InvalidRequest ? 'invalid_request'
    : error instanceof AmountError ? 'invalid_amount'
    : error instanceof ConfigError ? 'invalid_request'
    : error instanceof PaymentError ? error.code
    : isStorageError(error) ? 'storage_error'
    : 'internal';
  if (code === 'storage_error') {
    return { code, message: `The ledger could not be written, so nothing was changed (${message}). Is the disk full?` };
  }
  if (code === 'internal') console.error('[host] command failed:', error);
  return { code, message: code === 'internal' ? 'Something went wrong in the POS; nothing was changed' : message };
}

function isStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|CORRUPT|NOTADB)/.test(code);
}
