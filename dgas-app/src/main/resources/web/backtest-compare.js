/*
 * The backtests page's comparison: the backtests ticked in the list side by side, each metric a row written as the
 * detail writes it (backtest-metrics.js), with the settings that tell them apart, and their equity
 * curves as the return from each one's start in one chart (window.dgasCompareChart), one dash style each so that they
 * are told apart without colour.
 */
(function () {
  'use strict';
  var section = document.getElementById('comparison');
  var status = document.getElementById('comparison-status');
  var chart = null;
  var DASHES = ['solid', 'dashed', 'dotted', [8, 3, 2, 3], [2, 6]];
  var COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00'];
  function compare() {
    var ids = Array.prototype.map.call(document.querySelectorAll('#backtests-table input.compare:checked'), function (b) { return b.value; });
    section.hidden = false;
    document.body.dataset.compared = '';
    if (ids.length < 2 || ids.length > DASHES.length) {
      dgas.say(status, 'Tick from 2 to ' + DASHES.length + ' backtests in the list to compare them.', true);
      document.body.dataset.compared = 'error';
      return;
    }
    dgas.say(status, 'Reading ' + ids.length + ' backtests…');
    Promise.all(ids.map(function (id) { return dgas.getJson('/api/v1/backtests/' + id + '?trades=0'); })).then(function (all) {
      var columns = [{ key: 'metric', label: 'Metric' }].concat(all.map(function (d, i) {
        return { key: 'b' + i, label: '#' + d.backtest.id };
      }));
      var bm = window.dgasBacktestMetrics;
      var rows = bm.ORDER.map(function (k) {
        var r = { metric: bm.label(k) };
        all.forEach(function (d, i) { r['b' + i] = bm.shown(k, (d.backtest.metrics || {})[k]); });
        return r;
      });
      var extra = { metric: 'symbols' }, range = { metric: 'range' }, settings = { metric: 'settings' };
      all.forEach(function (d, i) {
        extra['b' + i] = d.backtest.symbols.join(' ');
        range['b' + i] = dgas.time(d.backtest.from) + ' – ' + dgas.time(d.backtest.to) + ' (' + d.backtest.htf + '/' + d.backtest.trading + ')';
        settings['b' + i] = d.settings_line;
      });
      rows = [extra, range, settings].concat(rows);
      dgas.table(document.getElementById('comparison-table'), 'Backtests side by side', columns, rows, 'backtests-compared');
      if (!chart) { chart = echarts.init(document.getElementById('bt-compare')); window.dgasCompareChart = chart; }
      chart.setOption({
        animation: false, aria: { enabled: true }, tooltip: { trigger: 'axis' }, legend: { top: 0, right: 20 },
        grid: { left: 70, right: 20, top: 44, bottom: 30 },
        xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'return %', nameGap: 16, scale: true },
        series: all.map(function (d, i) {
          var first = d.curve.length ? Number(d.curve[0].equity) : 1;
          return { name: '#' + d.backtest.id, type: 'line', showSymbol: false,
            itemStyle: { color: COLOURS[i] }, lineStyle: { type: DASHES[i], width: 2 },
            data: d.curve.map(function (p) { return [p.ts, 100 * (Number(p.equity) / first - 1)]; }) };
        })
      }, true);
      dgas.say(status, 'Backtests ' + ids.map(function (id) { return '#' + id; }).join(', ') + ' side by side.');
      document.body.dataset.compared = ids.join(',');
      section.focus();
    }).catch(function (e) { dgas.say(status, e.message, true); document.body.dataset.compared = 'error'; });
  }

  document.getElementById('compare').addEventListener('click', compare);
  window.addEventListener('resize', function () { if (chart) { chart.resize(); } });
})();
