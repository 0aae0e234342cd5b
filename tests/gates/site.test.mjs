// The quality gates on the built example site (RANKPRESS_SITE): the Nu Html Checker, axe-core in
// Chromium, a link check, and end-to-end checks in the real browser. A failure names the page
// and the problem.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { audit, imageNames, launch, tableContrast } from './lib/browser.mjs';
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
  // A sector name of 44 characters in German: the sector filter, the company's sector link and
  // the chart legends must still fit a phone.
  ['company, long sector name', '/companies/baufinanz-partner/'],
  ['article', '/articles/how-we-rank/'],
  ['methodology', '/methodology/'],
  ['award check', '/verify/2026/kaufhaus-linde/'],
  ['compare', '/compare/'],
];
const LANGUAGES = [['en', ''], ['de', '/de']];

// Every text of a shown chart drawing lies inside it, as the browser lays it out in its own
// font: a label cut at the drawing's edge (the stylesheet clips) is a bug even though the layout
// code meant it to fit. Rotated texts (an axis title) are left out: their box is unrotated.
function chartTextOutside() {
  const problems = [];
  for (const svg of document.querySelectorAll('svg.chart-svg')) {
    if (svg.getBoundingClientRect().width === 0) continue;
    const width = svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text:not([transform])')) {
      const box = text.getBBox();
      if (box.x < -0.5 || box.x + box.width > width + 0.5) {
        problems.push(`chart text "${text.textContent.trim()}" spans ${Math.round(box.x)}–${Math.round(box.x + box.width)} of ${width}`);
      }
    }
  }
  return problems;
}

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
          console.log(`axe: ${url} [${colorScheme}, 1280 px]: ${result.violations.length} violations, ${result.serious} serious or critical`);
          assert.equal(result.violations.length, 0, `${url} [${colorScheme}] accessibility violations:\n${result.describe()}`);
          assert.deepEqual(await page.evaluate(chartTextOutside), [], `${url} [${colorScheme}] at 1280 px`);

          // The same page on a phone, in the same scheme: axe again, and what a phone reader
          // needs: the score column's header on the screen, every chart inside it, no chart
          // text under 11 px.
          await page.setViewportSize({ width: 360, height: 740 });
          const phone = await audit(page);
          console.log(`axe: ${url} [${colorScheme}, 360 px]: ${phone.violations.length} violations, ${phone.serious} serious or critical`);
          assert.equal(phone.violations.length, 0, `${url} [${colorScheme}, 360 px] accessibility violations:\n${phone.describe()}`);
          const layout = await page.evaluate(() => {
            const problems = [];
            for (const table of document.querySelectorAll('table.ranking')) {
              const score = [...table.tHead.rows[0].cells].find((th) => th.classList.contains('num') && th.cellIndex > 1);
              const right = score.getBoundingClientRect().right;
              if (right > 360) problems.push(`#${table.id}: the score header ends at ${Math.round(right)} px`);
            }
            for (const svg of document.querySelectorAll('svg.chart-svg')) {
              const box = svg.getBoundingClientRect();
              if (box.width === 0) continue; // the desktop drawing, hidden on phones
              if (box.right > 360 || box.left < 0) problems.push(`a chart spans ${Math.round(box.left)}–${Math.round(box.right)} px`);
              const scale = box.width / svg.viewBox.baseVal.width;
              for (const text of svg.querySelectorAll('text')) {
                // The size a text inherits from its drawing's root when it states none.
                const size = parseFloat(getComputedStyle(text).fontSize) * scale;
                if (size < 11) problems.push(`chart text "${text.textContent.trim()}" at ${size.toFixed(1)} px`);
              }
            }
            // Column headings wrap on phones (a table of a few columns then fits the screen); a
            // methodology question keeps a readable width in a table that scrolls sideways.
            for (const th of document.querySelectorAll('main thead th')) {
              if (getComputedStyle(th).whiteSpace === 'nowrap') problems.push(`the heading "${th.textContent.trim()}" does not wrap`);
            }
            // A long compound word in a heading, a table heading or a fact's label is
            // hyphenated where the browser has the language's rules (not Linux Chromium's
            // headless build: checked here as the style the page asks for).
            for (const element of document.querySelectorAll('main h1, main h2, main th, .facts dt')) {
              if (getComputedStyle(element).hyphens !== 'auto') {
                problems.push(`<${element.tagName.toLowerCase()}> "${element.textContent.trim().slice(0, 40)}" is not hyphenated`);
              }
            }
            for (const cell of document.querySelectorAll('td.question')) {
              const width = cell.getBoundingClientRect().width;
              if (width < 150) problems.push(`a question ("${cell.textContent.trim()}") in a column of ${Math.round(width)} px`);
            }
            return problems;
          });
          assert.deepEqual(layout, [], `${url} [${colorScheme}] at 360 px`);
          assert.deepEqual(await page.evaluate(chartTextOutside), [], `${url} [${colorScheme}] at 360 px`);
          await page.setViewportSize({ width: 1280, height: 900 });

          if (colorScheme === 'light') {
            // Charts are visible and have accessible names computed by the browser.
            // (each chart has a desktop and a phone drawing; one of them is shown)
            const charts = page.locator('svg.chart-svg:visible');
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

describe('contrast checks that reach every table cell', () => {
  let server;
  let browser;
  before(async () => {
    server = await serve(SITE);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('axe decides the contrast of every table cell, light and dark, at 360 and 1280 px', async () => {
    for (const colorScheme of ['light', 'dark']) {
      for (const width of [360, 1280]) {
        for (const address of ['2026/', '2026/ranking/2/', '2026/sectors/banks/', 'companies/kaufhaus-linde/', 'de/2026/']) {
          const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
          await page.goto(`${server.url}/${address}`, { waitUntil: 'networkidle' });
          const { undecided, decided } = await tableContrast(page);
          assert.deepEqual(undecided, [], `${address} [${colorScheme}, ${width} px]`);
          assert.ok(decided > 20, `${address} [${colorScheme}, ${width} px]: only ${decided} cells checked`);
          await page.close();
        }
      }
    }
  });
});

describe('the ranking as a tool, on a phone', () => {
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

  test("a company's result tables fit a phone without scrolling sideways", async () => {
    // Two or three columns: the scores by perspective beside the sector's, and the respondents.
    // A company whose name is two long words, in English (German headings rely on the browser's
    // hyphenation, which headless Chromium on Linux lacks).
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const problems = [];
    for (const company of ['wanderlust-touristik', 'kaufhaus-linde', 'bergmann-and-soehne-versicherung']) {
      await page.goto(`${server.url}/companies/${company}/`, { waitUntil: 'networkidle' });
      const tables = await page.$$eval('section[aria-labelledby="result-heading"] .table-scroll', (boxes) =>
        boxes.map((box) => ({ caption: box.querySelector('caption')?.textContent.trim(), width: box.scrollWidth, room: box.clientWidth })));
      assert.ok(tables.length >= 1, `${company}: no result table`);
      for (const table of tables) {
        if (table.width > table.room + 1) problems.push(`${company}: "${table.caption}" is ${table.width} px in ${table.room}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('column headings in Japanese keep their words whole', async () => {
    // The ranking's headings as a Japanese site has them: Japanese may break between any two
    // characters, and "順位" stood one character a line in its narrow column.
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/2026/`, { waitUntil: 'networkidle' });
    const lines = await page.evaluate(() => {
      document.documentElement.lang = 'ja';
      // Rank, company and score (the sector's column is hidden on phones).
      const words = ['順位', '企業', 'スコア'];
      const all = [...document.querySelectorAll('#ranking thead th')];
      const heads = [all[0], all[1], all[3]];
      const texts = heads.map((th, index) => {
        const text = (th.querySelector('button') || th).firstChild;
        text.textContent = words[index];
        return text;
      });
      return texts.map((text) => {
        const range = document.createRange();
        range.selectNodeContents(text);
        return `${text.textContent}: ${new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size}`;
      });
    });
    assert.deepEqual(lines, ['順位: 1', '企業: 1', 'スコア: 1']);
  });

  test('the full ranking sorts and filters by keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/2026/`, { waitUntil: 'networkidle' });
    const names = () => page.$$eval('#ranking tbody tr:not([hidden]) th a', (as) => as.map((a) => a.textContent));
    const scores = () =>
      page.$$eval('#ranking tbody tr:not([hidden]) td.score', (tds) => tds.map((td) => Number(td.dataset.value)));
    // Tab to the Score header's button and press Enter: highest first, then lowest first.
    const button = page.locator('#ranking thead th:nth-child(4) button');
    await button.focus();
    await page.keyboard.press('Enter');
    // The ranking is on two pages (`rows_per_page: 50`): the first sort brings the second
    // page's rows in, so that it sorts all of them.
    const sorted = (order) => page.waitForFunction((order) =>
      document.querySelector('#ranking thead th:nth-child(4)').getAttribute('aria-sort') === order, order);
    await sorted('descending');
    const json = JSON.parse(fs.readFileSync(path.join(SITE, '2026', 'ranking.json'), 'utf8'));
    const down = await scores();
    assert.equal(down.length, json.companies.length, 'every ranked company, from both pages');
    assert.deepEqual(down, [...down].sort((a, b) => b - a));
    await page.keyboard.press('Enter');
    await sorted('ascending');
    const up = await scores();
    assert.deepEqual(up, [...down].sort((a, b) => a - b));
    assert.equal(await page.getAttribute('#ranking thead th:nth-child(1)', 'aria-sort'), null);
    // The sector filter and find-as-you-type, with the count said in a status line.
    await page.focus('#ranking-sector');
    await page.selectOption('#ranking-sector', 'travel');
    const travel = await names();
    assert.ok(travel.length > 1 && travel.includes('Wanderlust Touristik'), travel.join(', '));
    assert.match(await page.textContent('.table-status'), new RegExp(`^${travel.length} of \\d+ companies shown$`));
    await page.focus('#ranking-find');
    await page.keyboard.type('wander');
    assert.deepEqual(await names(), ['Wanderlust Touristik']);
    // Each row has an anchor to link to.
    assert.equal(await page.locator('#ranking-wanderlust-touristik').count(), 1);
  });

  test('the sort and filter tools appear without moving the ranking', async () => {
    // The page keeps a box of the tools' height for the script to fill: with the script blocked
    // the table starts where it starts with the tools in (a layout shift in Lighthouse's eyes).
    for (const [width, language] of [[360, ''], [1280, ''], [360, 'de/'], [1280, 'de/']]) {
      const top = async (script) => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        if (!script) await page.route('**/*.js', (route) => route.abort());
        await page.goto(`${server.url}/${language}2026/ranking/2/`, { waitUntil: 'networkidle' });
        const filled = await page.$eval('#ranking', (table) => table.closest('.ranking-block').querySelector('.table-tools').childElementCount);
        assert.equal(filled > 0, script, `${language} at ${width} px: tools ${script ? 'missing' : 'without script'}`);
        const y = await page.$eval('#ranking-caption', (caption) => caption.getBoundingClientRect().top + window.scrollY);
        await page.close();
        return y;
      };
      const [without, filled] = [await top(false), await top(true)];
      assert.ok(Math.abs(without - filled) <= 1, `${language}2026/ranking/2/ at ${width} px: the table moved from ${without} to ${filled} px`);
    }
  });

  test('printed, the ranking is the whole table without the controls around it', async () => {
    // A4 at 96 px to the inch, less the margins: the width a printed page lays out at.
    const page = await browser.newPage({ viewport: { width: 720, height: 1000 } });
    await page.goto(`${server.url}/2026/`, { waitUntil: 'networkidle' });
    // On screen, at this width, the table's tools and the hint to scroll are there.
    assert.ok(await page.locator('.table-tools').isVisible(), 'the table tools are shown on screen');
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() =>
      ['.table-tools', '.table-status', '.scroll-hint', '.site-search', '.site-nav', '.sort-mark']
        .flatMap((selector) => [...document.querySelectorAll(selector)])
        .filter((element) => element.getClientRects().length > 0)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent.trim().slice(0, 40)}`),
    );
    assert.deepEqual(shown, [], 'controls printed');
    // The heading row is printed again at the top of every page, and there Chromium paints no
    // button: each heading's text must not be inside a button's own box.
    const boxed = await page.$$eval('#ranking thead th button', (buttons) =>
      buttons.filter((button) => getComputedStyle(button).display !== 'contents').map((button) => button.textContent),
    );
    assert.deepEqual(boxed, [], 'headings printed inside buttons, left out on the following pages');
    // Every row of the page is printed, and which rows of the ranking they are.
    const rows = await page.$$eval('#ranking tbody tr', (trs) => trs.filter((tr) => tr.getClientRects().length > 0).length);
    const json = JSON.parse(fs.readFileSync(path.join(SITE, '2026', 'ranking.json'), 'utf8'));
    assert.equal(rows, Math.min(50, json.companies.length), 'every company of the page is printed');
    assert.ok(await page.locator('.pagination-rows').isVisible(), 'the rows this page holds are said on paper');
    assert.equal(await page.locator('.pagination ul').isVisible(), false, 'the links to other pages are not printed');
    // The scatter chart's table repeats the ranking's numbers: three printed pages of nothing new.
    const scatterTable = await page.evaluate(() => document.querySelector('#chart-scatter .chart-data')?.getClientRects().length ?? 0);
    assert.equal(scatterTable, 0, 'the scatter chart\'s data table is printed');
    // What the key says is printed, without its control.
    const key = await page.evaluate(() => [...document.querySelectorAll('.reading-key li')].filter((li) => li.getClientRects().length > 0).length);
    assert.ok(key > 0, 'the reading key is printed');
    await page.close();
  });

  test('printed, a company page keeps its embed code inside the margins', async () => {
    const page = await browser.newPage({ viewport: { width: 720, height: 1000 } });
    await page.goto(`${server.url}/companies/kaufhaus-linde/`, { waitUntil: 'networkidle' });
    await page.emulateMedia({ media: 'print' });
    const cut = await page.$$eval('.embed pre', (pres) =>
      pres.filter((pre) => pre.getClientRects().length > 0 && pre.scrollWidth > pre.clientWidth + 1).map((pre) => `${pre.scrollWidth} in ${pre.clientWidth}`));
    assert.deepEqual(cut, [], 'embed code cut at the margin');
    await page.close();
  });

  test('the home page tells the story first: lead and top chart within two phone screens', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    const at = (selector) => page.evaluate((s) => {
      const element = document.querySelector(s);
      return element ? element.getBoundingClientRect().top + window.scrollY : Infinity;
    }, selector);
    const lead = await at('.lead-sentence');
    const chart = await at('#chart-top');
    const commentary = await at('.commentary');
    const table = await at('#top-list');
    assert.ok(lead < 740, `the lead sentence starts at ${Math.round(lead)} px`);
    assert.ok(chart < 2 * 740, `the top chart starts at ${Math.round(chart)} px`);
    assert.ok(lead < chart && chart < commentary && commentary < table,
      `order: lead ${lead}, chart ${chart}, commentary ${commentary}, table ${table}`);
    await page.close();
  });

  test('without script the complete table is there, in rank order', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    // The whole ranking over its pages, each reached by its link.
    await page.goto(`${server.url}/2026/`);
    const ids = [];
    for (;;) {
      ids.push(...await page.$$eval('#ranking tbody tr', (trs) => trs.map((tr) => tr.id.replace(/^ranking-/, ''))));
      const next = page.locator('nav.pagination a[rel="next"]');
      if (await next.count() === 0) break;
      await Promise.all([page.waitForURL('**'), next.click()]);
    }
    const json = JSON.parse(fs.readFileSync(path.join(SITE, '2026', 'ranking.json'), 'utf8'));
    assert.deepEqual(ids, json.companies.map((c) => c.id));
    await page.goto(`${server.url}/2026/`);
    // The box the tools go in is empty and takes no room without script.
    const boxes = await page.$$eval('.table-tools', (all) => all.map((box) => [box.childElementCount, box.getBoundingClientRect().height]));
    assert.deepEqual(boxes, [[0, 0]]);
    await context.close();
  });

  test('scrolled sideways on a phone, a table keeps its row headings in view', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const file = pathToFileURL(path.join(path.resolve(SITE), 'companies', 'kaufhaus-linde', 'index.html')).href;
    await page.goto(file);
    const seen = await page.evaluate(() => {
      document.querySelectorAll('details').forEach((d) => { d.open = true; });
      const results = [];
      for (const box of document.querySelectorAll('.table-scroll')) {
        if (box.scrollWidth <= box.clientWidth + 1 || box.querySelector('table.ranking')) continue;
        box.scrollLeft = box.scrollWidth;
        const left = box.getBoundingClientRect().left;
        const headings = [...box.querySelectorAll('tbody th[scope="row"], thead th:first-child')];
        results.push(headings.map((th) => ({
          text: th.textContent.trim().slice(0, 30),
          offset: Math.round(th.getBoundingClientRect().left - left),
          opaque: getComputedStyle(th).backgroundColor !== 'rgba(0, 0, 0, 0)',
        })));
      }
      return results;
    });
    assert.ok(seen.length > 0, 'a table that scrolls sideways on the company page');
    for (const heading of seen.flat()) {
      assert.ok(Math.abs(heading.offset) <= 1 && heading.opaque, JSON.stringify(heading));
    }
    // The ranking with its interval and respondents switched on scrolls instead of squeezing the
    // names, and keeps the names and their heading in view.
    await page.goto(pathToFileURL(path.join(path.resolve(SITE), '2026', 'index.html')).href);
    await page.check('#ranking-more');
    const ranking = await page.evaluate(() => {
      const box = document.querySelector('#ranking').closest('.table-scroll');
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      box.scrollLeft = box.scrollWidth;
      const left = box.getBoundingClientRect().left;
      const names = [...box.querySelectorAll('th.company, thead th:nth-child(2)')];
      return {
        scrolls,
        offsets: [...new Set(names.map((th) => Math.round(th.getBoundingClientRect().left - left)))],
      };
    });
    assert.ok(ranking.scrolls, 'the ranking with more columns scrolls sideways');
    assert.ok(ranking.offsets.every((offset) => Math.abs(offset) <= 1), JSON.stringify(ranking));
    await page.close();
  });

  test('read further down, a long table keeps its column headings in view and working', async () => {
    for (const width of [360, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 740 } });
      await page.goto(`${server.url}/2026/`, { waitUntil: 'networkidle' });
      // Headings as the reader sees them: where each is, and whether it is what the reader sees
      // at its centre (not a row drawn over it).
      const headings = () => page.$eval('#ranking', (table) => {
        const rect = table.getBoundingClientRect();
        const cells = [...table.tHead.rows[0].cells].filter((th) => th.getClientRects().length > 0);
        return {
          tableTop: rect.top,
          tableBottom: rect.bottom,
          cells: cells.map((th) => {
            const r = th.getBoundingClientRect();
            const x = Math.min(Math.max(r.left + r.width / 2, 1), window.innerWidth - 1);
            const seen = document.elementFromPoint(x, r.top + r.height / 2);
            return { text: th.textContent.trim(), top: r.top, bottom: r.bottom, seen: th.contains(seen) };
          }),
        };
      });
      const top = await headings();
      assert.ok(top.cells.every((c) => Math.abs(c.top - top.tableTop) < 1), `${width}: the headings start at the table's top`);
      // Halfway down the table: every heading at the top of the window, in front of the rows.
      await page.evaluate(() => {
        const rect = document.querySelector('#ranking').getBoundingClientRect();
        window.scrollBy(0, rect.top + rect.height / 2);
      });
      await page.waitForFunction(() => Math.abs(document.querySelector('#ranking thead th').getBoundingClientRect().top) < 1);
      const middle = await headings();
      for (const cell of middle.cells) {
        assert.ok(Math.abs(cell.top) < 1 && cell.seen, `${width} px: ${JSON.stringify(cell)}`);
      }
      // The headings' buttons still sort, from where they now are.
      await page.click('#ranking thead th:nth-child(4) button');
      await page.waitForFunction(() =>
        document.querySelector('#ranking thead th:nth-child(4)').getAttribute('aria-sort') === 'descending');
      // Past the table's end the headings stay inside it, above its last row.
      await page.evaluate(() => window.scrollBy(0, document.querySelector('#ranking').getBoundingClientRect().bottom));
      await page.waitForTimeout(100);
      const end = await headings();
      const lastRow = await page.$eval('#ranking tbody tr:last-child', (tr) => tr.getBoundingClientRect().top);
      assert.ok(end.cells.every((c) => c.bottom <= lastRow + 1), `${width} px: the headings cover the last row`);
      await page.close();
    }
    // A table with a caption (the company's respondents): scrolled through in steps, its headings
    // never cover its last row (the caption's height once pushed them onto it).
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/companies/kaufhaus-linde/`, { waitUntil: 'networkidle' });
    const table = 'table:has(#sample-caption)';
    const { top, bottom } = await page.$eval(table, (t) => {
      const r = t.getBoundingClientRect();
      return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
    });
    const covered = [];
    for (let y = top; y < bottom + 40; y += 20) {
      await page.evaluate((y) => window.scrollTo(0, y), y);
      await page.waitForTimeout(50);
      const seen = await page.$eval(table, (t) => ({
        head: t.tHead.rows[0].cells[0].getBoundingClientRect().bottom,
        last: t.rows[t.rows.length - 1].getBoundingClientRect().top,
        floating: t.tHead.classList.contains('floating'),
      }));
      if (seen.head > seen.last + 1) covered.push({ y, ...seen });
    }
    assert.deepEqual(covered, [], 'the headings of a table with a caption cover its last row');
    await page.close();
  });

  test("a chart shows its table's row where the reader points or steps with the arrow keys", async () => {
    // The row's text as the chart's table has it, and the tip's text, for the drawing shown.
    const tipFor = (svg) => {
      const tip = svg.parentNode.querySelector('.chart-tip');
      return tip && !tip.hidden ? tip.textContent : null;
    };
    const rowText = (figure, index) => figure.$$eval('tbody tr', (rows, i) =>
      [...rows[i].cells].map((cell) => cell.textContent.trim()), index);
    for (const [width, url, chart] of [
      [1280, '/2026/', '#chart-top svg.chart-wide'],
      [360, '/2026/', '#chart-top svg.chart-narrow'],
      [360, '/companies/kaufhaus-linde/', '#chart-history svg'],
      [1280, '/companies/kaufhaus-linde/', '#chart-criteria svg'],
      [1280, '/2026/', '#chart-scatter svg.chart-wide'],
    ]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${server.url}${url}`, { waitUntil: 'networkidle' });
      const svg = await page.$(chart);
      assert.ok(svg, `${url}: ${chart}`);
      const figure = await page.$(`${chart.split(' ')[0]}`);
      // Pointing at the second row's centre, as the drawing places it (on a scatter chart, at
      // the point farthest from any other, so that no neighbour is nearer the pointer).
      await svg.scrollIntoViewIfNeeded();
      const point = await svg.evaluate((element) => {
        const [axis, first, step] = element.dataset.tips.split(' ');
        const box = element.viewBox.baseVal;
        const rect = element.getBoundingClientRect();
        const at = (x, y) => ({ x: rect.left + x * rect.width / box.width, y: rect.top + y * rect.height / box.height });
        if (axis === 'xy') {
          const spots = element.dataset.tips.split(' ').slice(1).map((s) => s.split(',').map(Number));
          const room = spots.map((a, i) => Math.min(...spots.filter((_, j) => j !== i).map((b) => Math.hypot(a[0] - b[0], a[1] - b[1]))));
          const index = room.indexOf(Math.max(...room));
          return { ...at(spots[index][0], spots[index][1]), index };
        }
        const centre = Number(first) + Number(step);
        return axis === 'y' ? { ...at(box.width / 2, centre), index: 1 } : { ...at(centre, box.height / 2), index: 1 };
      });
      await page.mouse.move(point.x, point.y);
      const target = await rowText(figure, point.index);
      const pointed = await svg.evaluate(tipFor);
      assert.ok(pointed, `${url} at ${width} px: no tip where the pointer is`);
      for (const cell of target) assert.ok(pointed.includes(cell), `${url} at ${width} px: "${cell}" missing from "${pointed}"`);
      const second = await rowText(figure, 1);
      // By keyboard: focus shows the first row, an arrow the next, Escape closes the tip.
      await page.mouse.move(0, 0);
      await svg.focus();
      const firstRow = await rowText(figure, 0);
      const focused = await svg.evaluate(tipFor);
      assert.ok(focused && focused.includes(firstRow[0]), `${url}: focused tip "${focused}"`);
      const axis = await svg.evaluate((element) => element.dataset.tips.split(' ')[0]);
      const mirrored = await svg.evaluate((element) => element.dataset.tips.split(' ')[2].startsWith('-'));
      await page.keyboard.press(axis === 'x' ? (mirrored ? 'ArrowLeft' : 'ArrowRight') : 'ArrowDown');
      const stepped = await svg.evaluate(tipFor);
      assert.ok(stepped && second.every((cell) => stepped.includes(cell)), `${url}: after an arrow "${stepped}"`);
      // The tip stays inside the chart's box.
      const inside = await svg.evaluate((element) => {
        const tip = element.parentNode.querySelector('.chart-tip').getBoundingClientRect();
        const frame = element.closest('figure').getBoundingClientRect();
        return tip.left >= frame.left - 1 && tip.right <= frame.right + 1;
      });
      assert.ok(inside, `${url} at ${width} px: the tip leaves the chart's box`);
      await page.keyboard.press('Escape');
      assert.equal(await svg.evaluate(tipFor), null, `${url}: Escape closes the tip`);
      await page.close();
    }
  });

  test('the comparison page puts companies side by side, also from file://', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const file = pathToFileURL(path.join(path.resolve(SITE), 'compare', 'index.html')).href;
    // Nothing chosen yet: the chart's box is not shown empty.
    await page.goto(file);
    assert.equal(await page.locator('.compare-chart').isVisible(), false, 'an empty chart box before two companies are chosen');
    await page.goto(`${file}?c=kaufhaus-linde,sentinel-versicherung`);
    const heads = () => page.$$eval('.compare-table thead th', (ths) => ths.slice(1).map((th) => th.textContent));
    assert.deepEqual(await heads(), ['Kaufhaus Linde', 'Sentinel Versicherung']);
    // The scores are the edition's, as ranking.json has them.
    const json = JSON.parse(fs.readFileSync(path.join(SITE, '2026', 'ranking.json'), 'utf8'));
    const score = (id) => json.companies.find((c) => c.id === id).score.toFixed(1);
    const scoreRow = await page.$$eval('.compare-table tbody tr', (trs) =>
      [...trs].find((tr) => tr.querySelector('th').textContent === 'Score').textContent);
    assert.equal(scoreRow, `Score${score('kaufhaus-linde')}${score('sentinel-versicherung')}`);
    // The pickers show the chosen names; a third company, typed by keyboard: a name that is
    // none of the list's is marked and said, the list's name counts at once.
    assert.equal(await page.inputValue('#compare-1'), 'Kaufhaus Linde');
    await page.focus('#compare-3');
    await page.keyboard.type('Wanderlust Tour');
    await page.keyboard.press('Tab');
    assert.equal(await page.getAttribute('#compare-3', 'aria-invalid'), 'true');
    assert.match(await page.textContent('.compare-status'), /No company of that name/);
    await page.fill('#compare-3', 'Wanderlust Touristik');
    assert.deepEqual(await heads(), ['Kaufhaus Linde', 'Sentinel Versicherung', 'Wanderlust Touristik']);
    assert.equal(await page.getAttribute('#compare-3', 'aria-invalid'), null);
    assert.equal(await page.textContent('.compare-status'), '');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
    // The verdicts follow the plausible places: overlapping ranges are "within the margin of
    // error", disjoint ones "beyond" it; one sentence per neighbouring pair.
    const places = (id) => { const r = json.companies.find((c) => c.id === id).rank_range; return [r.best, r.worst]; };
    const verdicts = await page.$$eval('.compare-verdict', (ps) => ps.map((p) => p.textContent));
    assert.equal(verdicts.length, 2);
    const [linde, sentinel, wanderlust] = ['kaufhaus-linde', 'sentinel-versicherung', 'wanderlust-touristik'].map(places);
    assert.equal(verdicts[0].includes('within the margin of error'), linde[1] >= sentinel[0], verdicts[0]);
    assert.equal(verdicts[1].includes('beyond the margin of error'), sentinel[1] < wanderlust[0], verdicts[1]);
    // A dot and a whisker per company in the chart; every company's column fits the phone (the
    // table stacks), a company not ranked in the latest edition can be chosen too.
    assert.equal(await page.$$eval('.compare-svg circle', (c) => c.length), 3);
    const cut = await page.$$eval('.compare-table tbody td, .compare-table tbody th', (cells) =>
      cells.filter((c) => c.getClientRects().length > 0 && c.getBoundingClientRect().right > 361).length);
    assert.equal(cut, 0, 'cells past the right edge of a 360 px screen');
    // One list for the four pickers, naming every company with a page once.
    const lists = await page.$$eval('#compare input', (inputs) => [...new Set(inputs.map((i) => i.getAttribute('list')))]);
    assert.deepEqual(lists, ['compare-companies']);
    const options = await page.$$eval('#compare-companies option', (o) => new Set(o.map((x) => x.value)).size);
    const companies = fs.readdirSync(path.join(SITE, 'companies')).length;
    assert.equal(options, companies, 'every company with a page can be chosen');
    // The pickers fit the phone.
    assert.ok(await page.$$eval('#compare input', (inputs) => inputs.every((i) => i.getBoundingClientRect().right <= 360)));
    // On a desktop the chart is drawn at its box's width, not a phone's drawing scaled up: its
    // names and scores keep the size of small print (14 px), also after the window changes.
    const textSize = () => page.$$eval('.compare-svg text', (texts) =>
      Math.max(...texts.map((t) => t.getBoundingClientRect().height)));
    assert.ok(await textSize() < 20, `chart text ${await textSize()} px high at 360 px`);
    for (const width of [1280, 900]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForFunction(() => {
        const svg = document.querySelector('.compare-svg');
        return svg && Math.abs(svg.viewBox.baseVal.width - svg.getBoundingClientRect().width) < 2;
      }, null, { timeout: 5000 });
      assert.ok(await textSize() < 20, `chart text ${await textSize()} px high at ${width} px`);
    }
    assert.deepEqual(errors, []);
  });
});
