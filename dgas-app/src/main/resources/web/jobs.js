/*
 * Background jobs from the dashboard (a backtest, an evaluation over a large universe): the job is posted with the
 * admin token, followed (GET /api/v1/jobs/{id} every FOLLOW_MS) until it ends, its phase and progress said as it goes,
 * and cancelled on request. A job keeps running on the server when its page is left; GET /api/v1/jobs lists it, and a
 * page opened again picks up the newest open one of its kind ({@link resume}).
 */
(function () {
  'use strict';
  var FOLLOW_MS = 700;

  /**
   * "analysing 120 of 5000 (2 %)", "storing", "queued": what the job is doing now, "done" once it succeeded, or where
   * it was when it failed or was cancelled (empty when it ended before it began).
   */
  function progressText(job) {
    if (job.state === 'queued') { return 'queued'; }
    // a job that succeeded did every phase: its last one ("storing") would read as if it were still at it
    if (job.state === 'succeeded') { return 'done'; }
    if (job.state === 'running' && job.cancel_requested) { return 'cancelling at its next step'; }
    if (!job.phase) { return job.state === 'running' ? 'starting' : ''; }
    return job.phase + (job.total > 0 ? ' ' + job.done + ' of ' + job.total + ' (' + dgas.num(job.percent, 0) + ' %)' : '');
  }

  /**
   * Follows the job {@code accepted} resolves to: {@code onProgress(job)} at each look, and the promise {@code done}
   * resolves with the job's answer (the synchronous request's) once it succeeded, or rejects with its error said as the
   * API's errors are. {@code cancel()} asks the server to stop it (storing nothing).
   */
  function follow(accepted, onProgress) {
    var job = null;
    var done = accepted.then(function (first) {
      job = first;
      return new Promise(function (resolve, reject) {
        function look(j) {
          onProgress(j);
          if (j.state === 'succeeded') { resolve(j.result); return; }
          if (j.state !== 'queued' && j.state !== 'running') {
            var e = new Error(j.state === 'cancelled' ? 'Job #' + j.id + ' was cancelled; nothing was stored.'
              : 'Job #' + j.id + ' ' + j.state + ': ' + dgas.errorText(j.error, 200));
            e.job = j;
            reject(e);
            return;
          }
          setTimeout(function () { dgas.getJson(j.url).then(look, reject); }, FOLLOW_MS);
        }
        look(first);
      });
    });
    return {
      done: done,
      cancel: function () { return job ? dgas.write('POST', '/api/v1/jobs/' + job.id + '/cancel') : Promise.resolve(null); }
    };
  }

  /** Posts {@code body} to {@code url} as a job and {@link follow}s it. */
  function start(url, body, onProgress) {
    return follow(dgas.write('POST', url, body), onProgress);
  }

  /**
   * The newest open job of {@code kind} (one started before this page was opened, here or elsewhere), followed as
   * {@link follow} does; resolves to null when there is none.
   */
  function resume(kind, onProgress) {
    return dgas.getJson('/api/v1/jobs' + dgas.query({ kind: kind, limit: 20 })).then(function (page) {
      var open = page.items.filter(function (j) { return j.state === 'queued' || j.state === 'running'; })[0];
      return open ? follow(Promise.resolve(open), onProgress) : null;
    });
  }

  dgas.jobs = { start: start, resume: resume, progressText: progressText };
})();
