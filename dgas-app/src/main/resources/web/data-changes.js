/*
 * The data page's soft delete and restore (POST /api/v1/data/delete|restore with the admin token, the methods of dgas
 * data delete|restore): one symbol's bars in a range, of one timeframe (with the higher timeframes built from it made
 * again when asked) or of every timeframe with its ticks. Delete asks a second press; both are idempotent and say the
 * rows they changed.
 */
(function () {
  'use strict';
  var form = document.getElementById('change-form');
  var status = document.getElementById('change-status');

  function selection() {
    var f = form.elements;
    return dgas.query({ symbol: f.symbol.value.trim().toUpperCase(), interval: f.interval.value,
      from: f.from.value.trim(), to: f.to.value.trim(), rebuild: f.rebuild.value.trim() });
  }

  function change(verb, path, button) {
    if (!form.reportValidity()) { return; }
    button.disabled = true;
    document.body.dataset.changed = '';
    dgas.write('POST', path + selection()).then(function (r) {
      var rebuilt = (r.rebuilt || []).map(function (t) {
        return t.timeframe + ' rebuilt (' + t.written + ' written, ' + t.deleted + ' soft-deleted)';
      });
      dgas.say(status, verb + ' ' + dgas.count(r.bars, 'bar', 'bars') + ' and ' + dgas.count(r.ticks, 'tick', 'ticks')
        + (rebuilt.length ? '; ' + rebuilt.join('; ') : '') + '.');
      document.body.dataset.changed = verb + ':' + r.bars;
    }).catch(function (e) {
      dgas.say(status, e.message, true);
      document.body.dataset.changed = 'error';
    }).then(function () { button.disabled = false; });
  }

  var remove = dgas.twoStep('Soft-delete', 'Soft-delete the selected bars', function () {
    change('Soft-deleted', '/api/v1/data/delete', remove);
  });
  remove.id = 'd-delete';
  document.getElementById('d-buttons').appendChild(remove);
  var restore = document.getElementById('d-restore');
  restore.addEventListener('click', function () { change('Restored', '/api/v1/data/restore', restore); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
})();
