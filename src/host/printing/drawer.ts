/**
 * The cash drawer on the receipt printer's kick-out port. A kick is ESC p (escpos/drawer.ts) sent
 * straight through the printer's own transport — the same long-lived one the print queue uses, so
 * it goes between two jobs, never inside one — and never through the print queue: it is not stored,
 * not queued and never retried. A drawer that opens a minute late, when a printer comes back, is worse
 * than one that does not open: the cashier has the key. A kick that fails is told to the cashier in
 * catalog words ("The drawer did not open — open it with the key"), with the printer's own reason,
 * and logged; nothing else changes (what the kick was for is already committed).
 *
 * Never in training mode: a trainee's "cash sale" must not open the real till's drawer. `none` as
 * the printer means no drawer either (it hangs off the printer). One limit: a `windows:` printer's
 * own queue (the spooler) keeps what it is given; the POS cannot take a kick back from it, so a kick
 * Windows holds for an offline printer is reported as not opened and may still fire when the printer
 * comes back (README, "The cash drawer").
 */
import type { DrawerKickResult } from '../../shared/contract.ts';
import { hostMessage, type HostMessage } from '../../shared/messages/index.ts';
import type { Settings } from '../config/settings.ts';
import { encodeDrawerKick } from './escpos/drawer.ts';
import { logText, PrinterError, type PrinterTransport } from './types.ts';

export interface CashDrawerDeps {
  settings(): Settings;
  /** The transport of the printer setting in force (shared with the print queue), or null for `none`. */
  transport(): PrinterTransport | null;
  now(): number;
  /** The screens should look again (a kick failed, or worked after one had failed). */
  onChange(): void;
  /** Where failures go in full (the system's codes, which screens never show); default console.warn. */
  log?: (line: string) => void;
}

export class CashDrawer {
  readonly #deps: CashDrawerDeps;
  /** The last kick's failure, shown on every tab until a kick works again (or the cashier closes it). */
  #problem: { message: HostMessage; cause: HostMessage | null; at: number } | null = null;

  constructor(deps: CashDrawerDeps) {
    this.#deps = deps;
  }

  get problem(): { message: HostMessage; cause: HostMessage | null; at: number } | null {
    return this.#problem;
  }

  /**
   * Sends the kick once, now. `training`: the sale (or the till) is in training mode — nothing is
   * sent. `why` names the kick in the log ("cash tender of sale 12", "no sale").
   */
  async kick(why: string, training: boolean): Promise<DrawerKickResult> {
    if (training) return { outcome: 'training', message: hostMessage('drawer.training'), cause: null };
    const settings = this.#deps.settings();
    if (!settings.drawerEnabled) return { outcome: 'disabled', message: hostMessage('drawer.notEnabled'), cause: null };
    const transport = settings.printer === 'none' ? null : this.#deps.transport();
    if (!transport) return this.#failed(why, hostMessage('drawer.noPrinter'), null, 'no printer is set up');
    const bytes = encodeDrawerKick({ pin: settings.drawerPin, onMs: settings.drawerPulseOnMs, offMs: settings.drawerPulseOffMs });
    try {
      const outcome = await transport.print(bytes, { drawerKick: true });
      // A Windows printer queue only says it took the bytes. When Windows also says the printer needs
      // attention (offline, paper out), the kick sits in its queue: the drawer did not open now.
      if (outcome && outcome.state === 'spooled' && outcome.attention) {
        return this.#failed(why, hostMessage('drawer.kickFailed'), outcome.note, `${transport.description}: the Windows queue holds it (the printer needs attention)`);
      }
    } catch (error) {
      const cause = error instanceof PrinterError ? error.text : hostMessage('printer.unknownFailure');
      const detail = error instanceof PrinterError ? logText(error) : ((error as Error)?.stack ?? String(error));
      return this.#failed(why, hostMessage('drawer.kickFailed'), cause, `${transport.description}: ${detail}`);
    }
    if (this.#problem) {
      this.#problem = null;
      this.#deps.onChange();
    }
    return { outcome: 'sent', message: null, cause: null };
  }

  /** The cashier closed the warning. */
  dismissProblem(): void {
    if (!this.#problem) return;
    this.#problem = null;
    this.#deps.onChange();
  }

  #failed(why: string, message: HostMessage, cause: HostMessage | null, detail: string): DrawerKickResult {
    (this.#deps.log ?? ((line: string) => console.warn(`[drawer] ${line}`)))(`the drawer kick (${why}) did not reach the printer, not retried: ${detail}`);
    this.#problem = { message, cause, at: this.#deps.now() };
    this.#deps.onChange();
    return { outcome: 'failed', message, cause };
  }
}
