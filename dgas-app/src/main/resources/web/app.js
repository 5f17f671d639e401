/* The market page: one ECharts instance (window.dgasChart) fed by /api/v1/analysis. No build step. */
(function () {
  'use strict';
  var BLUE = '#0072B2', ORANGE = '#E69F00', VERMILLION = '#D55E00', SKY = '#56B4E9', PURPLE = '#6a3d9a';
  var chart = echarts.init(document.getElementById('chart'));
  window.dgasChart = chart;
  var symbolSelect = document.getElementById('symbol');
  var status = document.getElementById('status');
  var seq = 0;
  var shown = null; // the analysis drawn: {symbol, tf, bars}; a forming event updates its last bar

  function interval() {
    return document.querySelector('input[name=interval]:checked').value;
  }

  function say(text, error) {
    status.textContent = text;
    status.className = error ? 'error' : '';
  }

  var getJson = dgas.getJson;

  // characters of an ISO time a label keeps, set by load() for the timeframe it draws: the date alone for daily and
  // weekly bars, whose time of day says nothing (read once per drawing, not once per bar)
  var labelLength = 16;

  /** A bar's time in UTC, as the axis names it. */
  function label(ts) {
    return new Date(ts * 1000).toISOString().slice(0, labelLength).replace('T', ' ');
  }

  function fmt(v, digits) {
    return v === null || v === undefined ? '–' : Number(v).toFixed(digits === undefined ? 2 : digits);
  }

  // Zone labels sit in the grid's right margin, beyond the newest candle (never over a candle), one column wide;
  // the signal lines' labels in a second column right of it. Widths are measured in the labels' own fonts.
  var ZONE_FONT = 10, ZONE_GAP = 6, LINE_FONT = 11, COLUMN_GAP = 8, LABEL_SPACING = ZONE_FONT + 4;
  var measure = document.createElement('canvas').getContext('2d');
  var zoneItems = []; // the markArea data drawn, whose label offsets spreadZoneLabels adjusts

  function textWidth(text, size) {
    measure.font = size + 'px sans-serif';
    return Math.ceil(measure.measureText(text).width);
  }

  function zoneText(z) { return z.type + ' ×' + z.strength; }

  // a higher-timeframe confluence zone (drummond.md §6): its role by price and its weighted strength
  function confluenceText(z) { return 'MTF ' + z.type + ' w' + fmt(z.weight, 1); }

  function lineText(name, value) { return name + ' ' + fmt(value); }

  /**
   * Moves zone labels apart vertically where neighbouring zones would stack them on each other (their anchors are
   * the zones' middles, in pixels at the current zoom): each at least LABEL_SPACING below the one above it.
   */
  function spreadZoneLabels() {
    if (!zoneItems.length) { return; }
    var at = zoneItems.map(function (z, i) {
      return { i: i, y: chart.convertToPixel({ yAxisIndex: 0 }, (z[0].yAxis + z[1].yAxis) / 2) };
    }).filter(function (p) { return isFinite(p.y); });
    at.sort(function (p, q) { return p.y - q.y; });
    var last = -Infinity, changed = false;
    at.forEach(function (p) {
      var y = Math.max(p.y, last + LABEL_SPACING);
      var off = Math.round(y - p.y);
      last = p.y + off;
      var lab = zoneItems[p.i][0].label;
      if (!lab.offset || lab.offset[1] !== off) { lab.offset = [0, off]; changed = true; }
    });
    if (changed) { chart.setOption({ series: [{ markArea: { data: zoneItems } }] }); }
  }

  var SECONDS = { '1m': 60, '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '4h': 14400, '1d': 86400, '1w': 604800 };

  /**
   * The x axis and the PLdot and envelope lines of {@code bars}: a bar's PLdot and envelope belong {@code d} bars
   * ahead of it (drummond.md §1, the API's displacement), so each is drawn d places right of its bar and the axis runs
   * d bar times (ts + k × timeframe) past the newest bar, where the next bar's PLdot already stands; the candles fill
   * the first bars.length places.
   */
  function overlays(bars, d) {
    var x = bars.map(function (b) { return label(b.ts); });
    var lead = [];
    for (var k = 1; k <= d && bars.length; k++) {
      x.push(label(bars[bars.length - 1].ts + k * SECONDS[interval()]));
      lead.push('-');
    }
    var line = function (f) {
      return lead.concat(bars.map(function (b) { var v = f(b); return v === null || v === undefined || isNaN(v) ? '-' : v; }));
    };
    return {
      x: x,
      pldot: line(function (b) { return b.pldot; }),
      lower: line(function (b) { return b.lower; }),
      band: line(function (b) { return b.upper === null || b.lower === null ? null : b.upper - b.lower; }),
      upper: line(function (b) { return b.upper; })
    };
  }

  /**
   * The price axis, reaching the signal's levels where they lie beyond the bars (a target above the highest high):
   * ECharts sizes the axis to the series alone, and a mark line outside it is not drawn. A side the levels stay within
   * keeps ECharts' own rounded extent.
   */
  function priceAxis(bars, levels) {
    var axis = { type: 'value', scale: true };
    if (!levels.length || !bars.length) { return axis; }
    var lo = Infinity, hi = -Infinity;
    bars.forEach(function (b) {
      lo = Math.min(lo, b.l, b.lower === null ? Infinity : b.lower);
      hi = Math.max(hi, b.h, b.upper === null ? -Infinity : b.upper);
    });
    var top = Math.max.apply(null, levels), bottom = Math.min.apply(null, levels);
    var pad = 0.03 * (Math.max(hi, top) - Math.min(lo, bottom));
    // the extended end is not one of the axis' round ticks: its label would crowd the tick below it, so it is left out
    axis.axisLabel = { showMaxLabel: !(top > hi), showMinLabel: !(bottom < lo) };
    if (top > hi) { axis.max = function (v) { return Math.max(v.max, top + pad); }; }
    if (bottom < lo) { axis.min = function (v) { return Math.min(v.min, bottom - pad); }; }
    return axis;
  }

  /** The axis tooltip: the bar's prices and market state, the lines' values at it and its patterns named in words. */
  function tooltipText(params) {
    var rows = [params.length ? params[0].axisValueLabel : ''];
    var bar = params.length && shown ? shown.bars[params[0].dataIndex] : null;
    if (bar && bar.state) { rows.push('state ' + bar.state.replace(/_/g, ' ')); }
    params.forEach(function (p) {
      var d = Array.isArray(p.data) ? p.data : p.data && p.data.value;
      var text = p.seriesType === 'scatter' ? p.name
        : p.seriesType === 'candlestick' ? 'O ' + fmt(d[0]) + ' H ' + fmt(d[3]) + ' L ' + fmt(d[2]) + ' C ' + fmt(d[1])
        : typeof p.data === 'number' ? p.seriesName + ' ' + fmt(p.data) : null;
      if (text) { rows.push(p.marker + text); }
    });
    return rows.join('<br>');
  }

  function option(a) {
    var o = overlays(a.bars, a.displacement || 0);
    var zones = a.zones.map(function (z, i) {
      var support = z.type === 'support';
      var atPrice = z.type === 'at price';
      return [{
        name: z.type + ' ' + fmt(z.lower) + '–' + fmt(z.upper),
        yAxis: z.lower,
        // blue below the close, orange above, grey where the zone holds the close (at price)
        itemStyle: { color: support ? 'rgba(0,114,178,0.18)' : atPrice ? 'rgba(120,120,120,0.22)' : 'rgba(230,159,0,0.25)' },
        // outside the zone's right end: in the grid's margin, beyond the newest candle; the words (support,
        // resistance, at price) name the zone whatever its colour
        label: {
          color: support ? BLUE : atPrice ? '#444' : '#8a5a00', formatter: zoneText(z),
          position: 'right', distance: ZONE_GAP, fontSize: ZONE_FONT, offset: [0, 0]
        }
      }, { yAxis: z.upper }];
    });
    // confluence zones: reddish purple with a dashed edge (apart from the Drummond bands by hue and by edge), their
    // labels in the same column, spread with the others
    var confluence = (a.confluence || []).map(function (z) {
      return [{
        name: 'confluence ' + z.type + ' ' + fmt(z.lower) + '–' + fmt(z.upper),
        yAxis: z.lower,
        itemStyle: { color: 'rgba(204,121,167,0.16)', borderColor: '#a0407a', borderType: 'dashed', borderWidth: 1 },
        label: {
          color: '#8a2d63', formatter: confluenceText(z),
          position: 'right', distance: ZONE_GAP, fontSize: ZONE_FONT, offset: [0, 0]
        }
      }, { yAxis: z.upper }];
    });
    zones = zones.concat(confluence);
    zoneItems = zones;
    var zoneColumn = a.zones.reduce(function (w, z) { return Math.max(w, textWidth(zoneText(z), ZONE_FONT)); }, 0);
    zoneColumn = (a.confluence || []).reduce(function (w, z) {
      return Math.max(w, textWidth(confluenceText(z), ZONE_FONT));
    }, zoneColumn);
    zoneColumn = zoneColumn ? zoneColumn + ZONE_GAP + COLUMN_GAP : 0;
    var s = a.signal, lines = [], points = [];
    if (s) {
      lines = [
        { name: 'entry', yAxis: s.entry, lineStyle: { color: '#1b1f24', type: 'solid', width: 2 } },
        { name: 'stop', yAxis: s.stop, lineStyle: { color: VERMILLION, type: 'dashed', width: 2 } },
        { name: 'target', yAxis: s.target, lineStyle: { color: BLUE, type: 'dotted', width: 2 } }
      ].filter(function (l) { return l.yAxis !== null && l.yAxis !== undefined; });
      points = [{
        name: s.type, coord: [label(s.ts), s.entry], value: s.type,
        symbol: s.type.indexOf('short') >= 0 ? 'triangle' : 'pin', symbolRotate: s.type.indexOf('short') >= 0 ? 180 : 0,
        itemStyle: { color: s.type.indexOf('short') >= 0 ? VERMILLION : BLUE }
      }];
    }
    var lineColumn = lines.reduce(function (w, l) { return Math.max(w, textWidth(lineText(l.name, l.yAxis), LINE_FONT)); }, 0);
    return {
      animation: false,
      aria: { enabled: true },
      // one line, paged by arrows when the chart is narrow: a second line would lie over the grid's top
      legend: {
        type: 'scroll', top: 4, data: ['Candles', 'PLdot', 'Envelope upper', 'Envelope lower'].concat(dgasPatterns.names),
        selected: dgasPatterns.shown()
      },
      tooltip: { trigger: 'axis', axisPointer: { type: 'cross' }, formatter: tooltipText },
      // the right margin holds the zone labels' column, then the signal lines' labels
      grid: { left: 60, right: Math.max(90, zoneColumn + lineColumn + 12), top: 36, bottom: 70 },
      xAxis: { type: 'category', data: o.x, boundaryGap: true, axisLine: { onZero: false } },
      yAxis: priceAxis(a.bars, lines.map(function (l) { return l.yAxis; })),
      dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 12 }],
      series: [
        {
          name: 'Candles', type: 'candlestick',
          data: a.bars.map(function (b) { return [b.o, b.c, b.l, b.h]; }),
          // rising: filled blue; falling: hollow orange (shape and hue both differ)
          itemStyle: { color: BLUE, borderColor: BLUE, color0: '#ffffff', borderColor0: ORANGE, borderWidth: 1.5 },
          markArea: { silent: true, label: { position: 'right', fontSize: ZONE_FONT }, data: zones },
          markLine: { symbol: ['none', 'none'], label: { formatter: function (p) { return lineText(p.name, p.value); }, position: 'end',
            distance: zoneColumn + 5, fontSize: LINE_FONT }, data: lines },
          markPoint: { symbolSize: 36, label: { fontSize: 9, color: '#fff', formatter: function (p) { return p.name.slice(0, 5); } }, data: points }
        },
        { name: 'PLdot', type: 'line', data: o.pldot, showSymbol: false, lineStyle: { color: PURPLE, width: 2 }, itemStyle: { color: PURPLE } },
        { name: 'Envelope lower', type: 'line', data: o.lower, stack: 'envelope', showSymbol: false, lineStyle: { color: SKY, type: 'dashed', width: 1 }, itemStyle: { color: SKY } },
        { name: 'Envelope band', type: 'line', data: o.band, stack: 'envelope', showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(86,180,233,0.18)' }, tooltip: { show: false } },
        { name: 'Envelope upper', type: 'line', data: o.upper, showSymbol: false, lineStyle: { color: SKY, type: 'dashed', width: 1 }, itemStyle: { color: SKY } }
      ].concat(dgasPatterns.series(a, label))
    };
  }

  function panel(a) {
    document.getElementById('state').textContent = a.latest.state ? a.latest.state.replace(/_/g, ' ') : '–';
    document.getElementById('trend').textContent = a.latest.trend || '–';
    document.getElementById('state-confidence').textContent = fmt(a.latest.confidence);
    var box = document.getElementById('signal');
    box.innerHTML = '';
    var s = a.signal;
    if (!s) {
      var p = document.createElement('p');
      p.textContent = a.latest.note || 'no signal';
      box.appendChild(p);
      return;
    }
    var dl = document.createElement('dl');
    [['Type', s.type], ['Bar', label(s.ts)], ['Entry', fmt(s.entry)], ['Stop', fmt(s.stop)], ['Target', fmt(s.target)],
      ['Confidence', fmt(s.confidence)], ['Tier', s.tier || '–'],
      ['Win probability', dgas.probability(s.probability, s.probability_lower, s.calibration_decided, s.calibration_scope)],
      ['Expires', dgas.expiry(s.expiry_bars, s.expires_at) || 'does not lapse'],
      ['Source', s.source === 'computed' ? 'at the latest bar' : 'stored by a run']].forEach(function (kv) {
      var dt = document.createElement('dt'); dt.textContent = kv[0];
      var dd = document.createElement('dd'); dd.textContent = kv[1];
      if (kv[0] === 'Type') { dd.className = s.type.indexOf('short') >= 0 ? 'short' : 'long'; }
      dl.appendChild(dt); dl.appendChild(dd);
    });
    box.appendChild(dl);
    var reason = document.createElement('p');
    reason.className = 'reason';
    reason.textContent = s.reason || 'reasons are not kept for stored signals';
    box.appendChild(reason);
    var breakdown = dgas.reasons(typeof s.reasons === 'object' ? s.reasons : null);
    if (breakdown) {
      var h = document.createElement('h3');
      h.textContent = 'Why';
      box.appendChild(h);
      box.appendChild(breakdown);
    }
  }

  /** Points the download links at the exports of the shown symbol (and timeframe). */
  function downloads(symbol, tf) {
    var s = encodeURIComponent(symbol);
    document.getElementById('dl-bars').href = '/api/v1/bars/' + s + '/export?interval=' + tf;
    document.getElementById('dl-bars').textContent = tf + ' bars of ' + symbol;
    document.getElementById('dl-all').href = '/api/v1/bars/' + s + '/export';
    document.getElementById('dl-ticks').href = '/api/v1/ticks/' + s + '/export';
    document.getElementById('dl-ticks').textContent = 'ticks of ' + symbol;
  }

  function load() {
    var symbol = symbolSelect.value, tf = interval(), mine = ++seq;
    if (!symbol) { return; }
    labelLength = tf === '1d' || tf === '1w' ? 10 : 16;
    downloads(symbol, tf);
    document.getElementById('gaps-result').textContent = '';
    document.getElementById('checks-result').textContent = '';
    document.body.dataset.loaded = '';
    say('Loading ' + symbol + ' ' + tf + '…');
    var last = document.getElementById('last').value;
    getJson('/api/v1/analysis/' + encodeURIComponent(symbol) + '?interval=' + tf + '&last=' + last).then(function (a) {
      if (mine !== seq) { return; }
      chart.setOption(option(a), true);
      spreadZoneLabels();
      shown = { symbol: symbol, tf: tf, bars: a.bars.slice(), displacement: a.displacement || 0 };
      document.getElementById('forming').textContent = 'none (no live trades)';
      panel(a);
      say(a.bars.length + ' ' + tf + ' bars of ' + symbol + (a.bars.length ? ', newest ' + label(a.bars[a.bars.length - 1].ts) : ''));
      document.body.dataset.loaded = symbol + ':' + tf;
    }).catch(function (e) {
      if (mine !== seq) { return; }
      chart.clear();
      say(symbol + ' ' + tf + ': ' + e.message, true);
      document.body.dataset.loaded = symbol + ':' + tf + ':error';
    });
  }

  // a link may name the symbol and timeframe to show first (index.html?symbol=AAPL&interval=1d, from the data page)
  var asked = new URLSearchParams(location.search);

  /** Offers only the timeframes the symbol has bars of (disabled radios are skipped by the arrow keys), then loads. */
  function loadSymbol() {
    var symbol = symbolSelect.value;
    symbolSelect.dispatchEvent(new Event('symbol-shown')); // the news panel follows
    getJson('/api/v1/symbols/' + encodeURIComponent(symbol)).then(function (d) {
      var have = d.series.filter(function (s) { return s.rows > 0; }).map(function (s) { return s.timeframe; });
      document.getElementById('dl-ticks-item').hidden = !(d.symbol && d.symbol.last_tick_at);
      var radios = Array.prototype.slice.call(document.querySelectorAll('input[name=interval]'));
      radios.forEach(function (r) { r.disabled = have.length > 0 && have.indexOf(r.value) < 0; });
      radios.forEach(function (r) { if (r.value === asked.get('interval') && !r.disabled) { r.checked = true; } });
      asked.delete('interval');
      var checked = document.querySelector('input[name=interval]:checked');
      if (checked.disabled) {
        var first = radios.filter(function (r) { return !r.disabled; })[0];
        if (first) { first.checked = true; }
      }
      load();
    }).catch(function () { load(); });
  }

  /** A new ingest of the shown series redraws it; of another timeframe of the symbol, re-offers the timeframes. */
  function onBars(e) {
    if (e.symbol !== symbolSelect.value) {
      if (!Array.prototype.some.call(symbolSelect.options, function (o) { return o.value === e.symbol; })) {
        var o = document.createElement('option');
        o.value = o.textContent = e.symbol;
        symbolSelect.appendChild(o);
      }
      return;
    }
    if (e.timeframe === interval()) { load(); } else { loadSymbol(); }
  }

  /**
   * A forming bar of the shown series (from the trade stream): it replaces the chart's last candle when it is the same
   * bucket, else it is drawn as a new last candle; its PLdot and envelope move with it. It is drawn hatched-grey
   * (dashed border, half opacity) and named in the panel as forming until its stored bar replaces it (a bars event
   * reloads the series).
   */
  function onForming(e) {
    if (!shown || e.symbol !== shown.symbol || e.timeframe !== shown.tf) { return; }
    var bars = shown.bars, n = bars.length;
    var bar = { ts: e.ts, o: e.open, h: e.high, l: e.low, c: e.close, pldot: e.pldot, upper: e.upper, lower: e.lower, forming: true };
    if (n && bars[n - 1].ts === e.ts) {
      bars[n - 1] = bar;
    } else if (!n || bars[n - 1].ts < e.ts) {
      bars.push(bar);
    } else {
      return; // older than the drawn bars
    }
    var o = overlays(bars, shown.displacement);
    chart.setOption({
      xAxis: { data: o.x },
      series: [
        {
          name: 'Candles', data: bars.map(function (b) {
            return b.forming ? { value: [b.o, b.c, b.l, b.h], itemStyle: { opacity: 0.55, borderType: 'dashed', borderWidth: 2 } } : [b.o, b.c, b.l, b.h];
          })
        },
        { name: 'PLdot', data: o.pldot },
        { name: 'Envelope lower', data: o.lower },
        { name: 'Envelope band', data: o.band },
        { name: 'Envelope upper', data: o.upper }
      ]
    });
    document.getElementById('forming').textContent = label(e.ts) + ' (forming, ' + e.trades + ' trades): O ' + fmt(e.open)
      + ' H ' + fmt(e.high) + ' L ' + fmt(e.low) + ' C ' + fmt(e.close) + ' · PLdot ' + fmt(e.pldot);
    document.body.dataset.forming = e.ts + ':' + e.close;
  }

  dgasPatterns.checks(chart);
  symbolSelect.addEventListener('change', loadSymbol);
  dgasSeriesChecks.attach(function () { return symbolSelect.value; }, interval, label);
  dgas.events({ bars: onBars, forming: onForming }, load);
  document.querySelectorAll('input[name=interval]').forEach(function (r) { r.addEventListener('change', load); });
  document.getElementById('last').addEventListener('change', load);
  window.addEventListener('resize', function () { chart.resize(); spreadZoneLabels(); });
  chart.on('datazoom', spreadZoneLabels); // the y axis follows the zoomed bars: the zones' pixels move

  dgas.allItems('/api/v1/symbols').then(function (symbols) {
    symbols.forEach(function (s) {
      var o = document.createElement('option');
      o.value = s.ticker;
      o.textContent = s.name && s.name !== s.ticker ? s.ticker + ' · ' + s.name : s.ticker;
      symbolSelect.appendChild(o);
    });
    if (!symbols.length) { say('No symbols yet: ingest bars first (dgas ingest).'); return; }
    var want = (asked.get('symbol') || '').toUpperCase();
    if (symbols.some(function (s) { return s.ticker === want; })) { symbolSelect.value = want; }
    loadSymbol();
  }).catch(function (e) { say('symbols: ' + e.message, true); });
})();
