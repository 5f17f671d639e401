/*
 * The data page: every series' missing bars at a timeframe (GET /api/v1/gaps, the service of dgas data gaps), each
 * symbol linked to its market page, and a fill per series or of every series shown (POST /api/v1/ingest/fill-gaps with
 * the admin token).
 */
(function () {
  'use strict';
  var LIMIT = 25;
  var status = document.getElementById('status');
  var fillStatus = document.getElementById('fill-status');
  var select = document.getElementById('interval');
  var fillAll = document.getElementById('fill-all');
  var offset = 0, nextOffset = null, shown = [];

  function interval() { return select.value; }

  /** A series of an exchange without a calendar here has no missing bars the server could judge (null). */
  var NO_CALENDAR = 'no calendar';
  function judged(r) { return r.missing !== null && r.missing !== undefined; }

  var COLUMNS = [
    { key: 'symbol', label: 'Symbol', render: function (r, td) {
      td.textContent = '';
      var a = document.createElement('a');
      a.href = 'index.html' + dgas.query({ symbol: r.symbol, interval: interval() });
      a.textContent = r.symbol;
      a.setAttribute('aria-label', 'Market page of ' + r.symbol + ' ' + interval());
      td.appendChild(a);
    } },
    { key: 'market', label: 'Market' },
    { key: 'bars', label: 'Bars', grouped: true },
    { label: 'First (UTC)', value: function (r) { return dgas.time(r.first); }, nowrap: true },
    { label: 'Last (UTC)', value: function (r) { return dgas.time(r.last); }, nowrap: true },
    { label: 'Missing', grouped: true, value: function (r) { return judged(r) ? r.missing : NO_CALENDAR; } },
    { label: 'Gaps', grouped: true, value: function (r) { return judged(r) ? r.gaps : NO_CALENDAR; } },
    { label: 'Coverage %', value: function (r) { return judged(r) ? dgas.num(100 * r.coverage, 2) : NO_CALENDAR; } },
    { label: 'Fill', csv: false, render: function (r, td) {
      td.textContent = '';
      if (!judged(r) || r.missing === 0) { return; }
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'link';
      b.textContent = 'Fill';
      b.setAttribute('aria-label', 'Fill the ' + r.missing + ' missing ' + interval() + ' bars of ' + r.symbol);
      b.addEventListener('click', function () { fill([r.symbol], b); });
      td.appendChild(b);
    } }
  ];

  function load() {
    var tf = interval();
    document.body.dataset.loaded = '';
    dgas.getJson('/api/v1/gaps' + dgas.query({ interval: tf, limit: LIMIT, offset: offset })).then(function (page) {
      dgas.table(document.getElementById('series-table'), tf + ' series, the most missing first', COLUMNS, page.items,
        'missing-bars-' + tf);
      nextOffset = page.next_offset;
      shown = page.items;
      fillAll.disabled = fillable().length === 0;
      document.getElementById('prev').disabled = offset === 0;
      document.getElementById('next').disabled = nextOffset === null || nextOffset === undefined;
      document.getElementById('page-label').textContent = page.items.length
        ? 'series ' + (offset + 1) + '–' + (offset + page.items.length) + ' of ' + page.total : '';
      var missing = page.items.reduce(function (s, r) { return s + (judged(r) ? r.missing : 0); }, 0);
      dgas.say(status, page.total
        ? dgas.count(page.total, 'series', 'series') + ' at ' + tf + '; ' + dgas.grouped(String(missing))
          + ' bars missing in those shown'
        : 'No series at ' + tf + ': ingest bars first (dgas ingest), or choose another timeframe.');
      document.body.dataset.loaded = tf + ':' + offset;
    }).catch(function (e) { dgas.say(status, e.message, true); document.body.dataset.loaded = tf + ':error'; });
  }

  /** The symbols of the page shown with missing bars a fill may fetch. */
  function fillable() {
    return shown.filter(function (r) { return judged(r) && r.missing > 0; }).map(function (r) { return r.symbol; });
  }

  /**
   * Fills the gaps of {@code symbols} from the market-data API in one request to the server (which spends at most its
   * request budget on them, the most missing first as listed), says what it did, and shows the series again.
   */
  function fill(symbols, button) {
    var tf = interval();
    var what = (symbols.length === 1 ? symbols[0] : dgas.count(symbols.length, 'series', 'series')) + ' ' + tf;
    button.disabled = true;
    dgas.say(fillStatus, 'Filling ' + what + '…');
    dgas.write('POST', '/api/v1/ingest/fill-gaps' + dgas.query({ symbols: symbols.join(','), interval: tf }))
      .then(function (r) {
        function sum(key) { return r.fills.reduce(function (s, f) { return s + f[key]; }, 0); }
        var exhausted = r.fills.some(function (f) { return f.requests_exhausted; });
        dgas.say(fillStatus, what + ': ' + dgas.count(sum('requests'), 'request', 'requests') + ', '
          + dgas.count(sum('rows'), 'bar', 'bars') + ' loaded; missing ' + sum('missing_before') + ' → '
          + sum('missing_after') + (exhausted ? ' (request limit reached: fill again for the rest)' : '') + '.');
        load();
      }).catch(function (e) {
        dgas.say(fillStatus, what + ': ' + e.message, true);
        button.disabled = false;
        button.focus();
      });
  }

  fillAll.addEventListener('click', function () { fill(fillable(), fillAll); });
  document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); offset = 0; load(); });
  select.addEventListener('change', function () { offset = 0; load(); });
  document.getElementById('prev').addEventListener('click', function () { offset = Math.max(0, offset - LIMIT); load(); });
  document.getElementById('next').addEventListener('click', function () { if (nextOffset !== null) { offset = nextOffset; load(); } });
  var asked = new URLSearchParams(location.search).get('interval');
  if (asked && Array.prototype.some.call(select.options, function (o) { return o.value === asked; })) { select.value = asked; }
  // no reload on every ingest: the overview reads all of a timeframe's bars, so it is read when asked for
  load();
})();
