/**
 * How a refused keypad press is felt as well as read: a short, quiet beep (Web Audio, no sound
 * file). The shake is CSS (cashier.css, `.amount--refused-*`), which turns into a colour flash
 * under prefers-reduced-motion.
 */
let audio: AudioContext | null = null;

export function refusalBeep(): void {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = 220;
    const start = audio.currentTime;
    gain.gain.setValueAtTime(0.05, start);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.12);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.12);
  } catch {
    // No audio device (or no Web Audio): the shake and the line still say it.
  }
}
