import { launch } from './lib/browser.mjs';
import { pathToFileURL } from 'node:url';
const browser = await launch();
const shots = [['/tmp/ex/2026/index.html', 360, 'ed-360'], ['/tmp/ex/2026/index.html', 1280, 'ed-1280'], ['/tmp/lang-out/ar/2026/index.html', 360, 'ed-ar-360'], ['/tmp/lang-out/de/2026/index.html', 1280, 'ed-de-1280']];
for (const [file, width, name] of shots) {
  const page = await browser.newPage({ viewport: { width, height: 700 } });
  await page.goto(pathToFileURL(file).href);
  const y = await page.$eval('table.ranking', (t) => t.getBoundingClientRect().top + window.scrollY + 600);
  await page.evaluate((y) => window.scrollTo(0, y), y);
  await page.waitForTimeout(300);
  await page.$eval('table.ranking', (t) => { const b = t.closest('.table-scroll'); b.scrollLeft = document.documentElement.dir === 'rtl' ? -b.scrollWidth : b.scrollWidth; });
  await page.waitForTimeout(200);
  console.log(name, await page.$eval('table.ranking thead', (h) => [h.rows[0].cells[1].getBoundingClientRect().top, h.style.getPropertyValue('--head-shift'), h.className]));
  await page.screenshot({ path: `/tmp/${name}.png` });
  await page.close();
}
await browser.close();
