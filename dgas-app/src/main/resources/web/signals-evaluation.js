/*
 * The signals page's evaluation: the stored bars of the chosen symbols replayed bar by bar and the signals they give
 * scored (the service of dgas signals evaluate, run as a job: POST /api/v1/signals/evaluation with the admin token,
 * followed by jobs.js, its progress said and "Cancel" offered while it replays; one still open when the page opens is
 * followed too): per group (all, type, tier, score decile) the signals, fill rate, wins, losses, average R and
 * expectancy with its 95 % interval. Run when asked: it replays every bar of its symbols.
 */
(function () {
  'use strict';
  var form = document.getElementById('evaluation-form');
  var status = document.getElementById('evaluation-status');

  function r2(v) { return typeof v === 'number' ? dgas.num(v, 2) : '-'; }

  var COLUMNS = [
    { key: 'key', label: 'Group' },
    { key: 'signals', label: 'Signals' },
    { label: 'Fill rate', value: function (g) { return typeof g.fill_rate === 'number' ? dgas.num(100 * g.fill_rate, 0) + ' %' : '-'; } },
    { key: 'wins', label: 'Wins' },
    { key: 'losses', label: 'Losses' },
    { key: 'time_exits', label: 'Time exits' },
    { key: 'pending', label: 'Pending' },
    { label: 'Average R', value: function (g) { return r2(g.avg_r); } },
    { label: 'Expectancy R (95 %)', value: function (g) {
      return r2(g.expectancy) + (typeof g.expectancy_low === 'number' ? ' [' + r2(g.expectancy_low) + ', ' + r2(g.expectancy_high) + ']' : '');
    } }
  ];

  var cancel = document.getElementById('cancel-evaluation');
  var button = document.getElementById('evaluate');
  function progress(j) {
    cancel.hidden = false;
    dgas.say(status, 'Evaluation job #' + j.id + ': ' + dgas.jobs.progressText(j) + '…');
  }
  /** Says {@code job}'s progress while it runs, offers Cancel, and once it ends shows its report or says why not. */
  function follow(job) {
    button.disabled = true;
    cancel.onclick = function () {
      cancel.disabled = true;
      job.cancel().catch(function (err) { dgas.say(status, err.message, true); });
    };
    job.done.then(function (r) {
      dgas.table(document.getElementById('evaluation-table'), 'Signals replayed, by group', COLUMNS, r.report.groups, 'evaluation');
      var skipped = Object.keys(r.skipped).map(function (s) { return s + ' (' + r.skipped[s] + ')'; });
      dgas.say(status, dgas.count(Object.keys(r.symbols).length, 'symbol', 'symbols') + ' replayed at '
        + r.request.htf + '/' + r.request.trading + '; Brier score ' + r2(r.report.brier)
        + (skipped.length ? '; skipped: ' + skipped.join(', ') : '') + '.');
      document.body.dataset.evaluated = String(r.report.groups.length);
    }).catch(function (err) {
      dgas.say(status, err.message, true);
      document.body.dataset.evaluated = 'error';
    }).then(function () {
      button.disabled = false;
      cancel.hidden = true;
      cancel.disabled = false;
    });
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var f = form.elements;
    var symbols = f.symbols.value.split(/[\s,]+/).filter(Boolean).map(function (x) { return x.toUpperCase(); }).join(',');
    var body = { cost_bps: Number(f.cost_bps.value || 0) };
    if (symbols) { body.symbols = symbols; }
    if (f.from.value.trim()) { body.from = f.from.value.trim(); }
    if (f.to.value.trim()) { body.to = f.to.value.trim(); }
    if (f.min_reward_risk.value !== '') { body.min_reward_risk = Number(f.min_reward_risk.value); }
    document.body.dataset.evaluated = '';
    dgas.say(status, 'Starting the replay…');
    follow(dgas.jobs.start('/api/v1/signals/evaluation', body, progress));
  });
  // an evaluation still running (started before this page was opened) is followed as if started here
  dgas.jobs.resume('evaluation', progress).then(function (job) {
    if (job) { follow(job); }
  }).catch(function () { /* nothing to resume */ });
})();
