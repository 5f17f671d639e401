/* The backtests page: run one (POST /api/v1/backtests), stored backtests, one's metrics, equity and drawdown charts
   (window.dgasBacktestCharts) and its trade list. Reads /api/v1/backtests…. */
(function () {
  'use strict';
  var equity = echarts.init(document.getElementById('bt-equity'));
  var drawdown = echarts.init(document.getElementById('bt-drawdown'));
  window.dgasBacktestCharts = [equity, drawdown];
  var status = document.getElementById('status');

  function metrics(b) { return b.metrics || {}; }

  var COLUMNS = [
    { key: 'id', label: 'Backtest', render: function (b, td) {
      td.textContent = '';
      var btn = document.createElement('button');
      btn.type = 'button';
      btn.className = 'link';
      btn.textContent = '#' + b.id;
      btn.setAttribute('aria-label', 'Show backtest ' + b.id);
      btn.addEventListener('click', function () { detail(b.id); });
      td.appendChild(btn);
    } },
    { label: 'Symbols', value: function (b) { return b.symbols.join(' '); } },
    { label: 'From', value: function (b) { return dgas.time(b.from); }, nowrap: true },
    { label: 'To', value: function (b) { return dgas.time(b.to); }, nowrap: true },
    { label: 'HTF/trading', value: function (b) { return b.htf + '/' + b.trading; } },
    { label: 'Settings', key: 'settings_line' },
    { label: 'Bar steps', key: 'bar_steps' },
    { label: 'Created (UTC)', value: function (b) { return dgas.time(b.created_at); }, nowrap: true },
    { label: 'Compare', value: function () { return ''; }, render: function (b, td) {
      var box = document.createElement('input');
      box.type = 'checkbox';
      box.className = 'compare';
      box.value = String(b.id);
      box.setAttribute('aria-label', 'Compare backtest ' + b.id);
      td.appendChild(box);
    } }
  ];

  var TRADES = [
    { label: 'Order', value: function (t) { return '#' + t.order.id; } },
    { label: 'Time (UTC)', value: function (t) { return dgas.time(t.order.fill_after || t.order.created_at); }, nowrap: true },
    { label: 'Symbol', value: function (t) { return t.order.symbol; } },
    { label: 'Side', value: function (t) { return t.order.side; } },
    { label: 'Quantity', value: function (t) { return dgas.num(t.order.quantity, 4); } },
    { label: 'Status', value: function (t) { return t.order.status; } },
    { label: 'Fills', value: function (t) {
      return t.executions.map(function (x) { return dgas.num(x.execution.quantity, 4) + ' @ ' + dgas.num(x.execution.price, 2); }).join('; '); } }
  ];

  /** A line chart of one series, and of a benchmark drawn dashed (told apart by the dash, not the colour alone). */
  function line(chart, name, color, data, yName, benchmark) {
    var series = [{ name: name, type: 'line', showSymbol: false, itemStyle: { color: color }, areaStyle: name === 'drawdown' ? {} : undefined, data: data }];
    if (benchmark && benchmark.data.length) {
      series.push({ name: benchmark.name, type: 'line', showSymbol: false, itemStyle: { color: '#E69F00' },
        lineStyle: { type: 'dashed', width: 2 }, data: benchmark.data });
    }
    chart.setOption({
      animation: false, aria: { enabled: true }, tooltip: { trigger: 'axis' },
      legend: series.length > 1 ? { top: 0, right: 20 } : undefined,
      grid: { left: 70, right: 20, top: 44, bottom: 30 }, // room above the plot for the y axis name
      xAxis: { type: 'time' }, yAxis: { type: 'value', name: yName, nameGap: 16, scale: true },
      series: series
    }, true);
  }

  function detail(id) {
    var say = document.getElementById('detail-status');
    document.body.dataset.detail = '';
    dgas.getJson('/api/v1/backtests/' + id).then(function (d) {
      var m = metrics(d.backtest), dl = document.getElementById('metrics');
      dl.innerHTML = '';
      var bm = window.dgasBacktestMetrics;
      bm.ordered(m).forEach(function (k) {
        var dt = document.createElement('dt'); dt.textContent = bm.label(k);
        var dd = document.createElement('dd'); dd.textContent = bm.shown(k, m[k]);
        dl.appendChild(dt); dl.appendChild(dd);
      });
      // how it was run, after what it gave: sizing, slippage, commission, the parameters changed from the defaults
      var st = document.createElement('dt'); st.textContent = 'settings';
      var sd = document.createElement('dd'); sd.textContent = d.settings_line;
      dl.appendChild(st); dl.appendChild(sd);
      line(equity, 'equity', '#0072B2', d.curve.map(function (p) { return [p.ts, Number(p.equity)]; }), 'equity',
        { name: 'buy and hold', data: (d.buy_and_hold || []).map(function (p) { return [p.ts, p.value]; }) });
      line(drawdown, 'drawdown', '#D55E00', d.curve.map(function (p) { return [p.ts, p.drawdown * 100]; }), '%');
      dgas.table(document.getElementById('trades-table'), 'Trades of backtest #' + id + ', newest first', TRADES, d.trades, 'backtest-' + id + '-trades');
      dgas.say(say, 'Backtest #' + id + ': ' + d.curve.length + ' equity points, ' + d.trades.length + ' orders');
      document.body.dataset.detail = String(id);
      document.getElementById('detail').focus();
    }).catch(function (e) { dgas.say(say, e.message, true); });
  }

  function load(then) {
    document.body.dataset.loaded = '';
    dgas.getJson('/api/v1/backtests?limit=100').then(function (page) {
      dgas.table(document.getElementById('backtests-table'), 'Backtests, newest first', COLUMNS, page.items, 'backtests');
      dgas.say(status, page.items.length ? dgas.count(page.items.length, 'backtest', 'backtests') : 'No backtests yet: run one above or with dgas backtest.');
      document.body.dataset.loaded = 'backtests';
      then();
    }).catch(function (e) { dgas.say(status, e.message, true); document.body.dataset.loaded = 'backtests:error'; });
  }

  /**
   * "Run backtest": a backtest job (POST /api/v1/backtests with async, the admin token asked once per tab), as dgas
   * backtest with these options; its phase and progress are said while it runs (a whole universe takes a while) and
   * "Cancel" stops it, storing nothing; once stored its summary is said, the list reloads and its detail opens. A
   * refused option is said with the parameter the server names. A backtest job still open when the page is opened
   * (started from another tab, or before a reload) is followed the same way.
   */
  var form = document.getElementById('run-form');
  var runStatus = document.getElementById('run-status');
  var cancelRun = document.getElementById('cancel-run');
  function fields() {
    var f = form.elements, body = { from: f.from.value, to: f.to.value, trading: f.trading.value, sizing: f.sizing.value, async: true };
    var symbols = f.symbols.value.split(/[\s,]+/).filter(Boolean).map(function (x) { return x.toUpperCase(); });
    if (f.all.checked) { body.all = true; } else if (symbols.length) { body.symbols = symbols.join(','); }
    ['capital', 'sizing_value', 'slippage_bps', 'min_reward_risk'].forEach(function (k) {
      if (f[k].value !== '') { body[k] = Number(f[k].value); }
    });
    return body;
  }
  /** Says {@code job}'s progress while it runs, offers Cancel, and once it ends says what it made or why not. */
  function followRun(job) {
    var button = document.getElementById('run');
    button.disabled = true;
    cancelRun.onclick = function () {
      cancelRun.disabled = true;
      job.cancel().catch(function (err) { dgas.say(runStatus, err.message, true); });
    };
    job.done.then(function (r) {
      var m = r.metrics || {};
      dgas.say(runStatus, 'Backtest #' + r.backtest + ': ' + r.bar_steps + ' bar-steps, total return '
        + dgas.num(100 * m.total_return, 2) + ' %, ' + m.trades + ' trades'
        + (r.without_bars.length ? '; not replayed (no bars): ' + r.without_bars.join(', ') : '') + '.');
      document.body.dataset.ran = String(r.backtest);
      load(function () { detail(r.backtest); });
    }).catch(function (err) {
      dgas.say(runStatus, err.message, true);
      document.body.dataset.ran = err.job && err.job.state === 'cancelled' ? 'cancelled' : 'error';
    }).then(function () {
      button.disabled = false;
      cancelRun.hidden = true;
      cancelRun.disabled = false;
    });
  }
  function progress(j) {
    cancelRun.hidden = false;
    document.body.dataset.job = String(j.id);
    dgas.say(runStatus, 'Backtest job #' + j.id + ': ' + dgas.jobs.progressText(j) + '…');
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    document.body.dataset.ran = '';
    dgas.say(runStatus, 'Starting the backtest…');
    followRun(dgas.jobs.start('/api/v1/backtests', fields(), progress));
  });
  // a backtest still running (started before this page was opened) is followed as if started here
  dgas.jobs.resume('backtest', progress).then(function (job) {
    if (job) { followRun(job); }
  }).catch(function () { /* the list is said by load; a page without jobs has nothing to resume */ });

  load(function () {
    var wanted = new URLSearchParams(location.search).get('id');
    if (wanted) { detail(wanted); }
  });
  window.addEventListener('resize', function () { equity.resize(); drawdown.resize(); });
})();
