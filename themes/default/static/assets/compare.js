// Companies side by side (compare/): two to four chosen by name, any company with a page.
// Shown as a verdict in words (by the plausible places, STATISTICS.md step 10: ahead beyond the
// margin of error only when they do not overlap), a chart of the scores with their intervals,
// and one table of the latest result, interval, plausible places, respondents, perspectives,
// criteria and history; on phones the table stacks. The choice lives in the address (?c=a,b), so
// a comparison can be linked. Data from compare/data.js; nothing outside the site.
(function () {
  'use strict';
  var root = document.getElementById('compare');
  var data = window.rankpressCompare;
  if (!root || !data) return;
  var text = function (name) { return root.getAttribute('data-' + name) || ''; };
  var byId = {};
  data.companies.forEach(function (company) { byId[company.id] = company; });

  function chosen() {
    var match = /[?&]c=([^&]*)/.exec(window.location.search);
    if (!match) return [];
    return decodeURIComponent(match[1]).split(',').filter(function (id) { return byId[id]; }).slice(0, 4);
  }

  var form = document.createElement('form');
  form.className = 'compare-pick';
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  // The data leaves out empty texts and unknown numbers, gives a company's sector as its place
  // in data.sectors and its page through data.href.
  data.companies.forEach(function (c) {
    ['rank', 'sector_rank', 'score', 'tier', 'interval', 'places', 'n', 'status'].forEach(function (key) {
      if (!(key in c)) c[key] = '';
    });
    ['units', 'value', 'low', 'high', 'range'].forEach(function (key) {
      if (!(key in c)) c[key] = null;
    });
    if (typeof c.sector === 'number') {
      c.sector_lang = data.langs ? data.langs.sectors[c.sector] : null;
      c.sector = data.sectors[c.sector];
    }
    if (!c.href) c.href = data.href.replace('{id}', c.id);
  });
  // The four pickers share one list of every company: a text box each that suggests names as
  // the reader types (four select boxes of 10,000 names were 40,000 options no one scrolls).
  // A name two companies share is told apart by the sector.
  var list = document.createElement('datalist');
  list.id = 'compare-companies';
  // Maps without a prototype: a company may be called anything, "constructor" included.
  var named = Object.create(null);
  var idByName = Object.create(null);
  var nameOf = Object.create(null);
  data.companies.forEach(function (c) { named[c.name] = (named[c.name] || 0) + 1; });
  data.companies.forEach(function (c) {
    var name = named[c.name] > 1 ? c.name + ' (' + c.sector + ')' : c.name;
    var option = document.createElement('option');
    option.value = name;
    list.appendChild(option);
    idByName[name] = c.id;
    nameOf[c.id] = name;
  });
  form.appendChild(list);
  var pickers = [];
  for (var i = 0; i < 4; i += 1) {
    var wrap = document.createElement('div');
    var label = document.createElement('label');
    var input = document.createElement('input');
    input.type = 'text';
    input.id = 'compare-' + (i + 1);
    input.setAttribute('list', list.id);
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('spellcheck', 'false');
    input.placeholder = text('none');
    label.htmlFor = input.id;
    label.textContent = text('pick').replace('{n}', i + 1);
    // A name from the list counts at once; anything else when the box is left.
    input.addEventListener('input', function (event) {
      if (event.target.value === '' || event.target.value in idByName) update();
    });
    input.addEventListener('change', update);
    wrap.appendChild(label);
    wrap.appendChild(input);
    form.appendChild(wrap);
    pickers.push(input);
  }
  // The company a picker names, or '' (nothing, or a name that is none of the list's).
  function picked(input) {
    return input.value in idByName ? idByName[input.value] : '';
  }
  var status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'compare-status';
  var output = document.createElement('div');
  output.className = 'table-scroll';
  output.setAttribute('role', 'region');
  output.setAttribute('tabindex', '0');
  output.setAttribute('aria-label', document.querySelector('h1').textContent);
  var verdicts = document.createElement('div');
  verdicts.className = 'compare-verdicts';
  var figure = document.createElement('figure');
  figure.className = 'chart compare-chart';
  root.appendChild(form);
  root.appendChild(status);
  root.appendChild(verdicts);
  root.appendChild(figure);
  root.appendChild(output);

  chosen().forEach(function (id, index) { pickers[index].value = nameOf[id]; });

  function cell(tag, content, attributes) {
    var element = document.createElement(tag);
    if (content instanceof Node) element.appendChild(content);
    else element.textContent = content;
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    return element;
  }

  var names = [];
  // A name data/ gives in another language only carries its language and direction
  // (`written`: {lang, dir} or null), as the pages' names do: on a span inside the cell, so the
  // cell keeps the page's direction and lines up with its column, stacked or not.
  function writtenIn(text, written) {
    if (!written) return text;
    return cell('span', text, { lang: written.lang, dir: written.dir });
  }

  function row(body, heading, values, numeric, headingWritten, valuesWritten) {
    var tr = document.createElement('tr');
    tr.appendChild(cell('th', writtenIn(heading, headingWritten), { scope: 'row' }));
    values.forEach(function (value, index) {
      var attributes = { 'data-label': names[index] || '' };
      if (value === '' || value === null || value === undefined) value = '–';
      else if (valuesWritten) value = writtenIn(value, valuesWritten[index]);
      if (numeric) attributes['class'] = 'num';
      tr.appendChild(cell('td', value, attributes));
    });
    body.appendChild(tr);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  // The same, as nodes: the plausible places each in a span that is never broken at its dash.
  function filled(template, values) {
    var sentence = document.createDocumentFragment();
    template.split(/(\{\w+\})/).forEach(function (part) {
      var key = /^\{(\w+)\}$/.exec(part);
      if (key && key[1] in values && /_places$/.test(key[1])) {
        var range = document.createElement('span');
        range.className = 'range';
        range.textContent = values[key[1]];
        sentence.appendChild(range);
      } else if (part) {
        sentence.appendChild(document.createTextNode(key && key[1] in values ? values[key[1]] : part));
      }
    });
    return sentence;
  }

  // One sentence per neighbouring pair, highest score first, as the statistics allow.
  function verdict(a, b) {
    var values = { a: a.name, b: b.name, a_places: a.places, b_places: b.places };
    if (a.units === b.units) return filled(text('tied'), values);
    if (!a.range || !b.range) return filled(text('plain'), values);
    return filled(a.range[1] < b.range[0] ? text('clear') : text('close'), values);
  }

  var SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attributes, content) {
    var element = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (content !== undefined) element.textContent = content;
    return element;
  }

  // Dots and whiskers on an axis from a multiple of five below the lowest end to one above the
  // highest, each name above its row; mirrored for a right-to-left page.
  var drawn = null, drawnWidth = 0;
  function chart(ranked) {
    figure.textContent = '';
    drawn = null;
    if (ranked.length < 2) return;
    var ends = [];
    ranked.forEach(function (c) { ends.push(c.value, c.low === null ? c.value : c.low, c.high === null ? c.value : c.high); });
    var from = Math.max(0, Math.floor((Math.min.apply(null, ends) - 0.5) / 5) * 5);
    var to = Math.min(100, Math.ceil((Math.max.apply(null, ends) + 0.5) / 5) * 5);
    if (to - from < 10) { if (to < 100) to = Math.min(100, from + 10); else from = to - 10; }
    var rtl = document.documentElement.dir === 'rtl';
    var caption = document.createElement('figcaption');
    caption.className = 'chart-title';
    caption.textContent = fill(text('chart-title'), { year: data.year });
    figure.appendChild(caption);
    var image = document.createElement('div');
    image.className = 'chart-image';
    figure.appendChild(image);
    // Drawn at the width of its box (at most 45rem), so that its text keeps the size of the
    // page's small print on a desktop instead of growing with a drawing scaled up to fit.
    var width = Math.round(Math.max(300, Math.min(image.clientWidth || 360, 720)));
    var left = 12, right = width - 64, rowHeight = 46, top = 8;
    drawn = ranked;
    drawnWidth = width;
    var height = top + ranked.length * rowHeight + 28;
    var x = function (value) {
      var at = left + (value - from) / (to - from) * (right - left);
      return rtl ? width - at : at;
    };
    var picture = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'class': 'compare-svg',
      'aria-label': caption.textContent, fill: 'currentColor', 'font-size': '14', 'font-family': 'sans-serif' });
    var step = to - from > 40 ? 10 : 5;
    for (var tick = Math.ceil(from / step) * step; tick <= to; tick += step) {
      picture.appendChild(svg('line', { x1: x(tick), x2: x(tick), y1: top, y2: height - 24, stroke: 'currentColor', 'stroke-opacity': '0.15' }));
      picture.appendChild(svg('text', { x: x(tick), y: height - 8, 'text-anchor': 'middle' }, tick));
    }
    ranked.forEach(function (c, index) {
      var y = top + index * rowHeight + 30;
      picture.appendChild(svg('text', { x: x(from), y: y - 12, 'text-anchor': rtl ? 'end' : 'start' }, c.name));
      if (c.low !== null && c.high !== null) {
        picture.appendChild(svg('line', { x1: x(c.low), x2: x(c.high), y1: y, y2: y, stroke: 'currentColor', 'stroke-width': '2' }));
        [c.low, c.high].forEach(function (end) {
          picture.appendChild(svg('line', { x1: x(end), x2: x(end), y1: y - 5, y2: y + 5, stroke: 'currentColor', 'stroke-width': '2' }));
        });
      }
      picture.appendChild(svg('circle', { cx: x(c.value), cy: y, r: 6, fill: '#0072B2' }));
      picture.appendChild(svg('text', { x: rtl ? 4 : width - 4, y: y + 4, 'text-anchor': rtl ? 'start' : 'end' }, c.score));
    });
    image.appendChild(picture);
  }
  window.addEventListener('resize', function () {
    var box = figure.querySelector('.chart-image');
    if (drawn && box && Math.abs(Math.min(box.clientWidth, 720) - drawnWidth) > 24) chart(drawn);
  });

  function update() {
    var unknown = false;
    pickers.forEach(function (input) {
      var wrong = input.value.trim() !== '' && !picked(input);
      if (wrong) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
      unknown = unknown || wrong;
    });
    var ids = pickers.map(picked).filter(function (id, index, all) {
      return id && all.indexOf(id) === index;
    });
    var query = ids.length ? '?c=' + ids.join(',') : '';
    if (window.history && window.history.replaceState && window.location.protocol !== 'file:') {
      window.history.replaceState(null, '', window.location.pathname + query);
    }
    output.textContent = '';
    verdicts.textContent = '';
    figure.textContent = '';
    if (ids.length < 2) {
      status.textContent = text(unknown ? 'unknown' : 'need-two');
      return;
    }
    status.textContent = unknown ? text('unknown') : '';
    var companies = ids.map(function (id) { return byId[id]; });
    names = companies.map(function (c) { return c.name; });
    var ranked = companies.filter(function (c) { return c.units !== null; }).slice().sort(function (a, b) { return b.units - a.units; });
    for (var k = 0; k + 1 < ranked.length; k += 1) {
      verdicts.appendChild(cell('p', verdict(ranked[k], ranked[k + 1]), { 'class': 'compare-verdict' }));
    }
    chart(ranked);
    var table = document.createElement('table');
    table.className = 'compare-table stack';
    var head = document.createElement('thead');
    var top = document.createElement('tr');
    top.appendChild(cell('th', text('company'), { scope: 'col' }));
    companies.forEach(function (company) {
      var link = document.createElement('a');
      link.href = company.href;
      link.textContent = company.name;
      top.appendChild(cell('th', link, { scope: 'col' }));
    });
    head.appendChild(top);
    table.appendChild(head);
    var body = document.createElement('tbody');
    var pick = function (name) { return companies.map(function (c) { return c[name]; }); };
    row(body, text('sector'), pick('sector'), false, null, pick('sector_lang'));
    row(body, text('rank') + ' ' + data.year, companies.map(function (c) { return c.rank || c.status; }), true);
    row(body, text('sector-rank'), pick('sector_rank'), true);
    row(body, text('score'), pick('score'), true);
    if (companies.some(function (c) { return c.interval; })) row(body, text('interval'), pick('interval'), true);
    if (companies.some(function (c) { return c.places; })) row(body, text('places'), pick('places'), true);
    if (companies.some(function (c) { return c.n; })) row(body, text('n'), pick('n'));
    if (companies.some(function (c) { return c.tier; })) row(body, text('tier'), pick('tier'), false, null, pick('tier_lang'));
    data.perspectives.forEach(function (name, index) {
      row(body, name, companies.map(function (c) { return c.perspectives[index] || '–'; }), true,
        data.langs && data.langs.perspectives[index]);
    });
    data.criteria.forEach(function (name, index) {
      row(body, name, companies.map(function (c) { return c.criteria[index] || '–'; }), true,
        data.langs && data.langs.criteria[index]);
    });
    var years = [];
    companies.forEach(function (c) {
      c.history.forEach(function (h) { if (years.indexOf(h[0]) === -1) years.push(h[0]); });
    });
    years.sort().reverse().forEach(function (year) {
      row(body, text('history').replace('{year}', year), companies.map(function (c) {
        var entry = c.history.filter(function (h) { return h[0] === year; })[0];
        return entry ? entry[1] + ' (' + text('rank-short').replace('{rank}', entry[2]) + ')' : '–';
      }), true);
    });
    table.appendChild(body);
    output.appendChild(table);
  }
  update();
})();
