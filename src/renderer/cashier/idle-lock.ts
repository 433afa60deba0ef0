/**
 * The idle lock: with no touch, click, wheel or key on the cashier screen for `minutes` (the owner's
 * setting `autoLockMinutes`; 0 = never), the till locks through the same `auth.lock` as the Lock
 * button, and the sign-in screen asks for a PIN. Paused while `active` is false (no one signed in, or a
 * QR waits for its payment: the cashier is watching the customer, not the screen). Uses the page's
 * timers, so tests control time with Playwright's clock.
 */
import { useEffect } from 'react';
import { invoke } from './store.ts';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function useIdleLock(minutes: number, active: boolean): void {
  useEffect(() => {
    if (!active || !(minutes > 0)) return;
    const lock = () => void invoke('auth.lock', {});
    let timer = window.setTimeout(lock, minutes * 60_000);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, minutes * 60_000);
    };
    for (const type of ACTIVITY) window.addEventListener(type, restart, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, restart, { capture: true });
    };
  }, [minutes, active]);
}
