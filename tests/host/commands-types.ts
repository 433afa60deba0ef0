/**
 * Type-level test, checked by `tsc` (part of `npm test`), never run: each command handler is typed
 * from the contract (src/shared/contract.ts), so a handler with the wrong result or arguments does
 * not compile. Every `@ts-expect-error` below must stay an error: if the typing of commands.ts ever
 * loosens (a handler typed `unknown`, methods instead of function properties…), tsc reports the
 * directive as unused and the type check fails.
 */
import type { CommandHandler, CommandHandlers } from '../../src/host/commands.ts';
import type { SaleView } from '../../src/shared/contract.ts';

declare const sale: SaleView;

/** A correct handler compiles. */
export const cancel: CommandHandler<'payment.cancel'> = {
  access: 'signedIn',
  parse: () => ({ saleId: 1 }),
  run: () => sale,
};

export const wrongResult: CommandHandler<'payment.cancel'> = {
  access: 'signedIn',
  parse: () => ({ saleId: 1 }),
  // @ts-expect-error payment.cancel answers with a SaleView, not null
  run: () => null,
};

export const wrongAsyncResult: CommandHandler<'payment.checkNow'> = {
  access: 'signedIn',
  parse: () => ({ saleId: 1 }),
  // @ts-expect-error an async handler must resolve to the contract's result too
  run: async () => ({ id: 1 }),
};

export const wrongParsedArgs: CommandHandler<'payment.charge'> = {
  access: 'signedIn',
  // @ts-expect-error payment.charge's parser must produce { amountCents: number }
  parse: () => ({ amount: '4.00' }),
  run: () => sale,
};

export const wrongArgsUsed: CommandHandler<'alerts.dismiss'> = {
  access: 'signedIn',
  parse: () => ({ id: 1 }),
  // @ts-expect-error the handler receives the contract's arguments ({ id }), not others
  run: (_host, args: { saleId: number }) => (void args.saleId, null),
};

export const resultForAnotherCommand: Pick<CommandHandlers, 'settings.get'> = {
  'settings.get': {
    access: 'signedIn',
    parse: () => ({}),
    // @ts-expect-error settings.get answers with SettingsView, not a sale
    run: () => sale,
  },
};

// @ts-expect-error the table must have a handler for every command in the contract
export const missingCommand: CommandHandlers = { 'state.get': { access: 'anyone', parse: () => ({}), run: (host) => host.cashierState() } };
