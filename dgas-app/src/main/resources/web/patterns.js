/* The market chart's pattern markers (drummond.md §4): a lettered marker per pattern at the bar that ends it (colour
   and letter both tell the type), below the bar when the pattern points up, above when down or sideways; a series per
   type, switched by the chart's legend or by the side panel's checkboxes (the keyboard's way). Used by app.js. */
(function () {
  'use strict';
  var TYPES = [
    ['pldot_push', 'Push', 'P', '#009E73'], ['pldot_refresh', 'Refresh', 'R', '#CC79A7'],
    ['exhaust', 'Exhaust', 'E', '#D55E00'], ['c_wave', 'C-wave', 'C', '#1b1f24'],
    ['congestion_oscillation', 'Oscillation', 'O', '#59636e']
  ];
  /** Which types are drawn: exhausts and C-waves at first, the frequent pushes, refreshes and oscillations on asking. */
  var shown = { Push: false, Refresh: false, Exhaust: true, 'C-wave': true, Oscillation: false };

  /** The scatter series of analysis {@code a}'s patterns, one per type; {@code label} names a bar time as the axis does. */
  function series(a, label) {
    var at = {};
    a.bars.forEach(function (b) { at[b.ts] = b; });
    return TYPES.map(function (t) {
      return {
        name: t[1], type: 'scatter', symbol: 'circle', symbolSize: 14, itemStyle: { color: t[3] },
        label: { show: true, formatter: t[2], color: '#fff', fontSize: 9, fontWeight: 'bold' },
        data: (a.patterns || []).filter(function (p) { return p.type === t[0] && at[p.end]; }).map(function (p) {
          var b = at[p.end], up = p.direction > 0;
          return {
            value: [label(p.end), up ? b.l : b.h], symbolOffset: [0, up ? 12 : -12],
            name: t[1] + (p.direction > 0 ? ' up' : p.direction < 0 ? ' down' : '') + ', ' + label(p.start)
              + (p.start === p.end ? '' : ' – ' + label(p.end)) + ', strength ' + p.strength
          };
        })
      };
    });
  }

  /** Fills the panel's checkboxes (#patterns), one per type, kept in step with {@code chart}'s legend both ways. */
  function checks(chart) {
    var box = document.getElementById('patterns');
    TYPES.forEach(function (t) {
      var l = document.createElement('label');
      var c = document.createElement('input');
      c.type = 'checkbox';
      c.id = 'pattern-' + t[0];
      c.checked = shown[t[1]];
      c.addEventListener('change', function () {
        shown[t[1]] = c.checked;
        chart.dispatchAction({ type: c.checked ? 'legendSelect' : 'legendUnSelect', name: t[1] });
      });
      var letter = document.createElement('span');
      letter.className = 'letter';
      letter.style.background = t[3];
      letter.textContent = t[2];
      l.appendChild(c);
      l.appendChild(letter);
      l.appendChild(document.createTextNode(t[1]));
      box.appendChild(l);
    });
    chart.on('legendselectchanged', function (e) {
      if (e.name in shown) {
        shown[e.name] = e.selected[e.name];
        var t = TYPES.filter(function (p) { return p[1] === e.name; })[0];
        document.getElementById('pattern-' + t[0]).checked = shown[e.name];
      }
    });
  }

  window.dgasPatterns = {
    names: TYPES.map(function (t) { return t[1]; }),
    shown: function () { return Object.assign({}, shown); },
    series: series,
    checks: checks
  };
})();
