/**
 * The host's side of the contract: every command from a screen, whatever transport carried it,
 * comes through `runCommand`, which checks its name and arguments before anything acts on them and
 * turns every failure into a CommandError with a plain-words message. Nothing here trusts the caller.
 */
import { assertMoney } from '../shared/cash/index.ts';
import { CASH_ATTEMPT, ROLES, type ApprovalInput, type ChangeChoiceArg, type CommandArgs, type CommandError, type CommandName, type CommandReply, type CommandResult, type Currency, type ErrorCode, type Role, type ShiftReport } from '../shared/contract.ts';
import { PosError } from '../shared/errors.ts';
import { englishText, hostMessage, type HostMessage, type HostMessageCode } from '../shared/messages/index.ts';
import { assertChargeCents } from '../shared/money.ts';
import { CASH_CURRENCIES, CASH_MOVEMENT_KINDS, type CashCurrency, type CashMovementKind } from '../shared/rules/cash.ts';
import { countedAmount, type DrawerCountInput } from '../shared/rules/count.ts';
import { REFUND_METHODS, REFUND_REASON_MAX_CHARS, REFUND_REFERENCE_MAX_CHARS, type RefundMethod } from '../shared/rules/refund.ts';
import { assertCashAmount, assertFloat, cleanReason } from './ledger/cash-movements.ts';
import { settingsRefusedFor, validateSettingsInput } from './config/settings.ts';
import type { Host } from './host.ts';
import { asActor } from './auth/actor-context.ts';
import { isPin } from './auth/pin.ts';
import { userActor } from './ledger/journal/events.ts';
import { USER_NAME_MAX, isUserName, namesByActor, type User } from './ledger/users.ts';
import { toSaleView } from './views.ts';

/** A command the host cannot act on as sent: unknown, or arguments of the wrong shape. */
export class InvalidRequest extends PosError {
  override name = 'InvalidRequest';

  constructor(text: HostMessage) {
    super('invalid_request', text);
  }
}

/**
 * One command: `parse` checks what arrived (whatever transport carried it) and returns the
 * contract's argument type; `run` acts on it and returns the contract's result type. Both types come
 * from CashierCommands, so a handler whose result drifts from the contract fails the type check
 * (tests/host/commands-types.ts keeps that check honest). Function properties rather than methods,
 * so their parameter types are checked strictly too.
 */
export interface CommandHandler<K extends CommandName> {
  /** Who may send it (checked before its arguments are read): see `Access`. */
  access: Access;
  parse: (args: Readonly<Record<string, unknown>>) => CommandArgs<K>;
  /** A rule on what the arguments ask of this user (settings: which keys their role may change). */
  allow?: (host: Host, args: CommandArgs<K>, user: User) => void;
  run: (host: Host, args: CommandArgs<K>) => CommandResult<K> | Promise<CommandResult<K>>;
}

/**
 * Who may send a command — the one place roles are enforced, whatever transport carried it
 * (README, "Who may do what"): `anyone` at the till, signed in or not (the state, signing in, the
 * first owner); `signedIn`, any role; or only the roles listed. Until an owner can sign in, only
 * `anyone` commands run.
 */
export type Access = 'anyone' | 'signedIn' | readonly Role[];

const OWNER: readonly Role[] = ['owner'];
const OWNER_OR_MANAGER: readonly Role[] = ['owner', 'manager'];

export type CommandHandlers = { [K in CommandName]: CommandHandler<K> };

/** The arguments must be exactly these keys: anything extra is a request this host does not understand. */
function exactKeys(args: Readonly<Record<string, unknown>>, ...keys: string[]): void {
  const given = Object.keys(args);
  if (given.length !== keys.length || !keys.every((key) => given.includes(key))) {
    throw keys.length === 0
      ? new InvalidRequest(hostMessage('request.noArguments'))
      : new InvalidRequest(hostMessage('request.expectedArguments', { names: keys.join(', ') }));
  }
}

function noArgs(args: Readonly<Record<string, unknown>>): Record<string, never> {
  exactKeys(args);
  return {};
}

function saleIdArgs(args: Readonly<Record<string, unknown>>): { saleId: number } {
  exactKeys(args, 'saleId');
  const id = args.saleId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new InvalidRequest(hostMessage('request.saleId'));
  return { saleId: id };
}

/** `{ currency, amount }`: USD cents or whole riel, positive, within its currency's limit (shared/cash). */
function moneyArg(value: unknown): { currency: Currency; amount: number } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidRequest(hostMessage('cash.currency'));
  exactKeys(value as Record<string, unknown>, 'currency', 'amount');
  assertMoney(value);
  return { currency: value.currency, amount: value.amount };
}

/** `default`, `usd`, `khr`, or a keyed split `{ usd, khr }` (whole cents and riel; settle() checks it adds up). */
function changeArg(value: unknown): ChangeChoiceArg {
  if (value === 'default' || value === 'usd' || value === 'khr') return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidRequest(hostMessage('cash.changeWhole'));
  exactKeys(value as Record<string, unknown>, 'usd', 'khr');
  const { usd, khr } = value as Record<string, unknown>;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (!whole(usd) || !whole(khr)) throw new InvalidRequest(hostMessage('cash.changeWhole'));
  return { usd, khr };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function userId(value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw new InvalidRequest(hostMessage('auth.userId'));
  return value;
}

function pin(value: unknown): string {
  if (!isPin(value)) throw new InvalidRequest(hostMessage('auth.pinFormat'));
  return value;
}

function userName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : value;
  if (!isUserName(name)) throw new InvalidRequest(hostMessage('auth.nameFormat', { max: USER_NAME_MAX }));
  return name;
}

function role(value: unknown): Role {
  if (!(ROLES as readonly unknown[]).includes(value)) throw new InvalidRequest(hostMessage('auth.role'));
  return value as Role;
}

/** Printable ASCII without spaces, as an HTTP header value must be. */
const API_KEY = /^[\x21-\x7e]{0,4096}$/;

const COMMANDS: CommandHandlers = {
  'state.get': {
    access: 'anyone',
    parse: noArgs,
    run: (host) => host.cashierState(),
  },
  'payment.charge': {
    access: 'signedIn',
    parse: (args) => {
      if ('due' in args) {
        exactKeys(args, 'due');
        return { due: moneyArg(args.due) };
      }
      exactKeys(args, 'amountCents');
      // The amount's own rules (whole cents, above zero, within the limit) live in shared/money.ts.
      assertChargeCents(args.amountCents);
      return { amountCents: args.amountCents };
    },
    run: async (host, args) => toSaleView('due' in args ? await host.payments.charge(undefined, args.due) : await host.payments.charge(args.amountCents)),
  },
  'cash.tender': {
    access: 'signedIn',
    parse: (args) => {
      const on = 'saleId' in args ? 'saleId' : 'due';
      const keys = [on, 'tender', 'attempt', ...('change' in args ? ['change'] : [])];
      exactKeys(args, ...keys);
      const tender = moneyArg(args.tender);
      if (typeof args.attempt !== 'string' || !CASH_ATTEMPT.test(args.attempt)) throw new InvalidRequest(hostMessage('cash.attemptInvalid'));
      const change = 'change' in args ? changeArg(args.change) : undefined;
      const rest = change === undefined ? { tender, attempt: args.attempt } : { tender, change, attempt: args.attempt };
      return on === 'saleId' ? { saleId: saleIdArgs({ saleId: args.saleId }).saleId, ...rest } : { due: moneyArg(args.due), ...rest };
    },
    run: async (host, args) => {
      const { sale, drawer } = await host.tenderCash(args);
      return { sale: toSaleView(sale), drawer };
    },
  },
  'payment.cancel': {
    access: 'signedIn',
    parse: saleIdArgs,
    run: (host, { saleId }) => toSaleView(host.payments.cancel(saleId)),
  },
  'payment.checkNow': {
    access: 'signedIn',
    parse: saleIdArgs,
    run: async (host, { saleId }) => toSaleView(await host.payments.checkNow(saleId)),
  },
  'payment.newQr': {
    access: 'signedIn',
    parse: saleIdArgs,
    run: async (host, { saleId }) => toSaleView(await host.payments.newQr(saleId)),
  },
  'sales.page': {
    access: 'signedIn',
    parse: (args) => {
      const query: CommandArgs<'sales.page'> = {};
      for (const key of Object.keys(args)) {
        if (key !== 'before' && key !== 'limit') throw new InvalidRequest(hostMessage('request.onlyArguments', { names: 'before, limit' }));
        const value = args[key];
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
          throw new InvalidRequest(hostMessage(key === 'before' ? 'request.saleId' : 'request.pageLimit'));
        }
        query[key] = value;
      }
      return query;
    },
    // A limit above SALES_PAGE_MAX is capped there (views.ts), so no request can ask for the whole day at once.
    run: (host, query) => host.salesPage(query),
  },
  'payment.dismiss': {
    access: 'signedIn',
    parse: noArgs,
    run: (host) => (host.payments.dismiss(), null),
  },
  'integrity.acknowledge': {
    access: OWNER,
    parse: noArgs,
    run: (host) => {
      if (!host.acknowledgeIntegrity()) throw new PosError('not_found', hostMessage('integrity.nothingToAcknowledge'));
      return null;
    },
  },
  'alerts.dismiss': {
    access: 'signedIn',
    parse: (args) => {
      exactKeys(args, 'id');
      if (typeof args.id !== 'number' || !Number.isSafeInteger(args.id) || args.id <= 0) {
        throw new InvalidRequest(hostMessage('request.alertId'));
      }
      return { id: args.id };
    },
    run: (host, { id }) => {
      if (!host.dismissAlert(id)) throw new PosError('not_found', hostMessage('alert.notFound', { id }));
      return null;
    },
  },
  'training.simulatePayment': {
    access: 'signedIn',
    parse: saleIdArgs,
    run: (host, { saleId }) => (host.simulatePayment(saleId), null),
  },
  'receipt.reprint': {
    access: 'signedIn',
    parse: saleIdArgs,
    run: (host, { saleId }) => host.printing.reprint(saleId),
  },
  'receipt.preview': {
    access: 'signedIn',
    parse: saleIdArgs,
    run: (host, { saleId }) => host.printing.preview(saleId),
  },
  'printer.testPrint': {
    access: OWNER,
    parse: noArgs,
    run: (host) => host.printing.testPrint(),
  },
  'printer.list': {
    access: OWNER,
    parse: noArgs,
    run: (host) => host.printing.list(),
  },
  'printer.retryNow': {
    access: 'signedIn',
    parse: noArgs,
    run: (host) => (host.printing.queue.retryNow(), null),
  },
  'settings.get': {
    access: 'signedIn',
    parse: noArgs,
    run: (host) => host.settings.view(),
  },
  'settings.save': {
    // Any signed-in user; which keys their role may change is SETTING_ROLES (config/settings.ts).
    access: 'signedIn',
    // Every setting's rule lives in config/settings.ts; the store checks the patch again before writing.
    parse: (args) => validateSettingsInput(args),
    allow: (host, input, user) => {
      const refused = settingsRefusedFor(user.role, input, host.settings.current());
      if (refused.length > 0) throw new PosError('not_allowed', hostMessage('auth.ownerOnlySettings', { fields: refused.join(', ') }));
    },
    run: (host, input) => host.saveSettings(input),
  },
  // Shifts (src/host/ledger/shifts.ts): reports and the close are the owner's or a manager's.
  'shift.x': {
    access: OWNER_OR_MANAGER,
    parse: noArgs,
    run: (host) => named(host, host.shifts.xReport()),
  },
  'shift.count': {
    access: OWNER_OR_MANAGER,
    parse: (args) => {
      exactKeys(args, 'USD', 'KHR');
      for (const currency of CASH_CURRENCIES) {
        if (countedAmount(currency, args[currency]) === null) throw new InvalidRequest(hostMessage('shift.countInvalid'));
      }
      return args as unknown as DrawerCountInput;
    },
    run: (host, input) => host.shifts.count(input, { actor: host.auth.actor() ?? 'system' }),
  },
  'shift.close': {
    access: OWNER_OR_MANAGER,
    parse: (args) => {
      const given = Object.keys(args);
      if (given.some((key) => key !== 'carryOver')) throw new InvalidRequest(hostMessage('request.onlyArguments', { names: 'carryOver' }));
      if (!('carryOver' in args)) return {};
      if (typeof args.carryOver !== 'boolean') throw new InvalidRequest(hostMessage('shift.carryOverInvalid'));
      return { carryOver: args.carryOver };
    },
    run: (host, { carryOver }) => named(host, host.shifts.close({ carryOver: carryOver === true, actor: host.auth.actor() ?? 'system' })),
  },
  'shift.zList': {
    access: OWNER_OR_MANAGER,
    parse: noArgs,
    run: (host) => host.shifts.zReports(),
  },
  'shift.z': {
    access: OWNER_OR_MANAGER,
    parse: (args) => {
      exactKeys(args, 'shift');
      if (typeof args.shift !== 'number' || !Number.isSafeInteger(args.shift) || args.shift <= 0) throw new InvalidRequest(hostMessage('shift.numberInvalid'));
      return { shift: args.shift };
    },
    run: (host, { shift }) => {
      const z = host.shifts.zReport(shift);
      if (!z) throw new PosError('not_found', hostMessage('shift.zNotFound', { shift }));
      return named(host, z);
    },
  },
  'export.create': {
    access: OWNER,
    parse: (args) => {
      const format = args.format;
      if (format !== 'csv' && format !== 'xlsx') throw new InvalidRequest(hostMessage('export.format'));
      if (Object.hasOwn(args, 'z')) {
        exactKeys(args, 'format', 'z');
        const z = args.z;
        if (typeof z !== 'number' || !Number.isSafeInteger(z) || z < 1) throw new InvalidRequest(hostMessage('export.zNumber'));
        return { format, z };
      }
      exactKeys(args, 'format', 'from', 'to');
      if (typeof args.from !== 'string' || typeof args.to !== 'string') throw new InvalidRequest(hostMessage('export.dateFormat'));
      return { format, from: args.from, to: args.to };
    },
    run: (host, args) => host.exports.create(args),
  },
  'shift.zReprint': {
    access: OWNER_OR_MANAGER,
    parse: (args) => {
      exactKeys(args, 'n');
      if (typeof args.n !== 'number' || !Number.isSafeInteger(args.n) || args.n <= 0) throw new InvalidRequest(hostMessage('shift.numberInvalid'));
      return { n: args.n };
    },
    run: (host, { n }) => host.shifts.reprintZ(n),
  },
  // Cash control (ledger/cash-movements.ts) and the drawer (printing/drawer.ts), journaled as the
  // signed-in user. "Open drawer" without a sale: an approval in place, an owner's or a manager's PIN
  // typed at the till whoever is signed in (host.approve), journaled with both.
  'cash.setFloat': {
    access: 'signedIn',
    parse: (args) => {
      exactKeys(args, 'usdCents', 'riel');
      assertFloat(args.usdCents, args.riel);
      return { usdCents: args.usdCents as number, riel: args.riel as number };
    },
    run: (host, input) => (host.cash.setFloat(input), null),
  },
  'cash.record': {
    access: 'signedIn',
    parse: (args) => {
      exactKeys(args, 'kind', 'currency', 'amount', 'reason');
      if (!(CASH_MOVEMENT_KINDS as readonly unknown[]).includes(args.kind)) throw new InvalidRequest(hostMessage('drawer.kind'));
      if (!(CASH_CURRENCIES as readonly unknown[]).includes(args.currency)) throw new InvalidRequest(hostMessage('cash.currency'));
      const currency = args.currency as CashCurrency;
      assertCashAmount(currency, args.amount);
      return { kind: args.kind as CashMovementKind, currency, amount: args.amount, reason: cleanReason(args.reason) };
    },
    run: (host, input) => (host.cash.record(input), null),
  },
  'drawer.open': {
    access: 'signedIn',
    parse: (args) => {
      exactKeys(args, 'approver');
      return { approver: approvalArgs(args.approver) };
    },
    // The PIN is checked before anything happens, in training too (the same steps at the till).
    run: async (host, { approver }) => host.cash.openDrawerNoSale({ actor: 'cashier', approver: (await host.approve(approver)).approver }),
  },
  'drawer.dismissProblem': {
    access: 'signedIn',
    parse: noArgs,
    run: (host) => (host.cash.dismissDrawerProblem(), null),
  },
  'sync.pair': {
    // Pairing the till with a back office is the owner's.
    access: OWNER,
    // The address's and code's own rules live in src/host/sync/pair.ts (checked again there).
    parse: (args) => {
      exactKeys(args, 'url', 'code');
      if (typeof args.url !== 'string' || args.url.length > 2048) throw new InvalidRequest(hostMessage('sync.urlInvalid'));
      if (typeof args.code !== 'string' || args.code.length > 40) throw new InvalidRequest(hostMessage('sync.codeInvalid'));
      return { url: args.url, code: args.code };
    },
    run: (host, input) => host.sync.pair(input),
  },
  'sync.now': {
    access: 'signedIn',
    parse: noArgs,
    run: (host) => host.sync.syncNow(),
  },
  // Voids and refunds (src/host/returns.ts): the approver's PIN is checked by host.approve, the
  // document's own rules (cap, reason, reference) by its writer; the shapes are checked here.
  'refund.search': {
    access: 'signedIn',
    parse: (args) => {
      const keys = Object.keys(args);
      if (!keys.includes('query') || keys.some((key) => !['query', 'date', 'before'].includes(key))) {
        throw new InvalidRequest(hostMessage('request.onlyArguments', { names: 'query, date, before' }));
      }
      if (typeof args.query !== 'string' || args.query.length > 40) throw new InvalidRequest(hostMessage('refund.searchQuery', { example: '12' }));
      const query: CommandArgs<'refund.search'> = { query: args.query };
      if ('date' in args) {
        if (typeof args.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(args.date)) throw new InvalidRequest(hostMessage('export.dateFormat'));
        query.date = args.date;
      }
      if ('before' in args) {
        if (typeof args.before !== 'number' || !Number.isSafeInteger(args.before) || args.before <= 0) throw new InvalidRequest(hostMessage('request.saleId'));
        query.before = args.before;
      }
      return query;
    },
    run: (host, query) => host.returns.search(query),
  },
  'refund.create': {
    access: 'signedIn',
    parse: (args) => {
      exactKeys(args, 'saleId', 'currency', 'amount', 'method', 'reference', 'reason', 'approver');
      const { saleId } = saleIdArgs({ saleId: args.saleId });
      if (!(CASH_CURRENCIES as readonly unknown[]).includes(args.currency)) throw new InvalidRequest(hostMessage('cash.currency'));
      if (!(REFUND_METHODS as readonly unknown[]).includes(args.method)) throw new InvalidRequest(hostMessage('request.expectedArguments', { names: 'method: cash, bank_transfer' }));
      if (args.reference !== null && typeof args.reference !== 'string') throw new InvalidRequest(hostMessage('refund.reference', { max: REFUND_REFERENCE_MAX_CHARS }));
      if (typeof args.reason !== 'string') throw new InvalidRequest(hostMessage('refund.reason', { max: REFUND_REASON_MAX_CHARS }));
      return {
        // The amount's rules (integer, above 0, riel notes for cash) are the writer's (ledger/refunds.ts), in words.
        saleId, currency: args.currency as CashCurrency, amount: args.amount as number, method: args.method as RefundMethod,
        reference: args.reference, reason: args.reason, approver: approvalArgs(args.approver),
      };
    },
    run: async (host, { approver, ...input }) => host.returns.refund(input, { actor: 'cashier', approval: await host.approve(approver) }),
  },
  'sale.void': {
    access: 'signedIn',
    parse: (args) => {
      exactKeys(args, 'saleId', 'reason', 'approver');
      const { saleId } = saleIdArgs({ saleId: args.saleId });
      if (typeof args.reason !== 'string') throw new InvalidRequest(hostMessage('refund.reason', { max: REFUND_REASON_MAX_CHARS }));
      return { saleId, reason: args.reason, approver: approvalArgs(args.approver) };
    },
    run: async (host, { approver, ...input }) => host.returns.void(input, { actor: 'cashier', approval: await host.approve(approver) }),
  },
  // Users and signing in (src/host/auth/auth.ts).
  'auth.createOwner': {
    access: 'anyone',
    parse: (args) => {
      exactKeys(args, 'name', 'pin');
      return { name: userName(args.name), pin: pin(args.pin) };
    },
    run: (host, { name, pin }) => host.auth.createOwner(name, pin),
  },
  'auth.signIn': {
    access: 'anyone',
    parse: (args) => {
      exactKeys(args, 'userId', 'pin');
      return { userId: userId(args.userId), pin: pin(args.pin) };
    },
    run: (host, { userId, pin }) => host.auth.signIn(userId, pin),
  },
  'auth.lock': {
    access: 'anyone',
    parse: noArgs,
    run: (host) => (host.auth.lock(), null),
  },
  'auth.recover': {
    access: 'anyone',
    parse: (args) => {
      exactKeys(args, 'code', 'pin');
      if (typeof args.code !== 'string' || args.code.length > 64) throw new InvalidRequest(hostMessage('auth.wrongRecoveryCode'));
      return { code: args.code, pin: pin(args.pin) };
    },
    run: (host, { code, pin }) => host.auth.recover(code, pin),
  },
  'auth.renewRecoveryCode': {
    access: OWNER,
    parse: noArgs,
    run: async (host) => ({ recoveryCode: await host.auth.renewRecoveryCode() }),
  },
  'auth.printRecoveryCode': {
    access: OWNER,
    parse: (args) => {
      exactKeys(args, 'code');
      if (typeof args.code !== 'string' || args.code.length > 64) throw new InvalidRequest(hostMessage('auth.wrongRecoveryCode'));
      return { code: args.code };
    },
    run: (host, { code }) => host.printRecoveryCode(code),
  },
  'users.list': {
    access: OWNER,
    parse: noArgs,
    run: (host) => host.auth.list(),
  },
  'users.add': {
    access: OWNER,
    parse: (args) => {
      exactKeys(args, 'name', 'role', 'pin');
      return { name: userName(args.name), role: role(args.role), pin: pin(args.pin) };
    },
    run: (host, { name, role, pin }) => host.auth.addUser(name, role, pin),
  },
  'users.setRole': {
    access: OWNER,
    parse: (args) => {
      exactKeys(args, 'userId', 'role');
      return { userId: userId(args.userId), role: role(args.role) };
    },
    run: (host, { userId, role }) => host.auth.setRole(userId, role),
  },
  'users.resetPin': {
    access: OWNER,
    parse: (args) => {
      exactKeys(args, 'userId', 'pin');
      return { userId: userId(args.userId), pin: pin(args.pin) };
    },
    run: (host, { userId, pin }) => host.auth.resetPin(userId, pin),
  },
  'users.deactivate': {
    access: OWNER,
    parse: (args) => {
      exactKeys(args, 'userId');
      return { userId: userId(args.userId) };
    },
    run: (host, { userId }) => host.auth.deactivate(userId),
  },
  'settings.setApiKey': {
    access: OWNER,
    parse: (args) => {
      exactKeys(args, 'apiKey');
      if (typeof args.apiKey !== 'string' || !API_KEY.test(args.apiKey.trim())) throw new InvalidRequest(hostMessage('auth.apiKeyFormat'));
      return { apiKey: args.apiKey.trim() };
    },
    run: (host, { apiKey }) => host.setApiKey(apiKey),
  },
};

/** A report as sent to a screen: with the names of the users its actors are (ShiftReport.names). */
function named(host: Host, report: ShiftReport): ShiftReport {
  return { ...report, names: namesByActor(host.db) };
}

/** Who approves: a user's id and a PIN of 4–6 digits (the PIN itself is checked by host.approve, never echoed). */
function approvalArgs(value: unknown): ApprovalInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidRequest(hostMessage('approval.pinFormat'));
  const { userId, pin, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof userId !== 'string' || userId.length === 0 || userId.length > 64 || typeof pin !== 'string' || !/^[0-9]{4,6}$/.test(pin)) {
    throw new InvalidRequest(hostMessage('approval.pinFormat'));
  }
  return { userId, pin };
}

/** Every command the host answers (the contract's, exactly: the table's type requires each one). */
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(COMMANDS, name);
}

/** Who may send each command (tests list the owner-only ones from here). */
export function commandAccess(name: CommandName): Access {
  return COMMANDS[name].access;
}

/**
 * Refuses a command its sender may not send, before its arguments are read: with no owner yet,
 * everything but `anyone`; locked, everything but `anyone`; a role not listed.
 */
function authorize(host: Host, access: Access): User | null {
  if (access === 'anyone') return host.auth.current();
  if (host.auth.needsOwner()) throw new PosError('sign_in_required', hostMessage('auth.ownerFirst'));
  const user = host.auth.current();
  if (!user) throw new PosError('sign_in_required', hostMessage('auth.signInFirst'));
  if (access !== 'signedIn' && !access.includes(user.role)) {
    throw new PosError('not_allowed', hostMessage(access.length === 1 ? 'auth.ownerOnly' : 'auth.ownerOrManagerOnly'));
  }
  return user;
}

/**
 * Checks who sends it, parses and runs one command; the indexed handler keeps K, so its arguments
 * and result stay paired. Every journal row the command writes names the signed-in user (actor-context.ts).
 */
async function dispatch<K extends CommandName>(host: Host, name: K, args: Readonly<Record<string, unknown>>): Promise<CommandResult<K>> {
  const command: CommandHandler<K> = COMMANDS[name];
  const user = authorize(host, command.access);
  const parsed = command.parse(args);
  if (user && command.allow) command.allow(host, parsed, user);
  return asActor(user ? userActor(user.id) : null, () => command.run(host, parsed));
}

export async function runCommand(host: Host, name: unknown, args: unknown): Promise<CommandReply<unknown>> {
  try {
    // The name is the caller's free text: it goes nowhere near the message.
    if (!isCommandName(name)) throw new InvalidRequest(hostMessage('request.unknownCommand'));
    const plain = args === undefined ? {} : args;
    if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
      throw new InvalidRequest(hostMessage('request.argumentsNotObject'));
    }
    const value = await dispatch(host, name, plain as Readonly<Record<string, unknown>>);
    return { ok: true, value: value === undefined ? null : value };
  } catch (error) {
    return { ok: false, error: toCommandError(error) };
  }
}

/**
 * Every failure as data for the screens: a PosError carries its own category and catalog message; a
 * full or failing disk is said in words; anything else gets a generic message (its details go to the
 * log, never to a screen).
 */
export function toCommandError(error: unknown): CommandError {
  if (error instanceof PosError) return { code: error.code, text: error.text, message: error.message };
  if (isStorageError(error)) {
    console.warn('[host] the ledger could not be written:', error instanceof Error ? error.message : error);
    return generic('storage_error', 'ledger.writeFailed');
  }
  console.error('[host] command failed:', error);
  return generic('internal', 'request.internal');
}

function generic(code: ErrorCode, message: HostMessageCode): CommandError {
  const text = hostMessage(message);
  return { code, text, message: englishText(text) };
}

function isStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|CORRUPT|NOTADB)/.test(code);
}
