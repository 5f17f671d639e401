/*
 * How the backtests page writes a backtest's metrics, in its detail and in the comparison alike
 * (window.dgasBacktestMetrics): returns first, then risk, then the trade statistics; fractions in percent.
 */
(function () {
  'use strict';
  // a trader reads returns first, then risk, then the trade statistics; keys not listed follow
  var ORDER = ['total_return', 'buy_and_hold_return', 'excess_return', 'cagr', 'volatility', 'sharpe', 'sortino',
    'max_drawdown', 'max_drawdown_bars', 'win_rate', 'profit_factor', 'exposure', 'trades'];
  // fractions a trader reads in percent (0.0155 is "1.55 %"); ratios with two decimals; counts as they are
  var PERCENT = ['total_return', 'buy_and_hold_return', 'excess_return', 'cagr', 'volatility', 'max_drawdown', 'win_rate', 'exposure'];

  function label(k) { return k === 'cagr' ? 'CAGR' : k.replace(/_/g, ' '); }

  // numbers as numbers; an object (fill_limits: {limit: {cut, refused}}) as "name: key value, …" per entry
  function value(v) {
    if (v !== null && typeof v === 'object') {
      var parts = Object.keys(v).map(function (n) {
        var x = v[n];
        return n + ': ' + (x !== null && typeof x === 'object'
          ? Object.keys(x).map(function (q) { return q + ' ' + value(x[q]); }).join(', ') : value(x));
      });
      return parts.length ? parts.join('; ') : 'none';
    }
    return typeof v !== 'number' ? String(v) : Number.isInteger(v) ? String(v) : dgas.num(v, 2);
  }

  function shown(k, v) {
    // a figure without meaning (the win rate of no trade, stored as "NaN") reads "-", as the command prints it
    if (v === null || v === undefined || v === 'NaN' || v === 'Infinity' || v === '-Infinity') { return '-'; }
    if (typeof v === 'number' && PERCENT.indexOf(k) >= 0) { return dgas.num(100 * v, 2) + ' %'; }
    return typeof v === 'number' && !Number.isInteger(v) ? dgas.num(v, 2) : value(v);
  }

  function rank(k) { var i = ORDER.indexOf(k); return i < 0 ? ORDER.length : i; }

  /** The keys of metrics {@code m} in the order a trader reads them. */
  function ordered(m) { return Object.keys(m).sort(function (a, b) { return rank(a) - rank(b); }); }

  window.dgasBacktestMetrics = { ORDER: ORDER, label: label, shown: shown, ordered: ordered };
})();
