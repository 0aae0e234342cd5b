// Ranking tables as a tool: sort by any column (a button in each header, aria-sort on the
// sorted one), and on tables marked data-filter, filter by sector and find a company as you
// type; charts with tips where the reader points or steps with the arrow keys. Progressive
// enhancement: without JavaScript the complete table is there, in rank order, and every chart
// has its table.
(function () {
  'use strict';
  var lang = document.documentElement.lang || 'en';
  var collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  var plurals = new Intl.PluralRules(lang);
  var numbers = new Intl.NumberFormat(lang);

  // The element's text for `count` in the page language's plural form (data-<name>-one,
  // data-<name>-few, …, data-<name>-other), with {count} written the language's way.
  function counted(element, name, count) {
    var text = element.getAttribute('data-' + name + '-' + plurals.select(count)) ||
      element.getAttribute('data-' + name + '-other') || '';
    return text.replace('{count}', numbers.format(count));
  }

  function fold(text) {
    return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss');
  }

  // The value a cell sorts by: its data-value (numbers) or its first link's text.
  function key(cell, numeric) {
    if (!cell) return null;
    var raw = cell.getAttribute('data-value');
    if (numeric) return raw === null || raw === '' ? null : parseFloat(raw);
    var link = cell.querySelector('a');
    return (link || cell).textContent.trim();
  }

  // A ranking split over pages (rows_per_page) has a pagination after its table listing every
  // page. The first sort or filter brings the other pages' rows into this table, in rank order,
  // so that sorting and filtering cover the whole ranking; without script, or when a page
  // cannot be fetched, each page still shows its own rows. Resolves to true when the table
  // holds every row.
  function whole(table) {
    if (table.wholeRanking) return table.wholeRanking;
    var block = table.closest('.ranking-block');
    var nav = block && block.nextElementSibling;
    if (!nav || !nav.matches('nav.pagination[data-pages]')) {
      table.wholeRanking = Promise.resolve(true);
      return table.wholeRanking;
    }
    var status = block.querySelector('.table-status');
    if (status) status.textContent = nav.getAttribute('data-loading');
    var body = table.tBodies[0];
    var here = new URL(window.location.href);
    var pages = nav.getAttribute('data-pages').split(' ').map(function (href) {
      return new URL(href, here);
    });
    var current = new URL(nav.querySelector('[aria-current="page"]').getAttribute('href'), here);
    table.wholeRanking = Promise.all(pages.map(function (page) {
      if (page.href === current.href) return Promise.resolve(null);
      return fetch(page.href).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then(function (html) {
        var other = new DOMParser().parseFromString(html, 'text/html').getElementById(table.id);
        if (!other || !other.tBodies[0]) throw new Error('no ranking on ' + page.href);
        var rows = Array.prototype.slice.call(other.tBodies[0].rows);
        // The rows link relative to their own page: made absolute, they work here.
        rows.forEach(function (row) {
          Array.prototype.forEach.call(row.querySelectorAll('a[href]'), function (link) {
            link.setAttribute('href', new URL(link.getAttribute('href'), page).href);
          });
        });
        return rows;
      });
    })).then(function (lists) {
      var own = Array.prototype.slice.call(body.rows);
      own.sort(function (a, b) { return a.getAttribute('data-index') - b.getAttribute('data-index'); });
      lists.forEach(function (rows) {
        (rows || own).forEach(function (row) { body.appendChild(document.adoptNode(row)); });
      });
      Array.prototype.forEach.call(body.rows, function (row, index) { row.setAttribute('data-index', index); });
      nav.hidden = true;
      table.dispatchEvent(new CustomEvent('rankingwhole'));
      return true;
    }).catch(function () {
      if (status) status.textContent = nav.getAttribute('data-failed');
      return false;
    });
    return table.wholeRanking;
  }

  function sortable(table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) return;
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, index) { row.setAttribute('data-index', index); });
    var headers = Array.prototype.slice.call(head.cells);
    headers.forEach(function (th, column) {
      var kind = th.getAttribute('data-sort');
      if (!kind) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      while (th.firstChild) button.appendChild(th.firstChild);
      var mark = document.createElement('span');
      mark.className = 'sort-mark';
      mark.setAttribute('aria-hidden', 'true');
      button.appendChild(mark);
      th.appendChild(button);
      button.addEventListener('click', function () {
        whole(table).then(function () { sortBy(th, column, kind); });
      });
    });
    function sortBy(th, column, kind) {
      // First click: the natural order (best first for ranks, highest first for numbers).
      var current = th.getAttribute('aria-sort');
      var natural = column === 0 || kind === 'text' ? 'ascending' : 'descending';
      var next = current === natural ? (natural === 'ascending' ? 'descending' : 'ascending') : natural;
      headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', next);
      var sign = next === 'ascending' ? 1 : -1;
      var numeric = kind === 'number';
      var keyed = Array.prototype.map.call(body.rows, function (row) {
        return { row: row, key: key(row.cells[column], numeric), index: +row.getAttribute('data-index') };
      });
      keyed.sort(function (a, b) {
        // Cells without a value (a new entry's change) always come last.
        if (a.key === null || b.key === null) {
          if (a.key === b.key) return a.index - b.index;
          return a.key === null ? 1 : -1;
        }
        var order = numeric ? a.key - b.key : collator.compare(a.key, b.key);
        return order !== 0 ? sign * order : a.index - b.index;
      });
      keyed.forEach(function (item) { body.appendChild(item.row); });
    }
  }

  function filterable(table, block) {
    var rows = [];
    var names = [];
    var sectors = {};
    var text = function (name) { return block.getAttribute('data-' + name) || ''; };
    var id = table.id;
    // The theme leaves an empty box where the tools go, sized so that filling it moves nothing.
    var form = block.querySelector('.table-tools');
    if (!form) {
      form = document.createElement('div');
      form.className = 'table-tools';
      block.insertBefore(form, block.firstChild);
    }
    var select = document.createElement('select');
    select.id = id + '-sector';
    var find = document.createElement('input');
    find.type = 'search';
    find.id = id + '-find';
    find.autocomplete = 'off';
    var status = document.createElement('p');
    status.className = 'table-status';
    status.setAttribute('role', 'status');
    // The rows, their names and the sectors' options, from the rows the table holds (more of
    // them once a paged ranking's other pages are in).
    function collect() {
      rows = Array.prototype.slice.call(table.tBodies[0].rows);
      names = rows.map(function (row) {
        var link = row.querySelector('th a');
        return fold(link ? link.textContent : '');
      });
      sectors = {};
      rows.forEach(function (row) {
        var name = row.querySelector('.row-sector');
        sectors[row.getAttribute('data-sector')] = name ? name.textContent : row.getAttribute('data-sector');
      });
      var chosen = select.value;
      while (select.firstChild) select.removeChild(select.firstChild);
      var all = document.createElement('option');
      all.value = '';
      all.textContent = text('all');
      select.appendChild(all);
      Object.keys(sectors).sort(function (a, b) { return collator.compare(sectors[a], sectors[b]); })
        .forEach(function (sector) {
          var option = document.createElement('option');
          option.value = sector;
          option.textContent = sectors[sector];
          select.appendChild(option);
        });
      select.value = chosen;
    }
    function field(label, control) {
      var wrap = document.createElement('div');
      var caption = document.createElement('label');
      caption.htmlFor = control.id;
      caption.textContent = label;
      wrap.appendChild(caption);
      wrap.appendChild(control);
      form.appendChild(wrap);
    }
    field(text('sector'), select);
    field(text('find'), find);
    form.appendChild(status);
    function apply() {
      var sector = select.value;
      var terms = fold(find.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, index) {
        var visible = (!sector || row.getAttribute('data-sector') === sector) &&
          terms.every(function (term) { return names[index].indexOf(term) !== -1; });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      // Until a paged ranking's other pages are in, the status says which of its rows these are.
      var nav = block.nextElementSibling;
      var part = nav && nav.matches('nav.pagination[data-pages]') && !nav.hidden &&
        !sector && !terms.length && nav.querySelector('.pagination-rows');
      status.textContent = part ? part.textContent :
        counted(block, 'status', rows.length).replace('{shown}', numbers.format(shown));
    }
    // A paged ranking: the controls, once used, filter all of it.
    var load = function () { whole(table); };
    select.addEventListener('focus', load);
    find.addEventListener('focus', load);
    table.addEventListener('rankingwhole', function () { collect(); apply(); });
    select.addEventListener('change', apply);
    find.addEventListener('input', apply);
    collect();
    apply();
  }

  // Paper shows every chart's numbers and every long list: open them while printing (browsers
  // without ::details-content), and close them again after.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = Array.prototype.filter.call(document.querySelectorAll('details.chart-data, details.long-list'), function (d) {
      return !d.open;
    });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // The "scroll sideways" hint wherever a table is wider than its box, at any window width
  // (without script the stylesheet shows it on phones, where the tables always are). A table is
  // measured when it comes near the screen: measuring one far below would lay out the sections
  // the stylesheet leaves unrendered until then (a long edition page's first paint).
  var blocks = [];
  function hint(block) {
    var box = block.querySelector('.table-scroll');
    block.classList.toggle('overflows', box.scrollWidth > box.clientWidth + 1);
  }
  var near = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) { if (entry.isIntersecting) hint(entry.target); });
  }, { rootMargin: '50% 0px' }) : null;
  var tables = document.querySelectorAll('table.ranking');
  Array.prototype.forEach.call(tables, function (table) {
    sortable(table);
    var block = table.closest('.ranking-block');
    if (!block) return;
    blocks.push(block);
    if (block.hasAttribute('data-filter')) filterable(table, block);
    if (near) near.observe(block); else hint(block);
  });
  // A shadow at each edge of a table's box beyond which more of the table lies (the stylesheet
  // draws it for the classes more-start and more-end), kept up to date as the box scrolls.
  function edges(box) {
    var hidden = box.scrollWidth - box.clientWidth;
    var position = Math.abs(box.scrollLeft);
    box.classList.toggle('more-start', hidden > 1 && position > 1);
    box.classList.toggle('more-end', hidden > 1 && position < hidden - 1);
  }
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.table-scroll'));
  var nearBox = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) { if (entry.isIntersecting) edges(entry.target); });
  }, { rootMargin: '50% 0px' }) : null;
  boxes.forEach(function (box) {
    box.addEventListener('scroll', function () { edges(box); }, { passive: true });
    if (nearBox) nearBox.observe(box); else edges(box);
  });
  // The column headings of a table taller than the window stay in view while it is read. Its
  // box scrolls sideways, so `position: sticky` cannot hold the heading row to the window: the
  // row itself is moved down by the distance scrolled past the table's top, never below its
  // last row. The real cells move, so their sort buttons and sideways scroll stay as they are.
  // Only tables on screen are measured (an observer keeps the list).
  var shown = [];
  function place() {
    placing = false;
    shown.forEach(function (table) {
      var head = table.tHead;
      var last = table.rows[table.rows.length - 1];
      var shift = 0;
      if (head.offsetHeight > 0 && last && last.parentNode !== head) {
        // Measured from the row's own place, below the caption: offsets are the table's, and
        // the move (a transform) leaves them as they are.
        var room = last.offsetTop - head.offsetTop - head.offsetHeight;
        var top = table.getBoundingClientRect().top + head.offsetTop;
        shift = Math.max(0, Math.min(-top, room));
      }
      head.style.setProperty('--head-shift', Math.round(shift) + 'px');
      head.classList.toggle('floating', shift > 0);
    });
  }
  var placing = false;
  function placeSoon() {
    if (placing) return;
    placing = true;
    window.requestAnimationFrame(place);
  }
  if ('IntersectionObserver' in window) {
    var onScreen = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        var at = shown.indexOf(entry.target);
        if (entry.isIntersecting && at < 0) shown.push(entry.target);
        if (!entry.isIntersecting && at >= 0) {
          shown.splice(at, 1);
          entry.target.tHead.classList.remove('floating');
        }
      });
      placeSoon();
    });
    boxes.forEach(function (box) {
      var table = box.querySelector('table');
      if (table && table.tHead) onScreen.observe(table);
    });
    window.addEventListener('scroll', placeSoon, { passive: true });
  }
  // Charts: where a reader points, a tip with that row of the chart's table (the company or
  // criterion, its score, interval, n…) and a band behind its marks; focused (Tab), the arrow
  // keys step through the rows and Escape closes the tip. The drawing says where its rows are
  // (data-tips, see charts/marks.rs); the table under the chart says the same without script.
  function tips(svg) {
    var spec = (svg.getAttribute('data-tips') || '').split(' ');
    var image = svg.parentNode;
    var figure = svg.closest('figure');
    var table = figure && figure.querySelector('table');
    var body = table && table.tBodies[0];
    if (!body || !body.rows.length || spec.length < 2 || !svg.viewBox || !svg.viewBox.baseVal) return;
    var rows = Array.prototype.slice.call(body.rows);
    // A scatter chart lists its points ("xy 120,80 133,64"), in the table's order.
    var spots = spec[0] === 'xy' ? spec.slice(1).map(function (spot) { return spot.split(',').map(Number); }) : null;
    if (spots && spots.length !== rows.length) return;
    var heads = table.tHead ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
    var vertical = spec[0] === 'y';
    var first = parseFloat(spec[1]);
    var step = parseFloat(spec[2]);
    var byYear = spec[3] === 'year';
    var number = function (row) { return parseInt(row.cells[0].textContent, 10); };
    var centres = rows.map(function (row, i) {
      return first + step * (byYear ? number(row) - number(rows[0]) : i);
    });
    var box = svg.viewBox.baseVal;
    // A band behind a row's marks, or a halo round a point.
    var band = document.createElementNS('http://www.w3.org/2000/svg', spots ? 'circle' : 'rect');
    band.setAttribute('class', 'chart-band');
    if (spots) {
      band.setAttribute('r', '11');
    } else {
      band.setAttribute(vertical ? 'x' : 'y', '0');
      band.setAttribute(vertical ? 'width' : 'height', vertical ? box.width : box.height);
      band.setAttribute(vertical ? 'height' : 'width', Math.abs(step));
    }
    var desc = svg.querySelector('desc');
    svg.insertBefore(band, desc ? desc.nextSibling : svg.firstChild);
    // One tip for the chart's drawings (the stylesheet shows one of them at a time).
    var tip = image.querySelector('.chart-tip');
    if (!tip) {
      tip = document.createElement('div');
      tip.className = 'chart-tip';
      tip.hidden = true;
      image.appendChild(tip);
    }
    svg.setAttribute('tabindex', '0');
    var active = -1;

    function show(index, keyboard, along) {
      if (index < 0 || index >= rows.length) { hide(); return; }
      active = index;
      if (spots) {
        band.setAttribute('cx', spots[index][0]);
        band.setAttribute('cy', spots[index][1]);
      } else {
        band.setAttribute(vertical ? 'y' : 'x', centres[index] - Math.abs(step) / 2);
      }
      band.style.display = 'inline';
      tip.textContent = '';
      Array.prototype.forEach.call(rows[index].cells, function (cell, i) {
        var line = document.createElement(i ? 'div' : 'strong');
        var head = i && heads[i] ? heads[i].textContent.trim() + ': ' : '';
        line.textContent = head + cell.textContent.trim();
        tip.appendChild(line);
      });
      tip.setAttribute('aria-live', keyboard ? 'polite' : 'off');
      tip.hidden = false;
      // Placed beside the row's centre, inside the chart's box.
      var drawn = svg.getBoundingClientRect();
      var frame = image.getBoundingClientRect();
      var scale = drawn.width / box.width;
      var x = spots ? spots[index][0] : vertical ? (along === undefined ? box.width / 2 : along) : centres[index];
      var y = spots ? spots[index][1] + 12 : vertical ? centres[index] + Math.abs(step) / 2
        : (along === undefined ? box.height / 3 : along);
      var left = drawn.left - frame.left + x * scale;
      var top = drawn.top - frame.top + y * scale;
      left = Math.max(0, Math.min(left + 12, image.clientWidth - tip.offsetWidth));
      tip.style.left = left + 'px';
      tip.style.top = top + 'px';
    }
    function hide() {
      tip.hidden = true;
      band.style.display = 'none';
    }
    function nearest(position, x, y) {
      if (spots) {
        var best = -1;
        var closest = 14 * 14;
        spots.forEach(function (spot, i) {
          var d = (spot[0] - x) * (spot[0] - x) + (spot[1] - y) * (spot[1] - y);
          if (d <= closest) { closest = d; best = i; }
        });
        return best;
      }
      for (var i = 0; i < centres.length; i++) {
        if (Math.abs(position - centres[i]) <= Math.abs(step) / 2) return i;
      }
      return -1;
    }
    svg.addEventListener('pointermove', function (event) {
      var rect = svg.getBoundingClientRect();
      var x = (event.clientX - rect.left) * box.width / rect.width;
      var y = (event.clientY - rect.top) * box.height / rect.height;
      show(nearest(vertical ? y : x, x, y), false, vertical ? x : y);
    });
    svg.addEventListener('pointerleave', function () {
      if (document.activeElement === svg) show(active, true); else { hide(); active = -1; }
    });
    svg.addEventListener('focus', function () { show(active < 0 ? 0 : active, true); });
    svg.addEventListener('blur', hide);
    svg.addEventListener('keydown', function (event) {
      // Down and the reading direction's next arrow go on; a mirrored drawing's x runs back.
      var on = vertical || spots ? { ArrowDown: 1, ArrowUp: -1, ArrowRight: 1, ArrowLeft: -1 }
        : { ArrowRight: step > 0 ? 1 : -1, ArrowLeft: step > 0 ? -1 : 1, ArrowDown: 1, ArrowUp: -1 };
      var next = event.key in on ? active + on[event.key]
        : event.key === 'Home' ? 0 : event.key === 'End' ? rows.length - 1 : null;
      if (event.key === 'Escape') { hide(); return; }
      if (next === null) return;
      event.preventDefault();
      show(Math.max(0, Math.min(rows.length - 1, next)), true);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('svg[data-tips]'), tips);

  window.addEventListener('resize', function () {
    blocks.forEach(hint);
    boxes.forEach(edges);
    placeSoon();
  });
})();
