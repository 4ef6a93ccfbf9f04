// i-Speed portal: progressive enhancement only. Every page works without this script (forms submit,
// links navigate); with it the switches apply on change, tables sort and filter in place, the map's
// units open on click and highlight their table row, and the unit chooser loads its charts in place.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // "hoan kiem" finds "Hoàn Kiếm": decompose, drop the marks, đ → d, lower case (as Row.fold on the server).
  function fold(s) {
    return s.replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  function ready(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }

  ready(function () {
    document.querySelectorAll('[data-autosubmit]').forEach(function (el) {
      el.addEventListener('change', function () { el.form.submit(); });
    });

    document.querySelectorAll('table.sortable').forEach(function (table) {
      var heads = table.tHead.rows[0].cells;
      Array.prototype.forEach.call(heads, function (th, col) {
        var b = th.querySelector('button[data-sort]');
        if (!b) { return; }
        b.addEventListener('click', function () {
          var asc = th.getAttribute('aria-sort') !== 'ascending';
          Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
          th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
          var numeric = b.getAttribute('data-sort') === 'num';
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, c) {
            var x = a.cells[col].getAttribute('data-value') || '';
            var y = c.cells[col].getAttribute('data-value') || '';
            var r;
            if (numeric) {
              // units without a figure go last whichever the direction
              if (x === '' || y === '') { return x === y ? 0 : (x === '' ? 1 : -1); }
              r = parseFloat(x) - parseFloat(y);
            } else {
              r = x.localeCompare(y, document.documentElement.lang);
            }
            return asc ? r : -r;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });

    document.querySelectorAll('[data-filter]').forEach(function (input) {
      var id = input.getAttribute('data-filter');
      var table = document.getElementById(id);
      var status = document.querySelector('[data-status-filter="' + id + '"]');
      var out = document.querySelector('[data-count="' + id + '"]');
      function apply() {
        var q = fold(input.value.trim());
        var st = status ? status.value : '';
        var shown = 0;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
          var ok = (!q || (r.getAttribute('data-key') || '').indexOf(q) >= 0) && (!st || r.getAttribute('data-status') === st);
          r.hidden = !ok;
          if (ok) { shown++; }
        });
        if (out) { out.textContent = shown + ' / ' + table.tBodies[0].rows.length; }
      }
      input.addEventListener('input', apply);
      if (status) { status.addEventListener('change', apply); }
      apply();
    });

    document.querySelectorAll('svg[data-map]').forEach(function (svg) {
      svg.addEventListener('click', function (e) {
        var p = e.target.closest('path[data-href]');
        if (p) { window.location.href = p.getAttribute('data-href'); }
      });
      svg.addEventListener('mouseover', function (e) {
        var p = e.target.closest('path[data-code]');
        document.querySelectorAll('tr.hi').forEach(function (r) { r.classList.remove('hi'); });
        if (p) {
          var row = document.querySelector('tr[data-code="' + p.getAttribute('data-code') + '"]');
          if (row) { row.classList.add('hi'); }
        }
      });
    });

    document.querySelectorAll('form[data-chooser]').forEach(function (form) {
      var target = document.getElementById(form.getAttribute('data-target'));
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var unit = form.elements.unit.value;
        var url = form.getAttribute('data-chooser') + encodeURIComponent(unit) + '/charts' + window.location.search;
        target.textContent = '…';
        fetch(url, { headers: { 'X-Requested-With': 'JavaScript' }, credentials: 'same-origin' })
          .then(function (r) {
            if (r.status === 499 || r.status === 401) { window.location.href = '/login'; return null; }
            if (!r.ok) { throw new Error(r.status); }
            return r.text();
          })
          .then(function (html) { if (html !== null) { target.innerHTML = html; } })
          .catch(function () { target.textContent = document.documentElement.lang === 'en' ? 'The charts cannot be loaded now.' : 'Chưa tải được biểu đồ.'; });
      });
    });
  });
})();
