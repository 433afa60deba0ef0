import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { CommandError, PrintJobView, SettingsInput, UsbPrinterInfo, WindowsPrinterInfo } from '../../shared/contract.ts';
import { hostMessageText, type HostMessage } from '../../shared/messages/index.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { Field } from './Field.tsx';
import {
  MAX_RECEIPT_LINES,
  MAX_RECEIPT_LINE_CHARS,
  checkReceiptLines,
  joinPrinterSetting,
  printerOptions,
  receiptLinesProblem,
} from './printer-form.ts';
import { receiptSentence, receiptStatus, receiptTone } from './receipt.ts';
import type { Draft, InvalidField, LoadedSettings } from './settings-form.ts';
import { invoke, useCashier } from './store.ts';
import { useLanguage, useT } from './useT.ts';
import { LOCK_NOTE, type Lock } from './lock.ts';

interface Props {
  loaded: LoadedSettings;
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  locked: (field: keyof SettingsInput) => Lock;
  invalid: InvalidField | null;
}

interface UsbList {
  loading: boolean;
  printers: UsbPrinterInfo[] | null;
  windowsPrinters: WindowsPrinterInfo[] | null;
  problem: HostMessage | null;
  error: CommandError | null;
}

const NO_JOBS: PrintJobView[] = [];

/** Settings → Printer: where receipts go, paper width, header and footer lines, and a test print. */
export function PrinterSection({ loaded, draft, update, locked, invalid }: Props) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const printer = useCashier((s) => s.state?.printer ?? null);

  return (
    <section className="settings__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="settings__subtitle">
        {t('printer.title')}
      </h2>
      {printer && (
        <div className="printer-now">
          <p className="printer-now__what">{t('printer.now', { description: hostMessageText(printer.description, language) })}</p>
          {printer.problem && (
            <div className="banner banner--warn">
              <div className="banner__text">
                <strong>{t('printer.problem')}</strong>
                <span className="banner__detail">{hostMessageText(printer.problem, language)}</span>
              </div>
              {/* After plugging the printer back in: print what waits now, not after its backoff. */}
              <button type="button" className="btn" onClick={() => void invoke('printer.retryNow', {})}>
                {t('printer.retryNow')}
              </button>
            </div>
          )}
        </div>
      )}
      <div className="settings__grid">
        <PrinterChoice loaded={loaded} draft={draft} update={update} locked={locked('printer')} invalid={invalid} />
        <div className="settings__column">
          {loaded.paperWidth !== undefined && (
            <PaperWidth draft={draft} update={update} locked={locked('paperWidth')} />
          )}
          {locked('printer') !== 'owner' && <TestPrint loaded={loaded} draft={draft} />}
        </div>
        {loaded.receiptHeader !== undefined && (
          <LinesField
            field="receiptHeader"
            label={t('printer.header')}
            help={t('printer.headerHelp')}
            value={draft.receiptHeader}
            onChange={(receiptHeader) => update({ receiptHeader })}
            locked={locked('receiptHeader')}
            flagged={invalid === 'receiptHeader'}
          />
        )}
        {loaded.receiptFooter !== undefined && (
          <LinesField
            field="receiptFooter"
            label={t('printer.footer')}
            help={t('printer.footerHelp')}
            value={draft.receiptFooter}
            onChange={(receiptFooter) => update({ receiptFooter })}
            locked={locked('receiptFooter')}
            flagged={invalid === 'receiptFooter'}
          />
        )}
      </div>
    </section>
  );
}

function PrinterChoice({
  loaded,
  draft,
  update,
  locked,
  invalid,
}: {
  loaded: LoadedSettings;
  draft: Draft;
  update: Props['update'];
  locked: Lock;
  invalid: InvalidField | null;
}) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const [list, setList] = useState<UsbList>({ loading: true, printers: null, windowsPrinters: null, problem: null, error: null });
  const [round, setRound] = useState(0);

  // Listing the printers is part of choosing one: the owner's (a locked choice by role lists nothing).
  const mayList = locked !== 'owner';
  useEffect(() => {
    let live = true;
    if (!mayList) {
      setList({ loading: false, printers: null, windowsPrinters: null, problem: null, error: null });
      return;
    }
    setList((old) => ({ ...old, loading: true, error: null }));
    void invoke('printer.list', {}).then((reply) => {
      if (!live) return;
      setList(
        reply.ok
          ? { loading: false, printers: reply.value.printers, windowsPrinters: reply.value.windowsPrinters, problem: reply.value.problem, error: null }
          : { loading: false, printers: null, windowsPrinters: null, problem: null, error: reply.error },
      );
    });
    return () => {
      live = false;
    };
  }, [round, mayList]);
  const refresh = useCallback(() => setRound((n) => n + 1), []);

  const options = useMemo(
    () => printerOptions(list.printers, [loaded.printer ?? 'none', draft.printerChoice], t, list.windowsPrinters),
    [list.printers, list.windowsPrinters, loaded.printer, draft.printerChoice, t],
  );
  const folderFlagged = invalid === 'printerFolder';

  return (
    <fieldset
      className={`field choice${locked ? ' field--locked' : ''}`}
      aria-describedby={locked ? `${id}-locked` : undefined}
    >
      <legend className="field__label">{t('printer.choice')}</legend>
      {locked && (
        <p id={`${id}-locked`} className="field__locked">
          {locked && t(LOCK_NOTE[locked])}
        </p>
      )}
      <div className="choice__options">
        {options.map((option) => (
          <div key={option.value} className="choice__option">
            <label className="choice__label">
              <input
                type="radio"
                name={`${id}-printer`}
                value={option.value}
                checked={draft.printerChoice === option.value}
                disabled={locked !== false}
                onChange={() => update({ printerChoice: option.value })}
              />
              <span>
                {option.label}
                {option.note && <span className="choice__note"> · {option.note}</span>}
              </span>
            </label>
            {option.value === 'file' && draft.printerChoice === 'file' && (
              <div className="choice__sub">
                <label htmlFor={`${id}-folder`} className="field__label field__label--small">
                  {t('printer.folderPath')}
                </label>
                <input
                  id={`${id}-folder`}
                  className="field__control"
                  type="text"
                  spellCheck={false}
                  autoComplete="off"
                  placeholder="/home/shop/receipts"
                  readOnly={locked !== false}
                  aria-invalid={folderFlagged || undefined}
                  aria-describedby={`${id}-folder-help`}
                  value={draft.printerFolder}
                  onChange={(e) => update({ printerFolder: e.target.value })}
                />
                <p id={`${id}-folder-help`} className="field__help">
                  {t('printer.folderHelp')}
                </p>
              </div>
            )}
          </div>
        ))}
      </div>
      <div className="choice__usb">
        <p className="field__help" role="status">
          {list.loading ? t('printer.searching') : list.printers?.length === 0 ? t('printer.noneFound') : ''}
        </p>
        {list.problem && (
          <div className="banner banner--warn">
            <div className="banner__text">
              <strong>{t('printer.listProblem')}</strong>
              <span className="banner__detail usb-problem">{hostMessageText(list.problem, language)}</span>
            </div>
          </div>
        )}
        {list.error && <ErrorBanner error={list.error} />}
        <button type="button" className="btn" disabled={list.loading} onClick={refresh}>
          {t('printer.refresh')}
        </button>
      </div>
    </fieldset>
  );
}

function PaperWidth({ draft, update, locked }: { draft: Draft; update: Props['update']; locked: Lock }) {
  const t = useT();
  const id = useId();
  return (
    <fieldset
      className={`field choice${locked ? ' field--locked' : ''}`}
      aria-describedby={locked ? `${id}-locked` : undefined}
    >
      <legend className="field__label">{t('printer.paperWidth')}</legend>
      <div className="choice__row">
        {(['80', '58'] as const).map((width) => (
          <label key={width} className="choice__label choice__label--boxed">
            <input
              type="radio"
              name={`${id}-paper`}
              value={width}
              checked={draft.paperWidth === width}
              disabled={locked !== false}
              onChange={() => update({ paperWidth: width })}
            />
            <span>{t(width === '80' ? 'printer.paper80' : 'printer.paper58')}</span>
          </label>
        ))}
      </div>
      {locked && (
        <p id={`${id}-locked`} className="field__locked">
          {locked && t(LOCK_NOTE[locked])}
        </p>
      )}
    </fieldset>
  );
}

function LinesField({
  field,
  label,
  help,
  value,
  onChange,
  locked,
  flagged,
}: {
  field: 'receiptHeader' | 'receiptFooter';
  label: string;
  help: string;
  value: string;
  onChange: (value: string) => void;
  locked: Lock;
  flagged: boolean;
}) {
  const t = useT();
  const check = useMemo(() => checkReceiptLines(value), [value]);
  const problem = receiptLinesProblem(check, t);
  return (
    <Field
      label={label}
      help={help}
      locked={locked}
      status={
        <>
          <span className={check.tooMany ? 'field__count field__count--over' : 'field__count'}>
            {t('printer.lineCount', {
              count: check.lines.length,
              max: MAX_RECEIPT_LINES,
              chars: MAX_RECEIPT_LINE_CHARS,
            })}
          </span>
          {problem && <span className="field__problem">{problem}</span>}
        </>
      }
    >
      {(props) => (
        <textarea
          {...props}
          className={`${props.className} field__control--lines`}
          data-field={field}
          rows={4}
          autoComplete="off"
          aria-invalid={flagged || !check.ok || undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** Prints a test receipt on the saved printer and follows the job through the pushed state. */
function TestPrint({ loaded, draft }: { loaded: LoadedSettings; draft: Draft }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const jobs = useCashier((s) => s.state?.printer?.jobs ?? NO_JOBS);
  const [job, setJob] = useState<PrintJobView | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [sending, setSending] = useState(false);

  const latest = useMemo(() => (job ? (jobs.find((j) => j.id === job.id) ?? job) : null), [job, jobs]);
  const status = latest ? receiptStatus(latest) : null;
  const unsaved = joinPrinterSetting({ choice: draft.printerChoice, folder: draft.printerFolder }) !== loaded.printer;

  const testPrint = async () => {
    if (sending) return;
    setSending(true);
    setError(null);
    const reply = await invoke('printer.testPrint', {});
    setSending(false);
    if (reply.ok) setJob(reply.value);
    else setError(reply.error);
  };

  return (
    <div className="field test-print">
      <div className="test-print__row">
        <button
          type="button"
          className="btn"
          disabled={sending}
          aria-busy={sending || undefined}
          aria-describedby={`${id}-help`}
          onClick={() => void testPrint()}
        >
          {t('printer.test')}
        </button>
        <p role="status" className={`test-print__status${status ? ` receipt-line--${receiptTone(status.phase)}` : ''}`}>
          {status ? t('printer.testStatus', { status: receiptSentence(status, t, language) }) : ''}
        </p>
      </div>
      <p id={`${id}-help`} className="field__help">
        {unsaved ? <strong className="test-print__unsaved">{t('printer.testUnsaved')}</strong> : t('printer.testHelp')}
      </p>
      {error && <ErrorBanner error={error} />}
    </div>
  );
}
