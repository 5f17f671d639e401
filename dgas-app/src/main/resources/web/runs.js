/*
 * The runs page: run history with stage-time bars (ECharts, window.dgasRunsChart), the background jobs (jobs-list.js),
 * a run's detail and its errors.
 */
(function () {
  'use strict';
  var LIMIT = 25;
  // load and analyse are summed over the cycle's workers (they run in parallel), so they can exceed the run's wall-clock
  // total: the chart shows each stage beside the total instead of stacking them into it
  var STAGES = [['load', '#0072B2', 'load (Σ workers)'], ['analyse', '#E69F00', 'analyse (Σ workers)'],
    ['persist', '#56B4E9', 'persist'], ['alerts', '#6a3d9a', 'alerts'], ['total', '#555555', 'total (wall clock)']];
  var chart = echarts.init(document.getElementById('stages'));
  window.dgasRunsChart = chart;
  var status = document.getElementById('status');
  var offset = 0, nextOffset = null;

  var COLUMNS = [
    { key: 'id', label: 'Run', render: function (r, td) {
      td.textContent = '';
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'link';
      b.textContent = '#' + r.id;
      b.setAttribute('aria-label', 'Show run ' + r.id);
      b.addEventListener('click', function () { detail(r.id); });
      td.appendChild(b);
    } },
    { label: 'Started (UTC)', value: function (r) { return dgas.time(r.started_at); }, nowrap: true },
    { key: 'status', label: 'Status' },
    { label: 'HTF/trading', value: function (r) { return r.htf + '/' + r.trading; } },
    { key: 'symbols_processed', label: 'Symbols' },
    { key: 'symbols_failed', label: 'Failed' },
    { key: 'signals', label: 'Signals' },
    { label: 'Total ms', value: function (r) { return dgas.num(r.stage_ms.total, 0); } },
    { key: 'instance', label: 'Instance' },
    { key: 'settings_line', label: 'Settings (vs defaults)' }
  ];

  function draw(runs) {
    var ordered = runs.slice().reverse(); // oldest left
    chart.setOption({
      animation: false,
      aria: { enabled: true, decal: { show: true } },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 60, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: ordered.map(function (r) { return '#' + r.id; }) },
      yAxis: { type: 'value', name: 'ms' },
      series: STAGES.map(function (s) {
        return { name: s[2], type: 'bar', itemStyle: { color: s[1] },
          data: ordered.map(function (r) { return r.stage_ms[s[0]]; }) };
      })
    }, true);
  }

  function load() {
    document.body.dataset.loaded = '';
    dgas.getJson('/api/v1/runs' + dgas.query({ limit: LIMIT, offset: offset })).then(function (page) {
      dgas.table(document.getElementById('runs-table'), 'Runs, newest first', COLUMNS, page.items, 'runs');
      draw(page.items);
      nextOffset = page.next_offset;
      document.getElementById('prev').disabled = offset === 0;
      document.getElementById('next').disabled = nextOffset === null || nextOffset === undefined;
      document.getElementById('page-label').textContent = page.items.length ? 'runs ' + (offset + 1) + '–' + (offset + page.items.length) : '';
      dgas.say(status, page.items.length ? dgas.count(page.items.length, 'run', 'runs') : 'No runs yet: run a cycle (dgas cycle).');
      document.body.dataset.loaded = 'runs:' + offset;
    }).catch(function (e) { dgas.say(status, e.message, true); document.body.dataset.loaded = 'runs:error'; });
  }

  /** The scheduler in one line: its schedule, the next cycle and the live instances (GET /api/v1/scheduler). */
  function scheduler() {
    var line = document.getElementById('scheduler');
    dgas.getJson('/api/v1/scheduler').then(function (s) {
      var names = s.instances.map(function (i) { return i.name + ' (last seen ' + dgas.time(i.last_seen) + ')'; });
      line.textContent = 'Scheduler: ' + s.schedule + '; next cycle '
        + (s.next_run ? dgas.time(s.next_run) + ' UTC' : 'none (no scheduler running: dgas serve or dgas scheduler start)')
        + '; ' + (names.length ? dgas.count(names.length, 'instance', 'instances') + ' live: ' + names.join(', ') : 'no instance live') + '.';
      document.body.dataset.scheduler = String(names.length);
    }).catch(function (e) { line.textContent = 'Scheduler: ' + e.message; });
  }

  /** A run's signal count; when it stored some, a link to them on the signals page, filtered by the run. */
  function signalsOf(r) {
    if (!(r.signals > 0)) { return r.signals; }
    var a = document.createElement('a');
    a.href = 'signals.html?run=' + r.id;
    a.id = 'run-signals';
    a.textContent = r.signals + ' (show them)';
    return a;
  }

  function detail(id) {
    var say = document.getElementById('detail-status');
    dgas.getJson('/api/v1/runs/' + id).then(function (r) {
      var dl = document.getElementById('detail-fields');
      dl.innerHTML = '';
      [['Run', '#' + r.id], ['Status', r.status], ['Started', dgas.time(r.started_at)], ['Finished', dgas.time(r.finished_at)],
        ['Symbols', r.symbols_requested + ' requested, ' + r.symbols_processed + ' processed, ' + r.symbols_failed + ' failed'],
        ['Signals', signalsOf(r)], ['Stage ms', STAGES.slice(0, 4).map(function (s) { return s[2] + ' ' + dgas.num(r.stage_ms[s[0]], 0); }).join(' · ')],
        ['Total ms (wall clock)', dgas.num(r.stage_ms.total, 0)], ['Stale symbols', (r.stale_symbols || []).join(', ') || 'none'],
        ['Too short a history', (r.short_history || []).map(function (x) { return x.symbol + ' (' + x.reason + ')'; }).join(', ') || 'none'],
        ['Settings (vs defaults)', r.settings_line]
      ].forEach(function (kv) {
        var dt = document.createElement('dt'); dt.textContent = kv[0];
        var dd = document.createElement('dd');
        if (kv[1] instanceof Node) { dd.appendChild(kv[1]); } else { dd.textContent = kv[1]; }
        dl.appendChild(dt); dl.appendChild(dd);
      });
      dgas.table(document.getElementById('errors-table'), 'Errors of run #' + r.id + ' by symbol',
        [{ key: 'symbol', label: 'Symbol' }, { key: 'error', label: 'Error' }], r.errors, 'run-' + r.id + '-errors');
      dgas.say(say, 'Run #' + r.id);
      document.body.dataset.detail = String(r.id);
      document.getElementById('detail').focus();
    }).catch(function (e) { dgas.say(say, e.message, true); });
  }

  /**
   * "Run cycle now": POST /api/v1/cycle with the admin token (asked once per tab), the configured cycle over the active
   * universe, with the minimum reward:risk and entry reach given beside the button. The new run appears in the table from the event stream, like a run started anywhere else; a cycle
   * already running (here, in another dgas, or a scheduled one) is a 409, said in words.
   */
  var runButton = document.getElementById('run-cycle');
  var cycleStatus = document.getElementById('cycle-status');
  runButton.addEventListener('click', function () {
    runButton.disabled = true;
    dgas.say(cycleStatus, 'Running a prediction cycle…');
    // the signal parameters left empty keep their configured values; those given are recorded with the run
    var reward = document.getElementById('c-reward').value, reach = document.getElementById('c-reach').value;
    dgas.write('POST', '/api/v1/cycle' + dgas.query({ min_reward_risk: reward, entry_reach_atr: reach })).then(function (r) {
      dgas.say(cycleStatus, 'Run #' + r.run.id + ' finished (' + r.run.status + '): ' + r.signals.length + ' signals stored'
        + (r.run.settings_line === 'defaults' ? '.' : '; settings ' + r.run.settings_line + '.'));
    }).catch(function (e) {
      dgas.say(cycleStatus, e.status === 409
        ? 'Not started: a cycle is already running (409). Try again when it has finished.'
        : e.message, true);
    }).then(function () { runButton.disabled = false; runButton.focus(); });
  });

  document.getElementById('prev').addEventListener('click', function () { offset = Math.max(0, offset - LIMIT); load(); });
  document.getElementById('next').addEventListener('click', function () { if (nextOffset !== null) { offset = nextOffset; load(); } });
  window.addEventListener('resize', function () { chart.resize(); });
  var jobs = dgas.jobsList(document.getElementById('jobs-table'), document.getElementById('jobs-status'));
  dgas.events({ run: function () { load(); scheduler(); }, job: jobs.load }, function () { load(); jobs.load(); });
  load();
  scheduler();
  jobs.load();
})();
