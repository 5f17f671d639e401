/* The market page's news panel: the chosen symbol's daily news sentiment (last 30 days, from the daily view) and its
   latest headlines. Follows the symbol app.js shows (its 'symbol-shown' event on the symbol <select>). */
(function () {
  'use strict';
  var select = document.getElementById('symbol');
  var box = document.getElementById('news');
  var say = document.getElementById('news-status');
  if (!select || !box) { return; }

  function show() {
    var symbol = select.value;
    if (!symbol) { return; }
    var s = encodeURIComponent(symbol);
    Promise.all([dgas.getJson('/api/v1/news/sentiment/' + s + '?days=30'), dgas.getJson('/api/v1/news?symbol=' + s + '&limit=5')])
      .then(function (r) {
        if (symbol !== select.value) { return; } // another symbol was chosen meanwhile: its answer is the one to show
        var days = r[0].days, n = 0, sum = 0;
        days.forEach(function (d) { n += d.items; sum += d.avg_sentiment * d.items; });
        dgas.table(box, 'Days with news of ' + symbol + ', average sentiment from −1 to 1',
          [{ key: 'day', label: 'Day' }, { label: 'Average', value: function (d) { return dgas.num(d.avg_sentiment, 2); } },
            { key: 'items', label: 'Items' }], days.slice().reverse(), 'sentiment-' + symbol);
        var ul = document.getElementById('headlines');
        ul.innerHTML = '';
        r[1].items.forEach(function (h) {
          var li = document.createElement('li');
          var a = document.createElement('a');
          a.href = h.url; a.rel = 'noopener'; a.textContent = h.headline;
          li.appendChild(a);
          li.appendChild(document.createTextNode(' (' + dgas.num(h.sentiment, 2) + ', ' + h.source + ')'));
          ul.appendChild(li);
        });
        dgas.say(say, n ? n + ' items in 30 days, average ' + dgas.num(sum / n, 2) : 'No news in 30 days.');
        document.body.dataset.news = symbol;
      }).catch(function (e) { dgas.say(say, e.message, true); });
  }

  // app.js fills the list asynchronously and may then choose the symbol a link asked for, without a change event
  select.addEventListener('symbol-shown', show);
})();
