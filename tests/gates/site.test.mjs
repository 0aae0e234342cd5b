// The quality gates on the built example site (RANKPRESS_SITE): the Nu Html Checker, axe-core in
// Chromium, a link check, and end-to-end checks in the real browser. A failure names the page
// and the problem.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { audit, imageNames, launch } from './lib/browser.mjs';
import { checkLinks } from './lib/links.mjs';
import { serve } from './lib/server.mjs';
import { validate } from './lib/validator.mjs';

const SITE = process.env.RANKPRESS_SITE;
if (!SITE || !fs.existsSync(path.join(SITE, 'index.html'))) {
  throw new Error('RANKPRESS_SITE must point to a built site (see tests/check.sh)');
}
const BASE_URL = 'https://rankings.example.org/';

/** The pages every browser gate visits, under the default language; `de/` has the same. */
const PAGES = [
  ['home', '/'],
  ['edition', '/2026/'],
  ['sector', '/2026/sectors/telecom/'],
  ['company', '/companies/kaufhaus-linde/'],
  ['article', '/articles/how-we-rank/'],
  ['methodology', '/methodology/'],
];
const LANGUAGES = [['en', ''], ['de', '/de']];

test('the Nu Html Checker finds no error in any HTML or SVG file', () => {
  const { files, errors } = validate(SITE);
  console.log(`vnu: ${files} files validated, ${errors.length} errors`);
  // One line per kind of error, with how often it occurs and where first.
  const kinds = new Map();
  for (const e of errors) {
    const kind = kinds.get(e.message) ?? { count: 0, first: `${e.file}:${e.line}:${e.column}` };
    kind.count += 1;
    kinds.set(e.message, kind);
  }
  const report = [...kinds].map(([message, k]) => `${k.first}: ${message} (${k.count}×)`).join('\n');
  assert.equal(errors.length, 0, `HTML/SVG errors:\n${report}`);
});

test('every internal link, asset and fragment resolves to a file of the output', () => {
  const { checked, broken } = checkLinks(SITE, BASE_URL);
  console.log(`links: ${checked} checked, ${broken.length} broken`);
  const report = broken.slice(0, 30).map((b) => `${b.file}: ${b.reference}: ${b.problem}`).join('\n');
  assert.equal(broken.length, 0, `broken links:\n${report}`);
});

describe('in the browser', () => {
  let browser;
  let server;
  before(async () => {
    server = await serve(SITE);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [language, prefix] of LANGUAGES) {
    for (const [name, pagePath] of PAGES) {
      const url = `${prefix}${pagePath}`;
      test(`${name} page (${language}) ${url}`, async () => {
        for (const colorScheme of ['light', 'dark']) {
          const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
          const page = await context.newPage();
          const problems = [];
          page.on('console', (message) => {
            if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
          });
          page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
          page.on('requestfailed', (request) =>
            problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`),
          );
          page.on('response', (response) => {
            if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
          });
          // Wait until every request (the favicon too) has finished before anything navigates away.
          const response = await page.goto(server.url + url, { waitUntil: 'networkidle' });
          assert.equal(response.status(), 200, `${url} answers ${response.status()}`);

          const result = await audit(page);
          console.log(`axe: ${url} [${colorScheme}]: ${result.serious.length} serious or critical, ${result.minor} minor`);
          assert.equal(result.serious.length, 0, `${url} [${colorScheme}] accessibility violations:\n${result.describe()}`);

          if (colorScheme === 'light') {
            // Charts are visible and have accessible names computed by the browser.
            const charts = page.locator('svg.chart-svg');
            const count = await charts.count();
            for (let index = 0; index < count; index += 1) {
              const box = await charts.nth(index).boundingBox();
              assert.ok(box && box.width > 100 && box.height > 100, `${url}: chart ${index + 1} is not visible`);
            }
            const names = (await imageNames(page)).filter((n) => n.length > 0);
            assert.ok(names.length >= count, `${url}: ${count} charts but only ${names.length} named images`);

            // The language switcher leads to the same page in the other language.
            const other = language === 'en' ? 'de' : 'en';
            const expected = language === 'en' ? `/de${pagePath}` : pagePath;
            await Promise.all([page.waitForURL('**'), page.locator(`nav.languages a[hreflang="${other}"]`).click()]);
            await page.waitForLoadState('networkidle');
            const landed = new URL(page.url()).pathname.replace(/index\.html$/, '');
            assert.equal(landed, expected, `${url}: the ${other} link leads to ${landed}`);
            assert.equal(await page.getAttribute('html', 'lang'), other);

            // No horizontal scrolling on a 360 px wide phone.
            await page.goto(server.url + url, { waitUntil: 'networkidle' });
            await page.setViewportSize({ width: 360, height: 740 });
            const overflow = await page.evaluate(() => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return null;
              // The first element that sticks out and is not inside its own scrolling container.
              const scrolls = (el) => {
                for (let p = el.parentElement; p; p = p.parentElement) {
                  if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
                }
                return false;
              };
              const culprit = [...document.body.querySelectorAll('*')].find(
                (el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el),
              );
              return `${document.documentElement.scrollWidth}px wide, first overflowing: <${culprit?.tagName.toLowerCase()} class="${culprit?.className}">`;
            });
            assert.equal(overflow, null, `${url} scrolls sideways at 360 px: ${overflow}`);
          }
          assert.deepEqual(problems, [], `${url} [${colorScheme}]`);
          await context.close();
        }
      });
    }
  }
});
