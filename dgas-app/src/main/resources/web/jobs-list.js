/*
 * The runs page's background jobs (GET /api/v1/jobs, the newest LIMIT): each job's kind, state, progress and times,
 * a link to what it made (a backtest's page), while it is open a two-press Cancel, and once failed, cancelled or
 * abandoned a two-press Run again (its request queued anew; the admin token for both). Reloaded by the page on each
 * `job` event of its one event stream.
 */
(function () {
  'use strict';
  var LIMIT = 20;

  /** What became of the job: what it made (a link follows in the cell) or its error. */
  function outcome(j) {
    if (j.link) { return j.kind + ' made'; }
    return j.error ? j.error.error : '';
  }

  /** The state, with the attempt once a job runs again (its server stopped or died while it ran). */
  function state(j) {
    return j.attempts > 1 ? j.state + ' (attempt ' + j.attempts + ')' : j.state;
  }

  /** The list in {@code box}, said in {@code status}; returns {load}. */
  function list(box, status) {
    /** What the last Run again did, said until the next action (reloads on job events keep it). */
    var note = '';
    var columns = [
      { key: 'id', label: 'Job', value: function (j) { return '#' + j.id; } },
      { key: 'kind', label: 'Kind' },
      { key: 'state', label: 'State', value: state },
      { label: 'Progress', value: dgas.jobs.progressText },
      { label: 'Created (UTC)', value: function (j) { return dgas.time(j.created_at); }, nowrap: true },
      { label: 'Ended (UTC)', value: function (j) { return dgas.time(j.finished_at); }, nowrap: true },
      { key: 'instance', label: 'Server' },
      { label: 'Outcome', value: outcome, render: function (j, td) {
        if (j.link) {
          td.textContent = '';
          var a = document.createElement('a');
          a.href = j.link;
          a.textContent = 'open the ' + j.kind;
          td.appendChild(a);
        }
        if (j.state === 'queued' || j.state === 'running') {
          td.appendChild(dgas.twoStep('Cancel', 'Cancel job ' + j.id, function () {
            note = '';
            dgas.write('POST', '/api/v1/jobs/' + j.id + '/cancel').then(load, function (e) { dgas.say(status, e.message, true); });
          }));
        }
        if (j.state === 'failed' || j.state === 'cancelled' || j.state === 'abandoned') {
          var again = td.appendChild(dgas.twoStep('Run again', 'Run job ' + j.id + ' again', function () {
            dgas.write('POST', '/api/v1/jobs/' + j.id + '/retry').then(function (made) {
              note = 'Job #' + made.id + ' queued: the request of job #' + j.id + ' again.';
              return load();
            }, function (e) { dgas.say(status, e.message, true); });
          }));
          again.className = 'after-text';
        }
      } }
    ];
    function load() {
      return dgas.getJson('/api/v1/jobs' + dgas.query({ limit: LIMIT })).then(function (page) {
        dgas.table(box, 'Background jobs, newest first', columns, page.items, 'jobs');
        dgas.say(status, page.items.length ? note : 'No background jobs yet: the backtest and evaluation forms start them.');
        document.body.dataset.jobs = String(page.items.length);
      }).catch(function (e) { dgas.say(status, e.message, true); });
    }
    return { load: load };
  }

  dgas.jobsList = list;
})();
