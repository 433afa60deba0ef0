/**
 * Every schema change is a numbered file in this folder, listed here in order. Never edit a released
 * migration: add the next number. The runner records each applied one (name and a checksum of its SQL)
 * so a ledger written by a different build is noticed instead of silently misread.
 */
import * as initial from './001-initial.ts';
import * as latePayments from './002-late-payments.ts';
import * as printJobs from './003-print-jobs.ts';
import * as finalCheck from './004-final-check.ts';
import * as receivingAccount from './005-receiving-account.ts';
import * as salesByPaidAt from './006-sales-by-paid-at.ts';
import * as printJobMessages from './007-print-job-messages.ts';
import * as failureCode from './008-failure-code.ts';
import * as lastCheck from './009-last-check.ts';
import * as printJobSpooled from './010-print-job-spooled.ts';
import * as paidSaleIsFinal from './011-paid-sale-is-final.ts';
import * as noReplace from './012-no-replace.ts';
import * as journal from './013-journal.ts';
import * as shifts from './014-shifts.ts';
import * as printJobZ from './015-print-job-z.ts';
import * as cashMovements from './016-cash-movements.ts';
import * as saleAndTenders from './017-sale-and-tenders.ts';
import * as refundsAndVoids from './018-refunds-and-voids.ts';
import * as saleSettlement from './019-sale-settlement.ts';
import * as users from './020-users.ts';
import * as cashAttempt from './021-cash-attempt.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * false: the runner turns foreign keys off while this migration runs (a table rebuilt under the
   * tables that reference it, SQLite's documented procedure) and checks them before it commits.
   */
  foreignKeys?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  initial, latePayments, printJobs, finalCheck, receivingAccount, salesByPaidAt, printJobMessages, failureCode, lastCheck,
  printJobSpooled, paidSaleIsFinal, noReplace, journal, shifts, printJobZ, cashMovements, saleAndTenders,
  refundsAndVoids,
  saleSettlement, users, cashAttempt,
];
