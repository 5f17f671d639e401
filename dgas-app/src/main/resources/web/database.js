/* The database page (PgHero-style): overview, live queries, health verdicts, heaviest statements, settings, tables and indexes,
   read from /api/v1/database/…; the one write is cancelling a live query (admin token); index builds and maintenance
   stay with dgas db-optimizer --apply. */
(function () {
  'use strict';
  var status = document.getElementById('status');

  /** Bytes for people: kB, MB, GB in powers of 1024, as the CLI writes them. */
  function size(n) {
    if (n === null || n === undefined) { return ''; }
    if (n < 1024) { return n + ' B'; }
    if (n < 1048576) { return Math.floor(n / 1024) + ' kB'; }
    if (n < 1073741824) { return dgas.num(n / 1048576, 1) + ' MB'; }
    return dgas.num(n / 1073741824, 2) + ' GB';
  }

  function pairs(m) {
    var keys = Object.keys(m || {});
    return keys.length ? keys.map(function (k) { return k.replace(/_/g, ' ') + ' ' + m[k]; }).join(', ') : 'none';
  }

  var CHECKS = [
    { label: 'Check', value: function (f) { return f.name.replace(/_/g, ' '); } },
    // the verdict as a word, never as a colour alone
    { key: 'verdict', label: 'Verdict' },
    { key: 'summary', label: 'Summary' }
  ];

  // the state as a word (admitted, lagging, down, not-standby), never as a colour alone
  var REPLICAS = [
    { key: 'name', label: 'Replica' }, { key: 'state', label: 'State' },
    { label: 'Lag s', value: function (r) { return typeof r.lag_seconds === 'number' ? dgas.num(r.lag_seconds, 1) : '-'; } },
    { key: 'reads', label: 'Reads served', grouped: true },
    { key: 'fallbacks', label: 'Run again on the primary', grouped: true },
    { key: 'reason', label: 'Why not serving' }
  ];

  var STATEMENTS = [
    { label: 'Statement', value: function (s) { return s.name || '-'; } },
    { key: 'calls', label: 'Calls', grouped: true },
    { label: 'Total ms', value: function (s) { return dgas.num(s.total_ms, 0); }, grouped: true },
    { label: 'Mean ms', value: function (s) { return dgas.num(s.calls ? s.total_ms / s.calls : 0, 2); }, grouped: true },
    { key: 'rows', label: 'Rows', grouped: true },
    { label: 'Hit %', value: function (s) { return dgas.num(100 * s.hit_ratio, 1); } },
    { label: 'Query', value: function (s) { var q = s.query.replace(/\s+/g, ' '); return q.length > 90 ? q.slice(0, 90) + '…' : q; } },
    { label: 'Plan', csv: false, value: function () { return ''; }, render: function (s, td) {
      // a plan for what the planner plans: not for COPY, SET, BEGIN and the like
      if (!/^\s*(\/\*[\s\S]*?\*\/\s*)*(select|with|insert|update|delete|values|table)\b/i.test(s.query)) { return; }
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = 'Plan';
      b.setAttribute('aria-label', 'Plan of statement ' + (s.name || s.queryid));
      b.addEventListener('click', function () { plan(s); });
      td.appendChild(b);
    } }
  ];

  /** The statement's plan (EXPLAIN, its generic plan: never run) under the table, focused for the keyboard. */
  function plan(s) {
    var box = document.getElementById('plan'), say = document.getElementById('plan-status'), text = document.getElementById('plan-text');
    box.hidden = false;
    text.textContent = '';
    document.getElementById('plan-title').textContent = 'Plan of ' + (s.name || 'statement ' + s.queryid);
    dgas.say(say, 'Planning…');
    dgas.getJson('/api/v1/database/statements/' + encodeURIComponent(s.queryid) + '/plan').then(function (p) {
      dgas.say(say, p.generic ? 'The generic plan (its constants are parameters); nothing was run.' : 'Nothing was run.');
      text.textContent = p.lines.join('\n');
      box.focus();
      document.body.dataset.plan = String(s.queryid);
    }).catch(function (e) { dgas.say(say, e.message, true); });
  }

  var TABLES = [
    { key: 'table', label: 'Table' }, { key: 'kind', label: 'Kind' },
    { label: 'Total', value: function (t) { return size(t.total_bytes); } },
    { label: 'Data', value: function (t) { return size(t.table_bytes); } },
    { label: 'Indexes', value: function (t) { return size(t.index_bytes); } },
    { label: 'TOAST', value: function (t) { return size(t.toast_bytes); } },
    { key: 'row_estimate', label: 'Rows', grouped: true },
    { label: 'Growth since the last daily snapshot', value: function (t) {
      return t.growth_bytes === null ? 'no snapshot yet' : size(t.growth_bytes) + ', ' + t.growth_rows + ' rows'; } }
  ];

  var INDEXES = [
    { key: 'table', label: 'Table' }, { key: 'name', label: 'Index' },
    { label: 'Columns', value: function (i) { return i.columns.join(', '); } },
    { key: 'scans', label: 'Scans', grouped: true },
    { label: 'Size', value: function (i) { return size(i.bytes); } },
    { label: 'Kind', value: function (i) { return i.primary ? 'primary key' : i.unique ? 'unique' : ''; } },
    { label: 'Valid', value: function (i) { return i.valid ? 'yes' : 'no (rebuild)'; } }
  ];

  var liveStatus = document.getElementById('live-status');

  /** Cancels {@code q}'s statement, then lists the clients again and says what happened (after the list's line). */
  function cancel(q) {
    dgas.write('POST', '/api/v1/database/queries/' + q.pid + '/cancel').then(function (r) {
      return loadLive().then(function () {
        dgas.say(liveStatus, r.signalled ? 'Cancel sent to ' + q.pid + '.' : 'The server did not cancel ' + q.pid + '.', !r.signalled);
      });
    }).catch(function (e) { dgas.say(liveStatus, e.message, true); });
  }

  var LIVE = [
    { key: 'pid', label: 'PID' },
    { label: 'Seconds', value: function (q) { return dgas.num(q.seconds, 1); } },
    { key: 'state', label: 'State' },
    { label: 'Waiting for', value: function (q) { return q.wait_event || '-'; } },
    { key: 'user', label: 'User' },
    { label: 'Application', value: function (q) { return q.application || '-'; } },
    { label: 'Query', value: function (q) { var t = (q.query || '').replace(/\s+/g, ' '); return t.length > 120 ? t.slice(0, 120) + '…' : t; } },
    { label: 'Action', csv: false, value: function () { return ''; }, render: function (q, td) {
      td.appendChild(dgas.twoStep('Cancel', 'Cancel the statement of ' + q.pid, function () { cancel(q); }));
    } }
  ];

  function showLive(items) {
    dgas.table(document.getElementById('live-table'), 'Clients at work, longest-running first', LIVE, items, 'database-live-queries');
    dgas.say(liveStatus, items.length
      ? dgas.count(items.length, 'client', 'clients') + ' at work (a cancel needs the admin token and a second press;'
        + ' dgas db-optimizer cancel PID --terminate closes a connection)'
      : 'No other client at work.');
    document.body.dataset.live = String(items.length);
  }

  function loadLive() {
    return dgas.getJson('/api/v1/database/queries').then(function (r) { showLive(r.items); });
  }

  var CONNECTIONS = [
    { key: 'count', label: 'Connections', grouped: true }, { key: 'state', label: 'State' },
    { key: 'database', label: 'Database' }, { key: 'user', label: 'User' },
    { label: 'Application', value: function (g) { return g.application || '-'; } },
    { label: 'Client', value: function (g) { return g.client || 'local socket'; } }
  ];

  function showConnections(c) {
    dgas.table(document.getElementById('connections-table'), 'Connections by who holds them, most first', CONNECTIONS,
      c.groups, 'database-connections');
    dgas.say(document.getElementById('connections-status'), c.total + ' client connections of max_connections ' + c.max
      + ' (' + dgas.num(c.max ? 100 * c.total / c.max : 0, 0) + ' %), every database of the server');
  }

  var SUGGESTIONS = [
    { key: 'ddl', label: 'Index' },
    { label: 'Saves', value: function (x) { return dgas.num(x.before_cost > 0 ? 100 * (x.before_cost - x.after_cost) / x.before_cost : 0, 0) + ' %'; } },
    { label: 'Time saved ms', value: function (x) { return dgas.num(x.time_saved_ms, 1); }, grouped: true },
    { label: 'Size', value: function (x) { return size(x.estimated_bytes); } },
    { label: 'Statements helped', value: function (x) { return x.queries.map(function (q) { return q.name || q.queryid; }).join(', '); } }
  ];

  /** The advisor on demand (it plans the heaviest statements with and without each candidate: seconds, not a read). */
  function suggest() {
    var say = document.getElementById('suggestions-status'), button = document.getElementById('suggest');
    button.disabled = true;
    dgas.say(say, 'Planning the heaviest statements…');
    dgas.getJson('/api/v1/database/index-suggestions?lookback_hours=' + document.getElementById('lookback').value)
      .then(function (a) {
        dgas.table(document.getElementById('suggestions-table'), 'Suggested indexes, most time saved first', SUGGESTIONS,
          a.suggestions, 'database-index-suggestions');
        dgas.say(say, 'Method: ' + a.method + ' (' + a.planning + '). ' + (a.suggestions.length
          ? dgas.count(a.suggestions.length, 'index', 'indexes') + ' suggested.'
          : 'No index would cut a heavy statement\'s cost by half or more.') + (a.notes.length ? ' ' + a.notes.join(' ') : ''));
        document.body.dataset.suggested = String(a.suggestions.length);
      }).catch(function (e) { dgas.say(say, e.message, true); })
      .then(function () { button.disabled = false; });
  }

  var SETTINGS = [
    { key: 'name', label: 'Setting' }, { key: 'current', label: 'Current' },
    { label: 'Suggested', value: function (a) { return a.suggested === null ? 'fine' : a.suggested + (a.restart ? ' (restart)' : ''); } },
    { key: 'why', label: 'Why' },
    { label: 'Statement', value: function (a) { return a.statement || ''; } }
  ];

  function showSettings(s) {
    var todo = s.advice.filter(function (a) { return a.suggested !== null; }).length;
    dgas.table(document.getElementById('settings-table'), 'Server settings', SETTINGS, s.advice, 'database-settings');
    dgas.say(document.getElementById('settings-status'), (s.server_memory_bytes > 0
      ? 'Sized to the server\'s ' + size(s.server_memory_bytes) + ' of memory (this machine). '
      : 'The server\'s memory is not known from here: memory settings not judged. ')
      + (todo ? todo + ' to change (as a superuser: the statements, then SELECT pg_reload_conf(), or a restart where marked).'
        : 'Nothing to change.'));
  }

  /** The later of two times (either may be null), as the page writes a time; "never" when neither. */
  function latest(a, b) {
    var t = !a ? b : !b ? a : (a > b ? a : b);
    return t ? dgas.time(t) : 'never';
  }

  var MAINTENANCE = [
    { key: 'table', label: 'Table' },
    { key: 'live_tuples', label: 'Live rows', grouped: true },
    { label: 'Dead %', value: function (m) {
      var all = m.live_tuples + m.dead_tuples;
      return dgas.num(all ? 100 * m.dead_tuples / all : 0, 1);
    } },
    { key: 'modified_since_analyze', label: 'Changed since analyze', grouped: true },
    { label: 'Last vacuum (UTC)', value: function (m) { return latest(m.last_vacuum, m.last_autovacuum); }, nowrap: true },
    { label: 'Last analyze (UTC)', value: function (m) { return latest(m.last_analyze, m.last_autoanalyze); }, nowrap: true },
    { label: 'Needs', value: function (m) {
      return [m.needs_vacuum ? 'vacuum' : '', m.needs_analyze ? 'analyze' : ''].filter(Boolean).join(', ') || 'nothing';
    } }
  ];

  var DUPLICATES = [
    { label: 'Index', value: function (d) { return d.index.name; } },
    { label: 'Table', value: function (d) { return d.index.table; } },
    { label: 'Covered by', value: function (d) { return d.covered_by.name + ' (' + d.covered_by.columns.join(', ') + ')'; } },
    { label: 'Size', value: function (d) { return size(d.index.bytes); } }
  ];

  function load() {
    var hours = document.getElementById('lookback').value;
    document.body.dataset.loaded = '';
    dgas.say(status, 'Loading…');
    Promise.all([dgas.getJson('/api/v1/database/overview'), dgas.getJson('/api/v1/database/checks?lookback_hours=' + hours),
      dgas.getJson('/api/v1/database/statements?lookback_hours=' + hours), dgas.getJson('/api/v1/database/tables?limit=1000'),
      dgas.getJson('/api/v1/database/indexes'), dgas.getJson('/api/v1/database/queries'),
      dgas.getJson('/api/v1/database/settings'), dgas.getJson('/api/v1/database/maintenance?limit=1000'),
      dgas.getJson('/api/v1/database/connections')])
      .then(function (r) {
        var o = r[0], checks = r[1], statements = r[2], tables = r[3], idx = r[4];
        showLive(r[5].items);
        showSettings(r[6]);
        showConnections(r[8]);
        var needing = r[7].items.filter(function (m) { return m.needs_vacuum || m.needs_analyze; }).length;
        dgas.table(document.getElementById('maintenance-table'), 'Tables, those needing work first', MAINTENANCE,
          r[7].items, 'database-maintenance');
        dgas.say(document.getElementById('maintenance-status'), needing
          ? needing + ' of ' + r[7].total + ' tables need a vacuum or an analyze (dgas db-optimizer vacuum|analyze --table T --apply)'
          : 'No table needs a vacuum or an analyze (' + r[7].total + ' tables).');
        var dl = document.getElementById('overview');
        dl.innerHTML = '';
        [['Health', checks.overall], ['Size', size(o.size_bytes)], ['Connections', pairs(o.connections)],
          ['Cache hit ratio', dgas.num(100 * o.cache_hit_ratio, 1) + ' %'],
          ['Transactions left before wraparound', dgas.grouped(String(o.wraparound_margin))],
          ['Pool (this server)', 'total ' + o.pool.total + ', active ' + o.pool.active + ', idle ' + o.pool.idle
            + ', waiting ' + o.pool.waiting + ', max ' + o.pool.max],
          ['Queries running 60 s or more', String(o.long_running.length)]].forEach(function (kv) {
          var dt = document.createElement('dt'); dt.textContent = kv[0];
          var dd = document.createElement('dd'); dd.textContent = kv[1];
          dl.appendChild(dt); dl.appendChild(dd);
        });
        var replicas = o.replicas || [];
        var serving = replicas.filter(function (r) { return r.state === 'admitted'; }).length;
        dgas.say(document.getElementById('replicas-status'), replicas.length
          ? serving + ' of ' + replicas.length + ' serving reads (the cached reads, backtests, signal evaluations and exports);'
            + ' a replica that is out has its reads go to the primary'
          : 'No read replicas (database.replicas): every read goes to the primary.');
        if (replicas.length) {
          dgas.table(document.getElementById('replicas-table'), 'Read replicas', REPLICAS, replicas, 'database-replicas');
        } else {
          document.getElementById('replicas-table').innerHTML = '';
        }
        dgas.table(document.getElementById('checks-table'), 'Health verdicts, worst first', CHECKS,
          checks.findings.slice().sort(function (a, b) { return rank(b.verdict) - rank(a.verdict); }), 'database-checks');
        dgas.say(document.getElementById('statements-status'), statements.available ? ''
          : 'pg_stat_statements is not available on this server: no statement figures.');
        dgas.table(document.getElementById('statements-table'), 'Statements by total time', STATEMENTS,
          statements.statements.slice(0, 25), 'database-statements');
        dgas.table(document.getElementById('tables-table'), 'Tables by total size', TABLES, tables.items, 'database-tables');
        dgas.table(document.getElementById('indexes-table'), 'Indexes', INDEXES, idx.indexes, 'database-indexes');
        dgas.table(document.getElementById('duplicates-table'), 'Duplicate indexes (a leading prefix of another)',
          DUPLICATES, idx.duplicates, 'database-duplicate-indexes');
        dgas.say(document.getElementById('indexes-status'), dgas.count(idx.indexes.length, 'index', 'indexes') + ', '
          + idx.duplicates.length + ' duplicate, ' + idx.invalid.length + ' invalid');
        dgas.say(status, 'Health ' + checks.overall + ' (' + dgas.count(checks.findings.length, 'check', 'checks') + ')');
        document.body.dataset.loaded = 'database';
      }).catch(function (e) { dgas.say(status, e.message, true); });
  }

  function rank(v) { return v === 'critical' ? 2 : v === 'warning' ? 1 : 0; }

  document.getElementById('refresh').addEventListener('click', load);
  document.getElementById('suggest').addEventListener('click', suggest);
  document.getElementById('lookback').addEventListener('change', load);
  load();
})();
