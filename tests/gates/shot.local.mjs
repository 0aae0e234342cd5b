// Local helper (not committed): node shot.local.mjs URL WIDTH OUT [Y] [H] [dark]
import { launch } from './lib/browser.mjs';
const [url, width, out, y = '0', h = '1000', dark] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: +width, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
await page.goto(url);
await page.screenshot({ path: out, clip: { x: 0, y: +y, width: +width, height: +h }, fullPage: true });
const info = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
console.log(JSON.stringify(info));
await browser.close();
