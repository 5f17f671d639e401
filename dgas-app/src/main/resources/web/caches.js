/* Caches and calculations: query-cache hit rates per region (chart: window.dgasCacheChart), the calculation profiler,
   and clearing a region with the admin token. */
(function () {
  'use strict';
  var chart = echarts.init(document.getElementById('hit-rates'));
  window.dgasCacheChart = chart;
  var status = document.getElementById('status');
  var regionSelect = document.getElementById('region');

  function rate(hits, misses) {
    return hits + misses === 0 ? null : hits / (hits + misses);
  }

  function pct(v) {
    return v === null ? '' : dgas.num(100 * v, 1) + ' %';
  }

  var CACHE_COLUMNS = [
    { key: 'region', label: 'Region' },
    { key: 'size', label: 'Entries' },
    { key: 'max_entries', label: 'Max entries' },
    { key: 'ttl_seconds', label: 'TTL s' },
    { key: 'hits', label: 'Hits' },
    { key: 'misses', label: 'Misses' },
    { label: 'Hit rate', value: function (r) { return pct(rate(r.hits, r.misses)); } },
    { key: 'evictions', label: 'Evictions' },
    { label: 'Mean load ms', value: function (r) { return dgas.num(r.load_mean_ms, 2); } }
  ];

  var CALC_COLUMNS = [
    { key: 'calculation', label: 'Calculation' },
    { key: 'count', label: 'Computed' },
    { label: 'Mean ms', value: function (r) { return dgas.num(r.mean_nanos / 1e6, 3); } },
    { label: 'P95 ms', value: function (r) { return dgas.num(r.p95_nanos / 1e6, 3); } },
    { key: 'hits', label: 'Cache hits' },
    { key: 'misses', label: 'Cache misses' },
    { label: 'Hit rate', value: function (r) { return pct(rate(r.hits, r.misses)); } }
  ];

  function load() {
    document.body.dataset.loaded = '';
    var caches = dgas.getJson('/api/v1/cache/stats').then(function (rows) {
      dgas.table(document.getElementById('cache-table'), 'Cache regions', CACHE_COLUMNS, rows, 'cache-regions');
      chart.setOption({
        animation: false,
        aria: { enabled: true, decal: { show: true } },
        tooltip: { trigger: 'axis' },
        grid: { left: 100, right: 30, top: 10, bottom: 30 },
        xAxis: { type: 'value', min: 0, max: 100, name: '%' },
        yAxis: { type: 'category', data: rows.map(function (r) { return r.region; }) },
        series: [{ name: 'Hit rate', type: 'bar', itemStyle: { color: '#0072B2' },
          data: rows.map(function (r) { var v = rate(r.hits, r.misses); return v === null ? 0 : Math.round(1000 * v) / 10; }) }]
      }, true);
      if (regionSelect.options.length === 1) {
        rows.forEach(function (r) {
          var o = document.createElement('option');
          o.value = r.region;
          o.textContent = r.region;
          regionSelect.appendChild(o);
        });
      }
    });
    var calcs = dgas.getJson('/api/v1/monitor/calculations').then(function (list) {
      dgas.table(document.getElementById('calc-table'), 'Calculations of this server', CALC_COLUMNS, list, 'calculations');
      dgas.say(document.getElementById('calc-status'), list.length ? '' : 'No calculation yet: open the market page.');
    });
    Promise.all([caches, calcs]).then(function () {
      document.body.dataset.loaded = 'caches';
    }).catch(function (e) {
      dgas.say(status, e.message, true);
      document.body.dataset.loaded = 'caches:error';
    });
  }

  document.getElementById('clear-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var region = regionSelect.value;
    dgas.write('POST', '/api/v1/cache/clear' + dgas.query({ region: region })).then(function (r) {
      dgas.say(status, 'Cleared ' + (region || 'all regions') + ': ' + r.removed + ' entries removed.');
      load();
    }).catch(function (err) { dgas.say(status, err.message, true); });
  });
  document.getElementById('refresh').addEventListener('click', load);
  window.addEventListener('resize', function () { chart.resize(); });
  load();
})();
