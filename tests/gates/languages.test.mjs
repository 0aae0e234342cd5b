// The example site built in five languages of different scripts and lengths (RANKPRESS_SITE_
// LANGUAGES: English, German, Arabic written right to left, Japanese, Russian; tests/check.sh
// builds it), on a phone (360 px) and a desktop (1280 px): nothing is cut or pushed off screen
// on the pages that carry the ranking. A look at the German and Arabic sites found the score cut
// to "97," and "37.3" at 360 px and the change cut at 1280 px; the English-only gates could not
// see it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { launch } from './lib/browser.mjs';
import { overflows } from './lib/fit.mjs';

const SITE = process.env.RANKPRESS_SITE_LANGUAGES;
if (!SITE || !fs.existsSync(path.join(SITE, 'ja', 'index.html'))) {
  throw new Error('RANKPRESS_SITE_LANGUAGES must point to the example built in en, de, ar, ja, ru, he (see tests/check.sh)');
}
const LANGUAGES = ['en', 'de', 'ar', 'ja', 'ru'];
// Right-to-left languages whose pages are measured for reading order (Hebrew only there: its
// layout is Arabic's).
const RIGHT_TO_LEFT = ['ar', 'he'];
const PAGES = [
  ['home', ''],
  ['edition', '2026/'],
  ['edition, second page of the ranking', '2026/ranking/2/'],
  ['sector', '2026/sectors/banks/'],
  ['sector, long name', '2026/sectors/financial-brokers/'],
  ['company', 'companies/kaufhaus-linde/'],
  ['methodology', 'methodology/'],
  ['compare', 'compare/'],
  ['verify', 'verify/2026/kaufhaus-linde/'],
];

describe('five languages from 320 to 1920 px', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  for (const width of [320, 360, 1280, 1920]) {
    for (const language of LANGUAGES) {
      test(`${language} at ${width} px: nothing cut or off screen`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        const problems = [];
        for (const [name, address] of PAGES) {
          const file = path.join(SITE, language === 'en' ? '' : language, address, 'index.html');
          assert.ok(fs.existsSync(file), `${file} is not in the built site`);
          await page.goto(pathToFileURL(file).href);
          for (const problem of await page.evaluate(overflows)) problems.push(`${name} (${address || '/'}): ${problem}`);
        }
        await page.close();
        assert.deepEqual(problems, []);
      });
    }
  }
  // Languages whose words rankpress marks with soft hyphens in headings (render/hyphenate.rs).
  for (const language of ['en', 'de', 'ru']) {
    for (const width of [320, 360]) {
      test(`${language} at ${width} px: a title or a fact's label breaks a word only where a hyphen is drawn`, async () => {
        // Without the language's hyphenation rules (headless Chromium on Linux has none), a
        // compound wider than its box was broken anywhere: "kundenorientiertes" / "ten" in the
        // title, "Branchendurchsch" / "nitt" in a fact's label, no hyphen. Each piece of a word between two allowed breaks must stay on one line.
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        const broken = [];
        for (const [name, address] of PAGES) {
          await page.goto(pathToFileURL(path.join(SITE, language === 'en' ? '' : language, address, 'index.html')).href);
          const found = await page.evaluate(() => {
            const out = [];
            for (const heading of document.querySelectorAll('main h1, .facts dt, .survey-facts dt')) {
              const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const piece of node.data.matchAll(/[\p{L}\p{N}]+/gu)) {
                  // The line of each letter (its range's last box: after a break at a soft
                  // hyphen, the first letter's range also holds the hyphen drawn at the end
                  // of the line before).
                  const lines = new Set();
                  for (let at = piece.index; at < piece.index + piece[0].length; at += 1) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + 1);
                    const boxes = range.getClientRects();
                    if (boxes.length) lines.add(Math.round(boxes[boxes.length - 1].top));
                  }
                  if (lines.size > 1) out.push(`"${piece[0]}" in "${heading.textContent.replace(/\u00ad/g, '').trim()}"`);
                }
              }
            }
            return out;
          });
          for (const word of found) broken.push(`${name}: ${word}`);
        }
        await page.close();
        assert.deepEqual(broken, []);
      });
    }
  }
  test('an Arabic page keeps a range and a signed number in reading order', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(path.join(SITE, 'ar', '2026', 'index.html')).href);
    // Isolated (U+2066 … U+2069), "1–2" stays "1–2" and "+4.5" stays "+4.5" inside Arabic text.
    const text = await page.evaluate(() => document.querySelector('#ranking .rank-range .range').textContent);
    assert.match(text, /^\u2066\d+\u2013\d+\u2069$/);
    await page.close();
  });
  test('at 320 and 360 px a range of places, rows or years is never broken at its dash', async () => {
    // "6–" at the end of a line and "22" on the next reads as two numbers. Measured where
    // Chromium draws them: every range in the page's text (headings, sentences, tier lists,
    // table cells, chart source lines, compare verdicts with three companies chosen; the
    // methodology's "0–100 points" among them) lies on one line.
    const problems = [];
    const addresses = [...PAGES, ['compare, three companies', 'compare/', '?c=aegis-direct,alpenwatt,atlas-volksbank']];
    for (const width of [320, 360]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      for (const language of [...LANGUAGES, 'he']) {
        for (const [name, address, query] of addresses) {
          const file = path.join(SITE, language === 'en' ? '' : language, address, 'index.html');
          await page.goto(pathToFileURL(file).href + (query || ''));
          const broken = await page.evaluate(() => {
            const out = [];
            document.querySelectorAll('details').forEach((d) => { d.open = true; });
            for (const element of document.querySelectorAll('main')) {
              const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (node.parentElement.closest('svg, script, style, pre, code')) continue;
                for (const match of node.data.matchAll(/\d[\d.,]*\u2013\u2060?\d[\d.,]*/g)) {
                  const range = document.createRange();
                  range.setStart(node, match.index);
                  range.setEnd(node, match.index + match[0].length);
                  const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
                  if (lines.size > 1) out.push(`${match[0].replace('\u2060', '')} in "${(node.parentElement.closest('p, li, td, th, dd, dt, h1, h2, h3, figcaption') || element).textContent.trim().slice(0, 50)}"`);
                }
              }
            }
            return out;
          });
          for (const problem of broken) problems.push(`${language} ${width} px, ${name}: ${problem}`);
        }
      }
      await page.close();
    }
    assert.deepEqual([...new Set(problems)], []);
  });
  for (const language of RIGHT_TO_LEFT) {
    test(`on every ${language} page a range reads from its first number to its last, and a sign stands before its number, as drawn`, async () => {
      // Where a range is not isolated, the bidirectional algorithm draws "1–2" as "2–1" and
      // "91.5–100.0" as "100.0–91.5" in right-to-left text: a table cell, a tip, a sentence. Each
      // range on screen (details opened, so that the charts' tables count) is measured where the
      // browser drew it: its first number must stand left of its last.
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const reversed = [];
      for (const [name, address] of PAGES) {
        await page.goto(pathToFileURL(path.join(SITE, language, address, 'index.html')).href);
        const found = await page.evaluate(() => {
          document.querySelectorAll('details').forEach((d) => { d.open = true; });
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest('svg, script, style, pre, code')) continue;
            const at = (offset) => {
              const range = document.createRange();
              range.setStart(node, offset);
              range.setEnd(node, offset + 1);
              return range.getClientRects()[0];
            };
            const check = (match, second) => {
              const first = at(match.index);
              const last = at(match.index + second);
              if (!first || !last || Math.abs(first.top - last.top) > 2) return;
              if (first.left > last.left) out.push(`${match[0]} in "${node.parentElement.textContent.trim().slice(0, 60)}"`);
            };
            for (const match of node.data.matchAll(/(\d[\d.,]*)\u2013\u2060?(\d[\d.,]*)/g)) check(match, match[0].length - match[2].length);
            // A signed change: its sign before its digits ("+4.5", not "4.5+").
            for (const match of node.data.matchAll(/(?<![\d\w])[+\u2212]\d/g)) check(match, 1);
          }
          return out;
        });
        for (const range of found) reversed.push(`${name}: ${range}`);
      }
      await page.close();
      assert.deepEqual(reversed, []);
    });
  }
});
