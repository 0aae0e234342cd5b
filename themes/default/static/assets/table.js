// Ranking tables as a tool: sort by any column (a button in each header, aria-sort on the
// sorted one), and on tables marked data-filter, filter by sector and find a company as you
// type. Progressive enhancement: without JavaScript the complete table is there, in rank order.
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
      });
    });
  }

  function filterable(table, block) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var sectors = {};
    rows.forEach(function (row) {
      var name = row.querySelector('.row-sector');
      sectors[row.getAttribute('data-sector')] = name ? name.textContent : row.getAttribute('data-sector');
    });
    var text = function (name) { return block.getAttribute('data-' + name) || ''; };
    var id = table.id;
    var form = document.createElement('div');
    form.className = 'table-tools';
    var select = document.createElement('select');
    select.id = id + '-sector';
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
    var find = document.createElement('input');
    find.type = 'search';
    find.id = id + '-find';
    find.autocomplete = 'off';
    var status = document.createElement('p');
    status.className = 'table-status';
    status.setAttribute('role', 'status');
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
    block.insertBefore(form, block.firstChild);
    var names = rows.map(function (row) {
      var link = row.querySelector('th a');
      return fold(link ? link.textContent : '');
    });
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
      status.textContent = counted(block, 'status', rows.length).replace('{shown}', numbers.format(shown));
    }
    select.addEventListener('change', apply);
    find.addEventListener('input', apply);
    apply();
  }

  // Paper shows every chart's numbers: open their tables while printing (browsers without
  // ::details-content), and close them again after.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = Array.prototype.filter.call(document.querySelectorAll('details.chart-data'), function (d) {
      return !d.open;
    });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // The "scroll sideways" hint wherever a table is wider than its box, at any window width
  // (without script the stylesheet shows it on phones, where the tables always are).
  var blocks = [];
  function hints() {
    blocks.forEach(function (block) {
      var box = block.querySelector('.table-scroll');
      block.classList.toggle('overflows', box.scrollWidth > box.clientWidth + 1);
    });
  }
  var tables = document.querySelectorAll('table.ranking');
  Array.prototype.forEach.call(tables, function (table) {
    sortable(table);
    var block = table.closest('.ranking-block');
    if (!block) return;
    blocks.push(block);
    if (block.hasAttribute('data-filter')) filterable(table, block);
  });
  hints();
  window.addEventListener('resize', hints);
})();
