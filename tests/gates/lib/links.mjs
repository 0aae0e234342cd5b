// Link check over a built site: every internal link, image, stylesheet, script and fragment in
// every HTML file, and every absolute link under the site's base URL (canonical, alternates,
// sitemap, feeds), must resolve to a file of the output. External links are not followed.
import fs from 'node:fs';
import path from 'node:path';

export function filesUnder(root, extensions) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (extensions.some((ext) => entry.name.endsWith(ext))) found.push(full);
    }
  };
  walk(root);
  return found;
}

function decodeEntities(value) {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const idCache = new Map();

/** The ids (and legacy `name` anchors) of an HTML file. */
function idsOf(file) {
  if (!idCache.has(file)) {
    const html = fs.readFileSync(file, 'utf8');
    const ids = new Set();
    for (const match of html.matchAll(/\s(?:id|name)="([^"]*)"/g)) ids.add(decodeEntities(match[1]));
    idCache.set(file, ids);
  }
  return idCache.get(file);
}

/** Resolves `target` (a path under the site, possibly a folder) to a file, or null. */
function resolveFile(root, target) {
  let candidate = path.join(root, target);
  if (!candidate.startsWith(root)) return null;
  if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) candidate = path.join(candidate, 'index.html');
  return fs.existsSync(candidate) ? candidate : null;
}

/** Every reference in `file`: [kind, raw value]. */
function referencesOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  const references = [];
  if (file.endsWith('.html')) {
    for (const match of text.matchAll(/<(a|link|img|script|source|iframe)\b[^>]*?\s(href|src)="([^"]*)"/g)) {
      references.push([`<${match[1]} ${match[2]}>`, decodeEntities(match[3])]);
    }
  } else {
    for (const match of text.matchAll(/<loc>([^<]*)<\/loc>|\shref="([^"]*)"/g)) {
      references.push(['xml link', decodeEntities(match[1] ?? match[2])]);
    }
  }
  return references;
}

/**
 * Checks every reference of every HTML, XML and SVG file under `root`. Returns the number of
 * references checked and the broken ones as {file, reference, problem}.
 */
export function checkLinks(root, baseUrl) {
  root = path.resolve(root);
  idCache.clear();
  const broken = [];
  let checked = 0;
  for (const file of filesUnder(root, ['.html', '.xml', '.svg'])) {
    const page = path.relative(root, file);
    for (const [kind, raw] of referencesOf(file)) {
      if (raw === '') {
        broken.push({ file: page, reference: `${kind} ""`, problem: 'empty link' });
        continue;
      }
      let target;
      let fragment = '';
      if (/^(mailto|tel|javascript|data):/i.test(raw)) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) {
        if (!baseUrl || !raw.startsWith(baseUrl)) continue; // external: not ours to check
        const url = new URL(raw);
        target = decodeURIComponent(url.pathname.slice(new URL(baseUrl).pathname.length));
        fragment = url.hash.slice(1);
      } else if (raw.startsWith('/')) {
        // Root-relative (the 404 page): relative to the path of the base URL.
        const basePath = baseUrl ? new URL(baseUrl).pathname : '/';
        const url = new URL(raw, 'http://site.invalid');
        if (!url.pathname.startsWith(basePath)) {
          broken.push({ file: page, reference: `${kind} ${raw}`, problem: `outside the site's path ${basePath}` });
          continue;
        }
        target = decodeURIComponent(url.pathname.slice(basePath.length));
        fragment = decodeURIComponent(url.hash.slice(1));
      } else {
        const [withoutFragment, hash = ''] = raw.split('#');
        fragment = decodeURIComponent(hash);
        const withoutQuery = withoutFragment.split('?')[0];
        target = withoutQuery === ''
          ? page
          : path.relative(root, path.resolve(path.dirname(file), decodeURIComponent(withoutQuery)));
        if (target.startsWith('..')) {
          broken.push({ file: page, reference: `${kind} ${raw}`, problem: 'points outside the site' });
          continue;
        }
      }
      checked += 1;
      const resolved = resolveFile(root, target);
      if (!resolved) {
        broken.push({ file: page, reference: `${kind} ${raw}`, problem: `no file ${target || '/'}` });
        continue;
      }
      if (fragment && resolved.endsWith('.html') && !idsOf(resolved).has(fragment)) {
        broken.push({ file: page, reference: `${kind} ${raw}`, problem: `no id="${fragment}" in ${path.relative(root, resolved)}` });
      }
    }
  }
  return { checked, broken };
}
