// The gates themselves: a page broken on purpose (a duplicate id, an image without alt text, a
// broken link and a missing fragment) must make each gate fail. A gate that cannot fail checks
// nothing.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { audit, launch } from './lib/browser.mjs';
import { overflows } from './lib/fit.mjs';
import { checkLinks } from './lib/links.mjs';
import { serve } from './lib/server.mjs';
import { validate } from './lib/validator.mjs';

const BROKEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'broken');

test('the HTML validator reports a duplicate id', () => {
  const { errors } = validate(BROKEN);
  assert.ok(
    errors.some((e) => e.file === 'index.html' && /Duplicate ID/i.test(e.message)),
    JSON.stringify(errors, null, 2),
  );
});

test('the link check reports a missing page, a missing image and a missing fragment', () => {
  const { broken } = checkLinks(BROKEN, 'https://broken.example/');
  const problems = broken.map((b) => `${b.reference}: ${b.problem}`);
  assert.ok(problems.some((p) => p.includes('missing/index.html')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('no-such-image.png')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('no id="nowhere"')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('https://broken.example/gone/')), problems.join('\n'));
});

test('the accessibility audit reports an image without alt text and two landmarks of one name', async () => {
  const server = await serve(BROKEN);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/index.html`);
    const result = await audit(page);
    assert.ok(result.violations.some((v) => v.id === 'image-alt'), result.describe());
    // Of impact "moderate", and still a failure of the site's gate, which allows no violation.
    assert.ok(result.violations.some((v) => v.id === 'landmark-unique'), result.describe());
  } finally {
    await browser.close();
    await server.close();
  }
});

test('the fit check reports a ranking wider than its box, a cut badge and a page too wide', async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
    await page.setContent(`<!doctype html><html lang="en"><body style="margin:0">
      <div class="table-scroll" style="overflow-x:auto;width:300px"><table class="ranking" id="r" style="width:600px"><tr><td class="score">97.8</td></tr></table></div>
      <span class="award" style="display:inline-block;width:40px;overflow:hidden;white-space:nowrap">ПОБЕДИТЕЛЬ ОТРАСЛИ</span>
      <div style="width:500px">wide</div></body></html>`);
    const found = await page.evaluate(overflows);
    assert.ok(found.some((f) => f.includes('table 600px wide in its 300px box')), found.join('\n'));
    assert.ok(found.some((f) => f.includes('span.award')), found.join('\n'));
    assert.ok(found.some((f) => f.startsWith('the page is 500px wide')), found.join('\n'));
  } finally {
    await browser.close();
  }
});
