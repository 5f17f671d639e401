/* The signals page: filtered, paged stored signals and the calibration of entry signals by confidence bucket. */
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var status = document.getElementById('status');
  var offset = 0, nextOffset = null;
  var OUTCOMES = ['win', 'loss', 'neutral', 'pending', 'not_filled'];

  var COLUMNS = [
    { key: 'ts', label: 'Bar (UTC)', value: function (s) { return dgas.time(s.ts); }, nowrap: true },
    { key: 'symbol', label: 'Symbol' },
    { key: 'timeframe', label: 'Timeframe' },
    { key: 'type', label: 'Type', render: function (s, td) { td.className = s.type.indexOf('short') >= 0 ? 'short' : 'long'; } },
    { label: 'Entry', value: function (s) { return dgas.num(s.entry); } },
    { label: 'Stop', value: function (s) { return dgas.num(s.stop); } },
    { label: 'Target', value: function (s) { return dgas.num(s.target); } },
    { label: 'Confidence', value: function (s) { return dgas.num(s.confidence); } },
    { key: 'tier', label: 'Tier' },
    { label: 'Win probability', value: function (s) {
      return s.type === 'long' || s.type === 'short'
        ? dgas.probability(s.win_probability, s.win_probability_lower, s.calibration_decided, s.calibration_scope) : '';
    } },
    { label: 'Expires', value: function (s) { return dgas.expiry(s.expiry_bars, s.expires_at); } },
    { key: 'outcome', label: 'Outcome', value: function (s) { return s.outcome ? s.outcome.replace('_', ' ') : ''; } },
    { label: 'Reasons', value: function (s) { return s.reasons && s.reasons.text ? s.reasons.text : ''; }, render: why },
    { key: 'run_id', label: 'Run' }
  ];

  /** The reason line as a disclosure: opened (keyboard or mouse), it shows the breakdown of the structure. */
  function why(s, td) {
    td.className = 'why';
    var list = dgas.reasons(s.reasons);
    if (!list) { return; }
    td.textContent = '';
    var details = document.createElement('details');
    var summary = document.createElement('summary');
    summary.textContent = s.reasons.text;
    details.appendChild(summary);
    details.appendChild(list);
    td.appendChild(details);
  }

  function filters() {
    var f = new FormData(form), p = {};
    f.forEach(function (v, k) { p[k] = v; });
    if (p.symbol) { p.symbol = p.symbol.trim().toUpperCase(); }
    p.offset = offset;
    return p;
  }

  function load() {
    var p = filters();
    document.body.dataset.loaded = '';
    dgas.say(status, 'Loading…');
    dgas.getJson('/api/v1/signals' + dgas.query(p)).then(function (page) {
      dgas.table(document.getElementById('signals-table'), 'Signals', COLUMNS, page.items, 'signals');
      nextOffset = page.next_offset;
      document.getElementById('prev').disabled = offset === 0;
      document.getElementById('next').disabled = nextOffset === null || nextOffset === undefined;
      document.getElementById('page-label').textContent =
        page.items.length ? 'rows ' + (offset + 1) + '–' + (offset + page.items.length) : 'no rows';
      dgas.say(status, dgas.count(page.items.length, 'signal', 'signals'));
      document.body.dataset.loaded = 'signals:' + offset;
    }).catch(function (e) {
      dgas.say(status, e.message, true);
      document.body.dataset.loaded = 'signals:error';
    });
  }

  function calibration() {
    var days = document.getElementById('c-days').value;
    var box = document.getElementById('calibration-table');
    var say = document.getElementById('calibration-status');
    dgas.getJson('/api/v1/signals/calibration?days=' + days).then(function (c) {
      var columns = [{ label: 'Confidence', value: function (b) { return dgas.num(b.from, 1) + '–' + dgas.num(b.to, 1); } },
        { key: 'signals', label: 'Signals' }];
      OUTCOMES.forEach(function (o) {
        columns.push({ label: o.replace('_', ' '), value: function (b) { return b.outcomes[o] || 0; } });
      });
      columns.push({ label: 'Win rate', value: function (b) { return b.win_rate === null ? '' : dgas.num(100 * b.win_rate, 0) + ' %'; } });
      dgas.table(box, 'Entry signals by confidence, last ' + c.days + ' days', columns, c.buckets, 'calibration');
      // the same outcomes by the parameters the signals' runs analysed with: settings compared side by side
      var bySettings = [{ key: 'settings', label: 'Settings (vs defaults)' }].concat(columns.slice(1));
      dgas.table(document.getElementById('calibration-settings-table'), 'Entry signals by settings, last ' + c.days + ' days',
        bySettings, c.by_settings, 'calibration-settings');
      dgas.say(say, c.signals + ' entry signals; win rate of decided ones: '
        + (c.win_rate === null ? 'none decided' : dgas.num(100 * c.win_rate, 1) + ' %'));
      document.body.dataset.calibration = c.days;
    }).catch(function (e) { dgas.say(say, e.message, true); });
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); offset = 0; load(); });
  document.getElementById('prev').addEventListener('click', function () {
    offset = Math.max(0, offset - Number(document.getElementById('f-limit').value));
    load();
  });
  document.getElementById('next').addEventListener('click', function () {
    if (nextOffset !== null) { offset = nextOffset; load(); }
  });
  document.getElementById('c-days').addEventListener('change', calibration);

  dgas.allItems('/api/v1/symbols').then(function (symbols) {
    var list = document.getElementById('symbols');
    symbols.forEach(function (s) {
      var o = document.createElement('option');
      o.value = s.ticker;
      list.appendChild(o);
    });
  }).catch(function () { /* the symbol box still takes a typed ticker */ });
  var refresh = function () { load(); calibration(); };
  dgas.events({ run: refresh, signals: refresh }, refresh);
  // a link may name a run (the runs page's "show them") or a symbol to filter by
  var asked = new URLSearchParams(location.search);
  ['run', 'symbol'].forEach(function (k) { if (asked.get(k)) { form.elements[k].value = asked.get(k); } });
  load();
  calibration();
})();
