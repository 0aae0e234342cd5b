// Site search without a server: loads this language's index (search-index.js, written by the
// build) on first use and lists the companies, sectors and articles whose words start with what
// was typed, or hold it (compounds, names in scripts without spaces). Without JavaScript the
// search form stays hidden and every page still works.
(function () {
  'use strict';
  var form = document.querySelector('form.site-search');
  if (!form) return;
  var input = form.querySelector('input[type="search"]');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var root = form.getAttribute('data-root') || '';
  var entries = null;
  var loading = null;
  form.hidden = false;
  var lang = document.documentElement.lang || 'en';
  var plurals = new Intl.PluralRules(lang);
  var numbers = new Intl.NumberFormat(lang);

  // What the search says: from the index (window.rankpressSearchText: none, and results and all
  // in each plural form), else from the form's data-none, data-results-one, … (themes that
  // write them).
  function said(name, category) {
    var texts = window.rankpressSearchText || {};
    var text = texts[name];
    if (text && typeof text === 'object') text = text[category] || text.other;
    if (typeof text === 'string') return text;
    return form.getAttribute('data-' + name + (category ? '-' + category : '')) ||
      (category ? form.getAttribute('data-' + name + '-other') : '') || '';
  }

  // The text for `count` in the page language's plural form, with {count} written the
  // language's way.
  function counted(name, count) {
    var text = said(name, plurals.select(count)) || '{count}';
    return text.replace('{count}', numbers.format(count));
  }

  // Lower case, accents removed, ß as ss: "Müller" is found by "muller" and "müller".
  function fold(text) {
    return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss');
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Adds a script of the index; resolves with whether it loaded.
  function add(src) {
    return new Promise(function (resolve) {
      var script = document.createElement('script');
      script.src = src;
      script.onload = function () { resolve(true); };
      script.onerror = function () { resolve(false); };
      document.head.appendChild(script);
    });
  }

  // The index: its first file, then, on a large site, the parts it lists, in order.
  function load() {
    if (loading) return loading;
    var first = form.getAttribute('data-index');
    var folder = first.slice(0, first.lastIndexOf('/') + 1);
    loading = add(first).then(function (loaded) {
      var parts = loaded ? (window.rankpressSearchParts || []) : [];
      return parts.reduce(function (done, part) {
        return done.then(function () { return add(folder + part); });
      }, Promise.resolve());
    }).then(function () {
      entries = (window.rankpressSearchIndex || []).map(function (entry) {
        return { entry: entry, title: words(entry.t), rest: words(entry.m + ' ' + entry.x) };
      });
    });
    return loading;
  }

  // Scripts written without spaces between words: a name is one long "word" there.
  var UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

  // Whether `term` is looked for inside words too, not only at their start: "kasse" finds
  // "Krankenkasse" and "bank" "Volksbank" (compounds), and any part of a Japanese or Chinese
  // name finds it. Shorter terms would find too much.
  function inside(term) {
    return term.length >= 3 || UNSPACED.test(term);
  }

  // A title word equal to the term counts most, then one starting with it, then one holding it;
  // other text (sector, article body) least.
  function score(item, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i += 1) {
      var term = terms[i];
      var within = inside(term);
      var best = 0;
      for (var j = 0; j < item.title.length; j += 1) {
        var at = item.title[j].indexOf(term);
        if (item.title[j] === term) best = Math.max(best, 4);
        else if (at === 0) best = Math.max(best, 3);
        else if (at > 0 && within) best = Math.max(best, 2);
      }
      if (best === 0) {
        for (var k = 0; k < item.rest.length; k += 1) {
          var found = item.rest[k].indexOf(term);
          if (found === 0 || (found > 0 && within)) { best = 1; break; }
        }
      }
      if (best === 0) return 0;
      total += best;
    }
    return total;
  }

  // Eight results first; a button shows the rest.
  var FIRST = 8;

  function show(query, all) {
    var terms = words(query);
    list.textContent = '';
    if (terms.length === 0) {
      list.hidden = true;
      status.textContent = '';
      return;
    }
    var hits = entries
      .map(function (item) { return { item: item, score: score(item, terms) }; })
      .filter(function (hit) { return hit.score > 0; })
      // Best match first; among equals the shorter title (closer to what was typed), then A–Z.
      .sort(function (a, b) {
        return b.score - a.score || a.item.entry.t.length - b.item.entry.t.length ||
          a.item.entry.t.localeCompare(b.item.entry.t);
      });
    var shown = all ? hits : hits.slice(0, FIRST);
    shown.forEach(function (hit) {
      var li = document.createElement('li');
      var link = document.createElement('a');
      link.href = root + hit.item.entry.u;
      link.textContent = hit.item.entry.t;
      var meta = document.createElement('span');
      meta.className = 'search-meta';
      meta.textContent = hit.item.entry.m;
      li.appendChild(link);
      li.appendChild(meta);
      list.appendChild(li);
    });
    if (hits.length === 0) {
      // Said on screen, not only to screen readers.
      var none = document.createElement('li');
      none.className = 'search-none';
      none.textContent = said('none');
      list.appendChild(none);
    } else if (shown.length < hits.length) {
      var more = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'search-all';
      button.textContent = counted('all', hits.length);
      button.addEventListener('click', function () {
        show(input.value, true);
        var next = list.querySelectorAll('a')[FIRST];
        if (next) next.focus();
      });
      more.appendChild(button);
      list.appendChild(more);
    }
    list.hidden = false;
    status.textContent = hits.length === 0 ? said('none') : counted('results', hits.length);
  }

  input.addEventListener('focus', load);
  input.addEventListener('input', function () {
    load().then(function () { show(input.value); });
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    load().then(function () {
      show(input.value);
      var first = list.querySelector('a');
      if (first) window.location.href = first.href;
    });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && document.activeElement === input) {
      input.value = '';
      show('');
    }
  });
  // The arrow keys move from the box into the results and between them; Escape in the results
  // goes back to the box.
  function targets() {
    return Array.prototype.slice.call(list.querySelectorAll('a, button'));
  }
  form.addEventListener('keydown', function (event) {
    if (list.hidden) return;
    var items = targets();
    if (items.length === 0) return;
    var at = items.indexOf(document.activeElement);
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      items[at < 0 ? 0 : Math.min(at + 1, items.length - 1)].focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      event.preventDefault();
      if (at === 0) input.focus();
      else items[at - 1].focus();
    } else if (event.key === 'Escape' && at >= 0) {
      input.focus();
    }
  });
})();
