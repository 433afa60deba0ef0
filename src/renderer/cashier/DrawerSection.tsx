import { useId } from 'react';
import type { SettingsInput } from '../../shared/contract.ts';
import { DRAWER_PULSE_OFF_MS, DRAWER_PULSE_ON_MS } from '../../shared/rules/drawer.ts';
import { Field } from './Field.tsx';
import type { Lock } from './lock.ts';
import type { Draft, InvalidField } from './settings-form.ts';
import { useT } from './useT.ts';

interface Props {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  locked: (field: keyof SettingsInput) => Lock;
  invalid: InvalidField | null;
}

/**
 * Settings → Cash drawer: on or off, the kick-out pin its cable uses and the pulse times (README,
 * "Cash drawer"). Saved with the rest of the form; the host checks the same rules again.
 */
export function DrawerSection({ draft, update, locked, invalid }: Props) {
  const t = useT();
  const id = useId();
  return (
    <section className="settings__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="settings__subtitle">{t('drawer.title')}</h2>
      <div className="field">
        <label className="field__check">
          <input
            type="checkbox"
            checked={draft.drawerEnabled}
            disabled={locked('drawerEnabled') !== false}
            onChange={(e) => update({ drawerEnabled: e.target.checked })}
          />
          {t('drawer.enabled')}
        </label>
        <p className="field__help">{t('drawer.enabledHelp')}</p>
      </div>
      <Field label={t('drawer.pin')} help={t('drawer.pinHelp')} locked={locked('drawerPin')}>
        {(props) => (
          <select {...props} disabled={props.readOnly} value={draft.drawerPin} onChange={(e) => update({ drawerPin: e.target.value as Draft['drawerPin'] })}>
            <option value="2">{t('drawer.pin2')}</option>
            <option value="5">{t('drawer.pin5')}</option>
            <option value="both">{t('drawer.pinBoth')}</option>
          </select>
        )}
      </Field>
      <Field label={t('drawer.pulseOn')} help={t('drawer.pulseOnHelp', DRAWER_PULSE_ON_MS)} locked={locked('drawerPulseOnMs')}>
        {(props) => (
          <input {...props} type="text" inputMode="numeric" autoComplete="off" aria-invalid={invalid === 'drawerPulseOnMs' || undefined}
            value={draft.drawerPulseOnMs} onChange={(e) => update({ drawerPulseOnMs: e.target.value })} />
        )}
      </Field>
      <Field label={t('drawer.pulseOff')} help={t('drawer.pulseOffHelp', DRAWER_PULSE_OFF_MS)} locked={locked('drawerPulseOffMs')}>
        {(props) => (
          <input {...props} type="text" inputMode="numeric" autoComplete="off" aria-invalid={invalid === 'drawerPulseOffMs' || undefined}
            value={draft.drawerPulseOffMs} onChange={(e) => update({ drawerPulseOffMs: e.target.value })} />
        )}
      </Field>
    </section>
  );
}
