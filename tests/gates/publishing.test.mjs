// Publishing checks in the real browser on the built example site: the same output works under a
// subpath and opened from disk, and the search box finds companies, sectors and articles in the
// page's language without a server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { launch } from './lib/browser.mjs';
import { serve } from './lib/server.mjs';

const SITE = process.env.RANKPRESS_SITE;
if (!SITE || !fs.existsSync(path.join(SITE, 'index.html'))) {
  throw new Error('RANKPRESS_SITE must point to a built site (see tests/check.sh)');
}

/** Opens `start`, then follows links chosen by CSS selector one after the other, collecting
 *  every failed request and error status on the way. Returns the pages visited. */
async function walk(page, start, selectors) {
  const problems = [];
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(start, { waitUntil: 'networkidle' });
  const visited = [page.url()];
  for (const selector of selectors) {
    await Promise.all([page.waitForURL('**'), page.locator(selector).first().click()]);
    await page.waitForLoadState('networkidle');
    visited.push(page.url());
    // The stylesheet loaded: the header has its rule-coloured border.
    const border = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).borderBottomStyle);
    assert.equal(border, 'solid', `no stylesheet on ${page.url()}`);
  }
  assert.deepEqual(problems, [], `while following links from ${start}`);
  return visited;
}

const ROUTE = [
  'nav.site-nav a[href$="2026/index.html"]',
  'table#ranking a[href*="companies/kaufhaus-linde/"]',
  'a.sector-tag',
  'nav.languages a[hreflang="de"]',
  'nav.site-nav a[href$="methodology/index.html"]',
  'nav.site-nav a[href$="articles/index.html"]',
  'ul.article-list a',
  'a.brand',
];

describe('portable output', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('served under a subpath, every followed link works', async () => {
    const server = await serve(SITE, '/reports/ranking/');
    try {
      const page = await browser.newPage();
      const visited = await walk(page, `${server.url}/`, ROUTE);
      console.log(`subpath: followed ${visited.length - 1} links under /reports/ranking/`);
      assert.ok(visited.every((url) => new URL(url).pathname.startsWith('/reports/ranking/')), visited.join('\n'));
      assert.ok(visited.some((url) => url.includes('/reports/ranking/de/methodology/')), visited.join('\n'));
    } finally {
      await server.close();
    }
  });

  test('the 404 page is styled and its links work at any depth', async () => {
    const server = await serve(SITE);
    try {
      const page = await browser.newPage();
      const failed = [];
      page.on('requestfailed', (request) => failed.push(request.url()));
      page.on('response', (response) => {
        if (response.status() >= 400 && !response.url().includes('/no/such/')) failed.push(response.url());
      });
      const response = await page.goto(`${server.url}/no/such/page/here/`, { waitUntil: 'networkidle' });
      assert.equal(response.status(), 404);
      const border = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).borderBottomStyle);
      assert.equal(border, 'solid', 'the 404 page has its stylesheet');
      await Promise.all([page.waitForURL('**'), page.locator('main a.button').click()]);
      assert.equal(new URL(page.url()).pathname, '/index.html');
      assert.deepEqual(failed, []);
    } finally {
      await server.close();
    }
  });

  test('opened from disk (file://), every followed link works', async () => {
    const page = await browser.newPage();
    const start = pathToFileURL(path.join(path.resolve(SITE), 'index.html')).href;
    const visited = await walk(page, start, ROUTE);
    console.log(`file://: followed ${visited.length - 1} links`);
    assert.ok(visited.every((url) => url.startsWith('file://')), visited.join('\n'));
  });
});

describe('search', () => {
  let browser;
  let server;
  before(async () => {
    browser = await launch();
    server = await serve(SITE);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function results(page, query) {
    await page.fill('#search-input', query);
    await page.waitForFunction(() => document.getElementById('search-status').textContent !== '');
    return page.locator('#search-results a').allTextContents();
  }

  test('finds companies, sectors and articles in English', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/2026/sectors/telecom/`);
    assert.ok((await results(page, 'linde')).includes('Kaufhaus Linde'));
    assert.ok((await results(page, 'health insur')).includes('Health insurers'));
    // By the text of an article, not only its title.
    assert.ok((await results(page, 'causation')).includes('Internal standards and customer satisfaction go together'));
    assert.deepEqual(await results(page, 'zzzzqx'), []);
    assert.equal(await page.textContent('#search-status'), 'No results');
    // Said on screen too, not only to screen readers.
    assert.ok(await page.locator('#search-results .search-none').isVisible());
    // A company's result carries its latest rank and score.
    await results(page, 'kaufhaus linde');
    assert.match(await page.locator('#search-results .search-meta').first().textContent(), /rank \d+, score \d+\.\d \(2026\)/);
    // More than eight results: the first eight, then all of them on request.
    const many = await results(page, 'bank');
    assert.equal(many.length, 8);
    const all = page.locator('#search-results button.search-all');
    assert.match(await all.textContent(), /^Show all \d+ results$/);
    const total = Number((await all.textContent()).match(/\d+/)[0]);
    await all.click();
    assert.equal((await page.locator('#search-results a').allTextContents()).length, total);
    // The arrow key goes from the box into the results, and on to the next.
    await results(page, 'bank');
    await page.focus('#search-input');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), many[0]);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), many[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
    // Following a result opens the page.
    await results(page, 'kontor');
    await Promise.all([page.waitForURL('**/companies/kontor-bank/**'), page.locator('#search-results a').first().click()]);
  });

  test('on a phone the results open across the screen', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/`);
    await results(page, 'bank');
    const box = await page.locator('#search-results').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 360, `results from ${box.x} to ${box.x + box.width} px`);
    assert.ok(box.width >= 300, `results ${box.width} px wide`);
    await page.close();
  });

  test('finds German names and text on German pages, with or without umlauts', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/de/`);
    assert.ok((await results(page, 'krankenkassen')).includes('Krankenkassen'));
    assert.ok((await results(page, 'Korrelation')).includes('Interne Standards und Kundenzufriedenheit gehen zusammen'));
    assert.ok((await results(page, 'kustenurlaub')).includes('Küstenurlaub'));
    // Inside compounds too, after the names with a word that starts with it.
    const kasse = await results(page, 'kasse');
    assert.ok(kasse.includes('Vitalis Krankenkasse') && kasse.includes('Asklepia Kasse'), kasse.join(', '));
    assert.ok(kasse.indexOf('Asklepia Kasse') < kasse.indexOf('Vitalis Krankenkasse'), kasse.join(', '));
    // Two letters only at a word's start: "as" finds Asklepia, not every word holding "as".
    assert.ok(!(await results(page, 'as')).includes('Vitalis Krankenkasse'));
    const links = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.every((href) => /^(\.\.\/)*de\//.test(href)), links.join(' '));
  });

  test('finds part of a name written without spaces', async () => {
    // A Japanese and a Chinese name, served as the index: one "word" each for the search.
    const page = await browser.newPage();
    await page.route('**/search-index.js', (route) => route.fulfill({
      contentType: 'text/javascript',
      body: 'window.rankpressSearchText = {"none": "No results", "results": {"one": "{count} result", "other": "{count} results"}};\n' +
        'window.rankpressSearchIndex = [' +
        '{"t": "東京ノードウィンド モバイル", "u": "companies/a/", "m": "", "x": ""},' +
        '{"t": "中国工商银行", "u": "companies/b/", "m": "", "x": ""}];',
    }));
    await page.goto(`${server.url}/`);
    assert.deepEqual(await results(page, 'ノードウィンド'), ['東京ノードウィンド モバイル']);
    assert.deepEqual(await results(page, '银行'), ['中国工商银行']);
  });

  test('works opened from disk', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(path.resolve(SITE), 'companies', 'kontor-bank', 'index.html')).href);
    assert.ok((await results(page, 'alpen')).includes('Alpenwatt'));
  });
});
