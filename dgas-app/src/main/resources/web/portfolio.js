/* The portfolio page: equity curve (window.dgasEquityChart), positions with unrealized P&L, orders with their fills,
   risk figures against the session's limits. Reads /api/v1/portfolios…; no arithmetic beyond what is shown. */
(function () {
  'use strict';
  var chart = echarts.init(document.getElementById('equity'));
  window.dgasEquityChart = chart;
  var status = document.getElementById('status');
  var select = document.getElementById('portfolio');

  function money(v) { return dgas.num(v, 2); }

  function unrealized(p) {
    if (p.mark === null || p.mark === undefined) { return ''; }
    return money(Number(p.position.quantity) * p.mark - Number(p.position.cost_basis));
  }

  var POSITIONS = [
    { label: 'Symbol', value: function (p) { return p.position.symbol; } },
    { label: 'Quantity', value: function (p) { return dgas.num(p.position.quantity, 4); } },
    { label: 'Average cost', grouped: true, value: function (p) {
      var q = Number(p.position.quantity); return q ? money(Number(p.position.cost_basis) / q) : ''; } },
    { label: 'Mark', grouped: true, value: function (p) { return dgas.num(p.mark, 2); } },
    { label: 'Unrealized P&L', grouped: true, value: unrealized },
    { label: 'Realized P&L', grouped: true, value: function (p) { return money(p.position.realized_pnl); } },
    { label: 'Stop', grouped: true, value: function (p) { return dgas.num(p.exit_stop, 2); } },
    { label: 'Target', grouped: true, value: function (p) { return dgas.num(p.exit_target, 2); } }
  ];

  var ORDERS = [
    { label: 'Order', value: function (t) { return '#' + t.order.id; } },
    { label: 'Created (UTC)', value: function (t) { return dgas.time(t.order.created_at); }, nowrap: true },
    { label: 'Symbol', value: function (t) { return t.order.symbol; } },
    { label: 'Side', value: function (t) { return t.order.side; } },
    { label: 'Quantity', value: function (t) { return dgas.num(t.order.quantity, 4); } },
    { label: 'Status', value: function (t) { return t.order.status + (t.order.reject_reason ? ' (' + t.order.reject_reason + ')' : ''); } },
    { label: 'Fills', value: function (t) {
      return t.executions.map(function (x) { return dgas.num(x.execution.quantity, 4) + ' @ ' + dgas.num(x.execution.price, 2); }).join('; '); } }
  ];

  var PERFORMANCE = [
    { key: 'day', label: 'Day' },
    { label: 'Equity', grouped: true, value: function (d) { return money(d.equity); } },
    { label: 'P&L', grouped: true, value: function (d) { return money(d.pnl); } },
    { label: 'Return %', value: function (d) { return dgas.num(d.day_return * 100, 2); } },
    { label: 'Average daily return %', value: function (d) { return dgas.num(d.avg_return * 100, 3); } },
    { key: 'trades', label: 'Trades' }
  ];

  function risk(r) {
    var l = r.limits || {};
    var rows = [
      { figure: 'Equity', value: money(r.equity), limit: '' },
      { figure: 'Gross exposure', value: money(r.exposure.gross), limit: money(l.max_gross_exposure) },
      { figure: 'Net exposure', value: money(r.exposure.net), limit: '' },
      // no position: "none", not a dash before 0.00 that reads as a negative amount
      { figure: 'Largest position', value: r.exposure.largest_symbol
          ? r.exposure.largest_symbol + ' ' + money(r.exposure.largest_value) : 'none',
        limit: money(l.max_position_value) },
      { figure: 'Largest share', value: dgas.num(r.exposure.largest_share * 100, 1) + ' %', limit: '' },
      { figure: 'Concentration (Herfindahl)', value: dgas.num(r.exposure.herfindahl, 3), limit: '' },
      { figure: 'Daily P&L', value: money(r.daily_pnl),
        limit: l.max_loss_per_day ? '−' + money(l.max_loss_per_day) + (r.loss_limit_breached ? ' (breached)' : '') : '' },
      { figure: 'Open orders', value: String(r.open_orders), limit: l.max_orders_per_minute ? l.max_orders_per_minute + '/min' : '' }
    ];
    dgas.table(document.getElementById('risk-table'), 'Risk figures and the active session\'s limits',
      [{ key: 'figure', label: 'Figure' }, { key: 'value', label: 'Value', grouped: true },
        { key: 'limit', label: 'Limit', grouped: true }], rows, 'risk');
  }

  /** The equity curve's points as the CSV download has them: stored snapshots, then the live mark when it ends at now. */
  var CURVE = [
    { label: 'Time (UTC)', value: function (p) { return p.ts; } },
    { label: 'Cash', value: function (p) { return money(p.cash); } },
    { label: 'Equity', value: function (p) { return money(p.equity); } },
    { label: 'Drawdown %', value: function (p) { return dgas.num(p.drawdown * 100, 2); } },
    { label: 'Point', value: function (p) { return p.mark ? 'current mark (latest closes)' : 'snapshot'; } }
  ];
  var curveShown = { id: null, points: [] };

  /** CSV text of the curve drawn (the download button's content). */
  window.dgasEquityCsv = function () { return dgas.csv(CURVE, curveShown.points); };

  function draw(curve) {
    var last = curve.length ? curve[curve.length - 1] : null;
    // the curve ends at the live mark (now, positions at the latest closes): a vermillion dot labelled so, the value
    // the summary's Equity shows
    var marks = last && last.mark ? [{ name: 'current mark', coord: [last.ts, Number(last.equity)], value: dgas.grouped(money(last.equity)) }] : [];
    chart.setOption({
      animation: false,
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      grid: { left: 70, right: 20, top: 44, bottom: 30 }, // room above the plot for the y axis name
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: 'equity', nameGap: 16, scale: true },
      // stepped: a snapshot's equity holds until the next point (no straight line invented between them)
      series: [{ name: 'equity', type: 'line', step: 'end', showSymbol: false, itemStyle: { color: '#0072B2' },
        data: curve.map(function (p) { return [p.ts, Number(p.equity)]; }),
        markPoint: { symbol: 'circle', symbolSize: 10, itemStyle: { color: '#D55E00' },
          label: { position: 'top', distance: 6, align: 'right', color: '#1b1f24', fontSize: 11,
            formatter: function (p) { return 'now (mark) ' + p.value; } },
          data: marks } }]
    }, true);
  }

  function load(id) {
    document.body.dataset.loaded = '';
    var base = '/api/v1/portfolios/' + id;
    Promise.all([dgas.getJson(base + '?trades=100'), dgas.getJson(base + '/risk'), dgas.getJson(base + '/equity'),
      dgas.getJson(base + '/performance?days=3660')])
      .then(function (r) {
        var view = r[0], p = view.portfolio;
        var dl = document.getElementById('summary');
        dl.innerHTML = '';
        [['Owner', p.owner], ['Name', p.name], ['Currency', p.currency], ['Starting capital', dgas.grouped(money(p.starting_capital))],
          ['Equity', dgas.grouped(money(r[1].equity))], ['Active', p.active ? 'yes' : 'no']].forEach(function (kv) {
          var dt = document.createElement('dt'); dt.textContent = kv[0];
          var dd = document.createElement('dd'); dd.textContent = kv[1];
          dl.appendChild(dt); dl.appendChild(dd);
        });
        dgas.table(document.getElementById('positions-table'), 'Positions, unrealized P&L at the latest close', POSITIONS,
          view.positions, 'positions-' + id);
        dgas.table(document.getElementById('orders-table'), 'Latest orders with their fills', ORDERS, view.trades, 'orders-' + id);
        risk(r[1]);
        dgas.table(document.getElementById('performance-table'), 'Daily P&L, newest first (as of the last view refresh)', PERFORMANCE,
          r[3].slice().reverse(), 'performance-' + id);
        curveShown = { id: id, points: r[2] };
        draw(r[2]);
        var stored = r[2].filter(function (pt) { return !pt.mark; }).length;
        dgas.say(status, view.positions.length + ' positions, ' + view.trades.length + ' orders, ' + stored
          + ' equity snapshots' + (stored < r[2].length ? ' and the current mark' : ''));
        document.body.dataset.loaded = 'portfolio:' + id;
      }).catch(function (e) { dgas.say(status, e.message, true); document.body.dataset.loaded = 'portfolio:error'; });
  }

  dgas.allItems('/api/v1/portfolios?include_closed=true').then(function (portfolios) {
    portfolios.forEach(function (p) {
      var o = document.createElement('option');
      o.value = p.id;
      o.textContent = '#' + p.id + ' ' + p.owner + '/' + p.name;
      select.appendChild(o);
    });
    var wanted = new URLSearchParams(location.search).get('id');
    if (wanted) { select.value = wanted; }
    if (select.value) { load(select.value); } else { dgas.say(status, 'No portfolio yet: dgas portfolio create.'); }
  }).catch(function (e) { dgas.say(status, e.message, true); });
  select.addEventListener('change', function () { load(select.value); });
  document.getElementById('equity-csv').addEventListener('click', function () {
    if (curveShown.id !== null) { dgas.download('equity-' + curveShown.id + '.csv', window.dgasEquityCsv()); }
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
