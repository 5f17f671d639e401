/* The market panel's checks of the shown series: "Check for missing bars" (GET /api/v1/bars/{symbol}/gaps) and "Check
   the bars" (GET /api/v1/bars/{symbol}/check), each answered in words under its button. Used by app.js. */
(function () {
  'use strict';
  var shownSymbol, shownInterval, label;

  /** The gaps of the shown series (GET /api/v1/bars/{symbol}/gaps): the totals and the three oldest. */
  function checkGaps() {
    var symbol = shownSymbol(), tf = shownInterval(), out = document.getElementById('gaps-result');
    dgas.say(out, 'Checking ' + tf + ' bars of ' + symbol + '…');
    dgas.getJson('/api/v1/bars/' + encodeURIComponent(symbol) + '/gaps?interval=' + tf + '&limit=3').then(function (r) {
      if (symbol !== shownSymbol() || tf !== shownInterval()) { return; }
      out.textContent = '';
      out.className = '';
      var p = document.createElement('p');
      p.textContent = r.bars === 0 ? 'No ' + tf + ' bars stored.'
        : r.missing === 0 ? 'None missing in ' + r.bars + ' ' + tf + ' bars (' + r.market + ' calendar).'
        : r.missing + ' missing in ' + r.gaps.total + ' gap(s) of ' + r.bars + ' ' + tf + ' bars ('
          + r.market + ' calendar), coverage ' + (100 * r.coverage).toFixed(2) + ' %' + (r.gaps.total > 3 ? '; the oldest:' : ':');
      out.appendChild(p);
      if (r.gaps.items.length) {
        var ul = document.createElement('ul');
        ul.className = 'gaps';
        r.gaps.items.forEach(function (g) {
          var li = document.createElement('li');
          li.textContent = label(Date.parse(g.from) / 1000) + (g.to === g.from ? '' : ' – ' + label(Date.parse(g.to) / 1000))
            + ' (' + g.missing + ')';
          ul.appendChild(li);
        });
        out.appendChild(ul);
      }
    }).catch(function (e) { dgas.say(out, 'Gaps of ' + symbol + ' ' + tf + ': ' + e.message, true); });
  }

  /**
   * The quality checks of the shown series (GET /api/v1/bars/{symbol}/check): bars outside the market's hours (and the
   * shift that would explain them), spikes, runs that did not trade; the first three of each.
   */
  function checkBars() {
    var symbol = shownSymbol(), tf = shownInterval(), out = document.getElementById('checks-result');
    dgas.say(out, 'Checking ' + tf + ' bars of ' + symbol + '…');
    dgas.getJson('/api/v1/bars/' + encodeURIComponent(symbol) + '/check?interval=' + tf + '&limit=3').then(function (r) {
      if (symbol !== shownSymbol() || tf !== shownInterval()) { return; }
      function at(iso) { return label(Date.parse(iso) / 1000); }
      var lines = [];
      var o = r.outside_hours, s = r.spikes, f = r.flat_runs;
      if (r.bars === 0) {
        lines.push('No ' + tf + ' bars stored.');
      } else {
        lines.push(o === null ? 'Outside the market\'s hours: not judged (no calendar for this exchange here).'
          : o.count === 0 ? 'None of ' + r.bars + ' bars outside the market\'s hours (' + r.market + ' calendar).'
          : o.count + ' of ' + r.bars + ' bars outside the market\'s hours (' + r.market + ' calendar), the first '
            + o.first.map(at).join(', ') + (o.shift_hours === null ? '.'
              : '; moved by ' + (o.shift_hours > 0 ? '+' : '') + o.shift_hours + ' h all but '
                + o.outside_after_shift + ' would be in them: were the times read in the wrong zone?'));
        lines.push(s.count === 0 ? 'No spikes beyond ' + s.threshold + ' robust sd.'
          : s.count + ' spike(s) beyond ' + s.threshold + ' robust sd: ' + s.items.map(function (x) {
            return at(x.ts) + ' close ' + x.close + ' (' + (x.sigmas > 0 ? '+' : '') + x.sigmas.toFixed(1) + ' sd'
              + (x.reverted ? ', taken back' : '') + ')';
          }).join('; ') + '.');
        lines.push(f.count === 0 ? 'No runs of ' + f.min_bars + '+ bars that did not trade.'
          : f.count + ' run(s) of ' + f.min_bars + '+ bars that did not trade: ' + f.items.map(function (x) {
            return at(x.from) + ' – ' + at(x.to) + ' (' + x.bars + ')';
          }).join('; ') + '.');
      }
      out.textContent = '';
      out.className = '';
      var ul = document.createElement('ul');
      ul.className = 'gaps';
      lines.forEach(function (t) {
        var li = document.createElement('li');
        li.textContent = t;
        ul.appendChild(li);
      });
      out.appendChild(ul);
    }).catch(function (e) { dgas.say(out, 'Checks of ' + symbol + ' ' + tf + ': ' + e.message, true); });
  }

  /**
   * Wires the two buttons: {@code symbol} and {@code interval} tell the shown series, {@code labelOf} names a bar time as
   * the chart does; an answer for a series no longer shown is dropped.
   */
  function attach(symbol, interval, labelOf) {
    shownSymbol = symbol;
    shownInterval = interval;
    label = labelOf;
    document.getElementById('gaps-check').addEventListener('click', checkGaps);
    document.getElementById('bars-check').addEventListener('click', checkBars);
  }

  window.dgasSeriesChecks = { attach: attach };
})();
