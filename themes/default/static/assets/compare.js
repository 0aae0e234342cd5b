// Companies side by side (compare/): two to four chosen in select boxes, shown as one table of
// their latest result, perspectives, criteria and history. The choice lives in the address
// (?c=a,b), so a comparison can be linked. Data from compare/data.js; nothing outside the site.
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
  var selects = [];
  for (var i = 0; i < 4; i += 1) {
    var wrap = document.createElement('div');
    var label = document.createElement('label');
    var select = document.createElement('select');
    select.id = 'compare-' + (i + 1);
    label.htmlFor = select.id;
    label.textContent = text('pick').replace('{n}', i + 1);
    var empty = document.createElement('option');
    empty.value = '';
    empty.textContent = text('none');
    select.appendChild(empty);
    data.companies.forEach(function (company) {
      var option = document.createElement('option');
      option.value = company.id;
      option.textContent = company.name;
      select.appendChild(option);
    });
    select.addEventListener('change', update);
    wrap.appendChild(label);
    wrap.appendChild(select);
    form.appendChild(wrap);
    selects.push(select);
  }
  var status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'compare-status';
  var output = document.createElement('div');
  output.className = 'table-scroll';
  output.setAttribute('role', 'region');
  output.setAttribute('tabindex', '0');
  output.setAttribute('aria-label', document.querySelector('h1').textContent);
  root.appendChild(form);
  root.appendChild(status);
  root.appendChild(output);

  chosen().forEach(function (id, index) { selects[index].value = id; });

  function cell(tag, content, attributes) {
    var element = document.createElement(tag);
    if (content instanceof Node) element.appendChild(content);
    else element.textContent = content;
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    return element;
  }

  function row(body, heading, values, numeric) {
    var tr = document.createElement('tr');
    tr.appendChild(cell('th', heading, { scope: 'row' }));
    values.forEach(function (value) { tr.appendChild(cell('td', value, numeric ? { 'class': 'num' } : {})); });
    body.appendChild(tr);
  }

  function update() {
    var ids = selects.map(function (s) { return s.value; }).filter(function (id, index, all) {
      return id && all.indexOf(id) === index;
    });
    var query = ids.length ? '?c=' + ids.join(',') : '';
    if (window.history && window.history.replaceState && window.location.protocol !== 'file:') {
      window.history.replaceState(null, '', window.location.pathname + query);
    }
    output.textContent = '';
    if (ids.length < 2) {
      status.textContent = text('need-two');
      return;
    }
    status.textContent = '';
    var companies = ids.map(function (id) { return byId[id]; });
    var table = document.createElement('table');
    table.className = 'compare-table';
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
    row(body, text('sector'), pick('sector'));
    row(body, text('rank') + ' ' + data.year, pick('rank'), true);
    row(body, text('sector-rank'), pick('sector_rank'), true);
    row(body, text('score'), pick('score'), true);
    if (companies.some(function (c) { return c.tier; })) row(body, text('tier'), pick('tier'));
    data.perspectives.forEach(function (name, index) {
      row(body, name, companies.map(function (c) { return c.perspectives[index]; }), true);
    });
    data.criteria.forEach(function (name, index) {
      row(body, name, companies.map(function (c) { return c.criteria[index]; }), true);
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
