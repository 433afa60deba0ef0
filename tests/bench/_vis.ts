import { chromium } from '@playwright/test';
for (const sep of [false, true]) {
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const context = await browser.newContext();
const a = await context.newPage(); await a.goto('data:text/html,a');
const b = await (sep ? await browser.newContext() : context).newPage(); await b.goto('data:text/html,b');
await b.keyboard.press('a');
const raf = (p: any) => p.evaluate(() => new Promise(r => { const s = performance.now(); requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now() - s))); }));
console.log(sep, await raf(a), await raf(b), await raf(a), await raf(b));
await browser.close();
}
