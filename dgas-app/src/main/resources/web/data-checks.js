/*
 * The data page's bar checks: every series at the page's timeframe checked (GET /api/v1/bar-checks, the service of dgas
 * data check), the most findings first, each symbol linked to its market page, where "Check the bars" lists them.
 * Read only when asked: the check reads every bar of the timeframe.
 */
(function () {
  'use strict';
  var LIMIT = 25;
  var status = document.getElementById('check-status');
  var select = document.getElementById('interval');
  var button = document.getElementById('check-all');
  var prev = document.getElementById('check-prev');
  var next = document.getElementById('check-next');
  var pager = document.getElementById('check-pager');
  var offset = 0, nextOffset = null, checked = null;

  var NO_CALENDAR = 'no calendar';
  var COLUMNS = [
    { key: 'symbol', label: 'Symbol', render: function (r, td) {
      td.textContent = '';
      var a = document.createElement('a');
      a.href = 'index.html' + dgas.query({ symbol: r.symbol, interval: checked });
      a.textContent = r.symbol;
      a.setAttribute('aria-label', 'Market page of ' + r.symbol + ' ' + checked + ', where Check the bars lists them');
      td.appendChild(a);
    } },
    { key: 'market', label: 'Market' },
    { key: 'bars', label: 'Bars', grouped: true },
    { label: 'Outside hours', value: function (r) {
      if (r.outside_hours === null || r.outside_hours === undefined) { return NO_CALENDAR; }
      return r.outside_hours + (r.shift_hours === null || r.shift_hours === undefined ? ''
        : ' (wrong zone? ' + (r.shift_hours > 0 ? '+' : '') + r.shift_hours + ' h)');
    } },
    { key: 'spikes', label: 'Spikes', grouped: true },
    { key: 'flat_runs', label: 'Flat runs', grouped: true },
    { label: 'First (UTC)', value: function (r) { return dgas.time(r.first); }, nowrap: true },
    { label: 'Last (UTC)', value: function (r) { return dgas.time(r.last); }, nowrap: true }
  ];

  function load() {
    var tf = select.value;
    button.disabled = true;
    document.body.dataset.checked = '';
    dgas.say(status, 'Checking every ' + tf + ' series…');
    dgas.getJson('/api/v1/bar-checks' + dgas.query({ interval: tf, limit: LIMIT, offset: offset })).then(function (page) {
      checked = tf;
      dgas.table(document.getElementById('checks-table'), tf + ' series, the most findings first', COLUMNS, page.items,
        'bar-checks-' + tf);
      nextOffset = page.next_offset;
      pager.hidden = false;
      prev.disabled = offset === 0;
      next.disabled = nextOffset === null || nextOffset === undefined;
      document.getElementById('check-page-label').textContent = page.items.length
        ? 'series ' + (offset + 1) + '–' + (offset + page.items.length) + ' of ' + page.total : '';
      var flagged = page.items.filter(function (r) { return r.findings > 0; }).length;
      dgas.say(status, page.total
        ? dgas.count(page.total, 'series', 'series') + ' at ' + tf + ' checked; '
          + (flagged ? dgas.count(flagged, 'series', 'series') + ' of those shown with findings'
            : 'none of those shown with findings')
        : 'No series at ' + tf + ' to check.');
      button.disabled = false;
      document.body.dataset.checked = tf + ':' + offset;
    }).catch(function (e) {
      dgas.say(status, e.message, true);
      button.disabled = false;
      document.body.dataset.checked = tf + ':error';
    });
  }

  button.addEventListener('click', function () { offset = 0; load(); });
  // another timeframe: the checks shown were of the last one, so they and their pager go until asked for again
  select.addEventListener('change', function () {
    document.getElementById('checks-table').textContent = '';
    pager.hidden = true;
    dgas.say(status, '');
  });
  prev.addEventListener('click', function () { offset = Math.max(0, offset - LIMIT); load(); });
  next.addEventListener('click', function () { if (nextOffset !== null) { offset = nextOffset; load(); } });
})();
