// Debian's Chromium driven by playwright-core (no downloaded browser), with axe-core for the
// accessibility audit.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Runs axe-core on the loaded page. Every violation counts, whatever its impact: a "moderate"
 * one such as two landmarks of one name (a section and the scrolling box of its table) is still
 * noise in a screen reader's list of landmarks. `serious` counts those of impact serious or
 * critical.
 */
export async function audit(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const violations = results.violations;
  return {
    violations,
    serious: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').length,
    describe: () =>
      violations
        .map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`)
        .join('\n'),
  };
}

/**
 * The text of table cells whose contrast axe-core could not decide, with its reason: before,
 * a scroll-shadow gradient behind every table left 1,048 cells "incomplete", so no contrast
 * check ran on them. Icons (the change arrows, "nonBmp") and single characters (the tie mark
 * "=", "shortTextContent") are undecidable by nature; any other reason is a background the
 * checks cannot read. Also the number of cells whose contrast was decided and passed.
 */
export async function tableContrast(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['incomplete', 'passes'], runOnly: ['color-contrast'] });
    const inTable = (node) => document.querySelector(node.target[0])?.closest('table') !== null;
    const undecided = results.incomplete
      .flatMap((rule) => rule.nodes)
      .filter((node) => node.target.length === 1 && inTable(node))
      .map((node) => ({ target: node.target[0], reason: node.any[0]?.data?.messageKey ?? node.any[0]?.message }))
      .filter((node) => node.reason !== 'nonBmp' && node.reason !== 'shortTextContent');
    const decided = results.passes.flatMap((rule) => rule.nodes).filter((node) => node.target.length === 1 && inTable(node)).length;
    return { undecided, decided };
  });
}

/** Names the browser computes for every element with the role image (our charts). */
export async function imageNames(page) {
  const session = await page.context().newCDPSession(page);
  const { nodes } = await session.send('Accessibility.getFullAXTree');
  await session.detach();
  return nodes
    .filter((node) => !node.ignored && (node.role?.value === 'image' || node.role?.value === 'img'))
    .map((node) => node.name?.value ?? '');
}
