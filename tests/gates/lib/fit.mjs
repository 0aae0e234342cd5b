// What does not fit, as the browser lays the page out: the page wider than the window, a table
// wider than its scrolling box (a ranking's rank, company, score and change must show without
// scrolling in every language; secondary tables stack their rows on phones), and a badge, note, caption, heading or lead
// sentence whose text runs past its own box. Runs in the page: page.evaluate(overflows).
export function overflows() {
  const found = [];
  const describe = (el) => {
    const id = el.closest('[id]')?.id ?? '';
    const kind = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
    return `${el.tagName.toLowerCase()}${kind} in #${id}: "${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
  };
  const shown = (el) => el.offsetParent !== null && !el.closest('details:not([open])');
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    found.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
  }
  // Every table shown: ranking tables keep their columns, the others stack on phones.
  for (const table of document.querySelectorAll('.table-scroll > table')) {
    const box = table.closest('.table-scroll');
    if (box && shown(box) && box.scrollWidth > box.clientWidth + 1) {
      found.push(`a table ${box.scrollWidth}px wide in its ${box.clientWidth}px box: ${describe(table)}`);
    }
  }
  // "Scroll the table sideways" over a table that fits says what is not so.
  for (const hint of document.querySelectorAll('.scroll-hint')) {
    const box = hint.parentElement.querySelector('.table-scroll');
    if (shown(hint) && box && box.scrollWidth <= box.clientWidth + 1) {
      found.push(`a scroll hint over a table that fits: ${describe(hint)}`);
    }
  }
  const texts = '.award, .tier, .narrow-win, .lead-sentence, .table-caption, .change-legend, .facts dt, .facts dd, h1, h2, td.score, td.rank, td.change';
  for (const el of document.querySelectorAll(texts)) {
    if (shown(el) && el.scrollWidth > el.clientWidth + 1) {
      found.push(`text past its box (${el.scrollWidth}px in ${el.clientWidth}px): ${describe(el)}`);
    }
  }
  return found;
}
