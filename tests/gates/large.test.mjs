// A ranking at the scale of the largest real one (RANKPRESS_SITE_LARGE: the synthetic site of
// 4,700 companies in 400 sectors that tests/check.sh generates): its edition page once weighed
// 5.7 MB and scored 25 for performance in Lighthouse on a phone. Now the full ranking is split
// into pages of `rows_per_page` rows, each reachable without script, and sorting and filtering
// still cover every row. Lighthouse 12.2.3 (pinned: newer wants another Node) in its default
// mobile mode, served gzipped as every static host serves, must give the edition page and a
// company page at least 90 for performance and 100 for accessibility; the scores are printed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

import { CHROMIUM, launch } from './lib/browser.mjs';
import { serve } from './lib/server.mjs';

const SITE = process.env.RANKPRESS_SITE_LARGE;
if (!SITE || !fs.existsSync(path.join(SITE, 'index.html'))) {
  throw new Error('RANKPRESS_SITE_LARGE must point to the built 4,700-company synthetic site (see tests/check.sh)');
}
// The latest edition: the highest year folder with a ranking.
const YEAR = fs.readdirSync(SITE).filter((name) => /^\d{4}$/.test(name)).sort().at(-1);
const RANKING = JSON.parse(fs.readFileSync(path.join(SITE, YEAR, 'ranking.json'), 'utf8'));
const ROWS_PER_PAGE = 100;

describe('a ranking of thousands of companies', () => {
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

  test('every row is on a page of its own size, in rank order, without script', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const pages = Math.ceil(RANKING.companies.length / ROWS_PER_PAGE);
    assert.ok(pages > 40, `${RANKING.companies.length} companies should take more than 40 pages`);
    const ids = [];
    let url = `${server.url}/${YEAR}/`;
    for (let number = 1; number <= pages; number += 1) {
      await page.goto(url);
      const rows = await page.$$eval('#ranking tbody tr', (trs) => trs.map((tr) => tr.id.replace(/^ranking-/, '')));
      assert.equal(rows.length, number < pages ? ROWS_PER_PAGE : RANKING.companies.length - ROWS_PER_PAGE * (pages - 1), `page ${number}`);
      ids.push(...rows);
      assert.equal(await page.locator('nav.pagination [aria-current="page"]').textContent(), String(number));
      const next = page.locator('nav.pagination a[rel="next"]');
      if (number < pages) {
        url = new URL(await next.getAttribute('href'), page.url()).href;
      } else {
        assert.equal(await next.count(), 0, 'the last page has no next page');
      }
    }
    // Every company of the ranking once, in its order (ids as the rows name them: the slug).
    assert.deepEqual(ids, RANKING.companies.map((c) => c.id));
    await context.close();
  });

  test('sorting and filtering cover the whole ranking, from any of its pages', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/${YEAR}/ranking/3/`);
    // A word joiner after the dash keeps "201–300" on one line.
    assert.match(await page.locator('.table-status').textContent(), /^Rows 201–\u2060300 of /);
    // Sorting by score, lowest first: the last company of the whole ranking comes first.
    const score = page.locator('#ranking thead th').filter({ hasText: 'Score' }).locator('button');
    await score.click();
    await score.click();
    await page.waitForFunction((count) => document.querySelectorAll('#ranking tbody tr').length === count, RANKING.companies.length);
    const lowest = Math.min(...RANKING.companies.map((c) => c.score));
    const first = await page.$eval('#ranking tbody tr', (tr) => tr.querySelector('td.score').textContent);
    assert.equal(Number(first), Number(lowest.toFixed(1)));
    // The pages' links are of no use once the table holds every row.
    assert.equal(await page.locator('nav.pagination').isVisible(), false);
    // A sector's companies from every page; their links work from this page.
    const sector = RANKING.companies.at(-1).sector;
    await page.selectOption('#ranking-sector', sector);
    const shown = await page.$$eval('#ranking tbody tr:not([hidden])', (trs) => trs.map((tr) => tr.querySelector('th a').href));
    assert.equal(shown.length, RANKING.companies.filter((c) => c.sector === sector).length);
    const response = await page.request.get(shown.at(-1));
    assert.equal(response.status(), 200, `${shown.at(-1)} from a row of another page`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the search finds companies in every part of a search index split into files', async () => {
    // The index of a large site comes in parts of at most about 1 MB (hosts limit a file's
    // size); the search loads them all, in order.
    const first = fs.readFileSync(path.join(SITE, 'search-index.js'), 'utf8');
    const parts = JSON.parse(first.match(/window\.rankpressSearchParts = (\[.*\]);/)[1]);
    assert.ok(parts.length >= 1, 'a 4,700-company index is split');
    for (const part of ['search-index.js', ...parts]) {
      const bytes = fs.statSync(path.join(SITE, part)).size;
      assert.ok(bytes < 1_100_000, `${part} is ${bytes} bytes`);
    }
    const last = fs.readFileSync(path.join(SITE, parts.at(-1)), 'utf8');
    const name = JSON.parse(`"${last.match(/"t":"((?:[^"\\]|\\.)*)"/)[1]}"`);
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/`);
    await page.fill('#search-input', name);
    await page.waitForSelector('#search-results a');
    const found = await page.locator('#search-results a').allTextContents();
    assert.ok(found.some((text) => text.includes(name)), `${name} (in ${parts.at(-1)}) among ${found.join(', ')}`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('Lighthouse on a phone: performance at least 90, accessibility 100', async () => {
    const compressed = await serve(SITE, '/', { compress: true });
    const chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
    });
    const company = RANKING.companies[0].id;
    const rows = [];
    try {
      for (const [name, address] of [
        [`edition ${YEAR} (${RANKING.companies.length} ranked)`, `${YEAR}/`],
        [`edition ${YEAR}, page 2`, `${YEAR}/ranking/2/`],
        ['company', `companies/${company}/`],
      ]) {
        const { lhr } = await lighthouse(`${compressed.url}/${address}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        });
        const audits = lhr.audits;
        rows.push({
          name,
          performance: Math.round(lhr.categories.performance.score * 100),
          accessibility: Math.round(lhr.categories.accessibility.score * 100),
          lcp: audits['largest-contentful-paint'].displayValue,
          tbt: audits['total-blocking-time'].displayValue,
          cls: audits['cumulative-layout-shift'].displayValue,
          bytes: audits['total-byte-weight'].displayValue,
          dom: audits['dom-size'].displayValue,
          failed: Object.values(audits)
            .filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id))
            .map((a) => a.id),
        });
      }
    } finally {
      await chrome.kill();
      await compressed.close();
    }
    console.log('Lighthouse 12.2.3, mobile, gzip');
    console.log('| page | performance | accessibility | LCP | TBT | CLS | transfer | DOM |');
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.performance} | ${r.accessibility} | ${r.lcp} | ${r.tbt} | ${r.cls} | ${r.bytes} | ${r.dom} |`);
    }
    for (const r of rows) {
      assert.ok(r.performance >= 90, `${r.name}: performance ${r.performance}`);
      assert.equal(r.accessibility, 100, `${r.name}: accessibility ${r.accessibility} (${r.failed.join(', ')})`);
    }
  });
});
