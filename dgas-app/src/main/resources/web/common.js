/*
 * Shared by every dashboard page (window.dgas): the header's page links, JSON requests whose errors are shown as the
 * API words them ({error, parameter, value, accepted}), tables that also download as CSV, the admin token (asked once,
 * kept in this tab's sessionStorage only) and the server's event stream. No build step.
 */
(function () {
  'use strict';
  var PAGES = [
    ['index.html', 'Market'], ['data.html', 'Data'], ['signals.html', 'Signals'], ['runs.html', 'Runs'],
    ['alerts.html', 'Alerts'], ['database.html', 'Database'], ['caches.html', 'Caches'], ['api.html', 'API'],
    ['portfolio.html', 'Portfolio'], ['backtest.html', 'Backtests']
  ];
  var TOKEN_KEY = 'dgas.token';

  /** Fills <nav id="nav"> with the page links, the current one marked for screen readers and the eye. */
  function nav() {
    var box = document.getElementById('nav');
    if (!box) { return; }
    var here = location.pathname.split('/').pop() || 'index.html';
    var ul = document.createElement('ul');
    PAGES.forEach(function (p) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = p[0];
      a.textContent = p[1];
      if (p[0] === here) { a.setAttribute('aria-current', 'page'); }
      li.appendChild(a);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  /** The message of an API error body: what was wrong, with the parameter, its value and what is accepted. */
  function errorText(body, status) {
    if (!body || typeof body !== 'object') { return 'HTTP ' + status; }
    var text = body.error || body.message || ('HTTP ' + status);
    if (body.parameter) {
      text += ' (' + body.parameter + (body.value !== undefined && body.value !== null ? ' = ' + body.value : '') + ')';
    }
    if (body.accepted && body.accepted.length) { text += '; accepted: ' + body.accepted.join(', '); }
    if (status === 401) { text = 'Refused (401): this needs the admin token. ' + text; }
    if (status === 403) { text = 'Refused (403): the admin token is wrong. ' + text; }
    return text;
  }

  /** fetch with a JSON answer; a non-2xx answer rejects with an Error whose message is {@link errorText}. */
  function request(method, url, body, token) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (token) { headers.Authorization = 'Bearer ' + token; }
    return fetch(url, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) {
        return r.text().then(function (text) {
          var parsed = null;
          try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
          if (!r.ok) {
            var err = new Error(errorText(parsed, r.status));
            err.status = r.status;
            throw err;
          }
          return parsed;
        });
      });
  }

  /**
   * A read: with the kept token when there is one (under {@code web.auth: all} reads need it); a 401/403 forgets the
   * kept token, asks for one once and repeats the read with it.
   */
  function getJson(url) {
    return request('GET', url, undefined, sessionStorage.getItem(TOKEN_KEY)).catch(function (e) {
      if (e.status !== 401 && e.status !== 403) { throw e; }
      sessionStorage.removeItem(TOKEN_KEY);
      return token().then(function (t) {
        if (!t) { throw e; }
        return request('GET', url, undefined, t);
      });
    });
  }

  /**
   * Every item of a paged list ({items, next_offset}), a page of 1,000 at a time: a universe may hold thousands of
   * symbols, more than one page. {@code url} has a query string of its own or none.
   */
  function allItems(url) {
    var items = [];
    function page(offset) {
      return getJson(url + (url.indexOf('?') < 0 ? '?' : '&') + 'limit=1000&offset=' + offset).then(function (p) {
        items = items.concat(p.items);
        return p.next_offset === null || p.next_offset === undefined ? items : page(p.next_offset);
      });
    }
    return page(0);
  }

  /** Shows {@code text} in a role=status element, as an error when {@code error}. */
  function say(el, text, error) {
    el.textContent = text;
    el.className = error ? 'status error' : 'status';
  }

  /** The query string of the non-empty entries of {@code params}. */
  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      var v = params[k];
      if (v !== null && v !== undefined && v !== '') { parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(v)); }
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  function cell(row, col) {
    var v = typeof col.value === 'function' ? col.value(row) : row[col.key];
    return v === null || v === undefined ? '' : String(v);
  }

  /**
   * RFC 4180 text of {@code rows} under the columns' labels: the same cell texts the table shows (but the columns of
   * controls only, marked {@code csv: false}).
   */
  function csv(columns, rows) {
    columns = columns.filter(function (c) { return c.csv !== false; });
    var quote = function (s) { return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
    var lines = [columns.map(function (c) { return quote(c.label); }).join(',')];
    rows.forEach(function (r) { lines.push(columns.map(function (c) { return quote(cell(r, c)); }).join(',')); });
    return lines.join('\r\n') + '\r\n';
  }

  /** Saves {@code text} as a file named {@code name} through a temporary blob link. */
  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /**
   * Renders {@code rows} into {@code box} as a table with a caption and a "Download CSV" button that saves exactly the
   * rows shown. A column: {key | value(row), label, render(row, td)?, nowrap?, grouped?}; render may add controls to the
   * cell, nowrap keeps the cell on one line (times), grouped shows its numbers' thousands grouped (amounts; the CSV
   * keeps the plain digits).
   */
  function table(box, caption, columns, rows, fileName) {
    box.innerHTML = '';
    var bar = document.createElement('div');
    bar.className = 'table-bar';
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'csv';
    button.textContent = 'Download CSV';
    button.setAttribute('aria-label', 'Download ' + caption + ' as CSV');
    button.addEventListener('click', function () { download(fileName + '.csv', csv(columns, rows)); });
    bar.appendChild(button);
    box.appendChild(bar);
    var t = document.createElement('table');
    var cap = document.createElement('caption');
    cap.textContent = caption + ' (' + rows.length + ')';
    t.appendChild(cap);
    var head = t.createTHead().insertRow();
    columns.forEach(function (c) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = c.label;
      head.appendChild(th);
    });
    var body = t.createTBody();
    rows.forEach(function (r) {
      var tr = body.insertRow();
      columns.forEach(function (c) {
        var td = tr.insertCell();
        td.textContent = c.grouped ? grouped(cell(r, c)) : cell(r, c);
        if (c.nowrap) { td.classList.add('nowrap'); }
        if (c.render) { c.render(r, td); }
      });
    });
    if (!rows.length) {
      var td = body.insertRow().insertCell();
      td.colSpan = columns.length;
      td.className = 'empty';
      td.textContent = 'none';
    }
    box.appendChild(t);
    return t;
  }

  /**
   * The admin token: the one kept in this tab's sessionStorage, else asked once in a dialog (resolves null when the
   * user gives none: the request then goes without and the server's refusal is shown).
   */
  var asking = null;

  function token() {
    var kept = sessionStorage.getItem(TOKEN_KEY);
    if (kept) { return Promise.resolve(kept); }
    // the page's reads may all be refused at once: one dialog answers them all
    if (asking) { return asking; }
    asking = new Promise(function (resolve) {
      var dialog = document.createElement('dialog');
      dialog.id = 'token-dialog';
      dialog.setAttribute('aria-labelledby', 'token-title');
      dialog.innerHTML = '<form method="dialog"><h2 id="token-title">Admin token</h2>'
        + '<p>Changes need the server\'s admin token. It is kept in this browser tab only (sessionStorage).</p>'
        + '<label for="token-input">Token</label> <input id="token-input" type="password" autocomplete="off">'
        + '<div class="buttons"><button id="token-ok" value="ok">Use token</button>'
        + ' <button id="token-cancel" value="cancel" formnovalidate>Cancel</button></div></form>';
      document.body.appendChild(dialog);
      dialog.addEventListener('close', function () {
        var value = dialog.returnValue === 'ok' ? dialog.querySelector('input').value.trim() : '';
        dialog.remove();
        if (value) { sessionStorage.setItem(TOKEN_KEY, value); }
        asking = null;
        resolve(value || null);
      });
      dialog.showModal();
      dialog.querySelector('input').focus();
    });
    return asking;
  }

  /** A write with the admin token; a 401/403 forgets the kept token so that the next write asks again. */
  function write(method, url, body) {
    return token().then(function (t) {
      return request(method, url, body, t).catch(function (e) {
        if (e.status === 401 || e.status === 403) { sessionStorage.removeItem(TOKEN_KEY); }
        throw e;
      });
    });
  }

  /**
   * Feeds {@code text} (a chunk of a text/event-stream) into {@code state} ({buffer, name, data}): every complete
   * event (a blank line ends it) goes to {@code dispatch(name, data)}; comments (":…", the heartbeats) are skipped.
   */
  function sseParse(state, text, dispatch) {
    state.buffer += text;
    var lines = state.buffer.split(/\r\n|\r|\n/);
    state.buffer = lines.pop();
    lines.forEach(function (line) {
      if (line === '') {
        if (state.data.length) { dispatch(state.name || 'message', state.data.join('\n')); }
        state.name = '';
        state.data = [];
        return;
      }
      if (line.charAt(0) === ':') { return; }
      var colon = line.indexOf(':');
      var field = colon < 0 ? line : line.slice(0, colon);
      var value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') { state.name = value; } else if (field === 'data') { state.data.push(value); }
    });
  }

  /**
   * Subscribes to the server's events ({name: handler(data)}); document.body's data-events tells whether the stream
   * is open ("open", "reconnecting", "refused" while the token is missing or wrong). A fetch-based reader, not
   * EventSource, so that it sends the kept admin token (reads may need it: {@code web.auth: all}). After an outage it
   * reconnects with a growing pause (1 s doubling to 30 s); events of the outage are not replayed, so
   * {@code reopened} (the page's reload) runs on every reconnect. Returns {close()}.
   */
  function events(handlers, reopened) {
    if (!window.fetch || !window.ReadableStream || !window.TextDecoder) { return null; }
    var lost = false, closed = false, hidden = false, pause = 1000, controller = null;
    function dispatch(name, text) {
      if (!handlers[name]) { return; }
      var data = null;
      try { data = JSON.parse(text); } catch (err) { return; }
      handlers[name](data);
    }
    function retry(state) {
      lost = true;
      document.body.dataset.events = state;
      if (closed || hidden) { return; }
      setTimeout(connect, pause);
      pause = Math.min(30000, pause * 2);
    }
    function connect() {
      var headers = { Accept: 'text/event-stream' };
      var t = sessionStorage.getItem(TOKEN_KEY);
      if (t) { headers.Authorization = 'Bearer ' + t; }
      controller = window.AbortController ? new AbortController() : null;
      fetch('/api/v1/events', { headers: headers, cache: 'no-store', signal: controller ? controller.signal : undefined })
        .then(function (r) {
          if (r.status === 401 || r.status === 403) { retry('refused'); return; }
          if (!r.ok || !r.body) { retry('reconnecting'); return; }
          document.body.dataset.events = 'open';
          pause = 1000;
          if (lost && reopened) { reopened(); }
          lost = false;
          var reader = r.body.getReader(), decoder = new TextDecoder(), state = { buffer: '', name: '', data: [] };
          function pump() {
            return reader.read().then(function (chunk) {
              if (chunk.done) { retry('reconnecting'); return undefined; }
              sseParse(state, decoder.decode(chunk.value, { stream: true }), dispatch);
              return pump();
            });
          }
          return pump();
        })
        .catch(function () { retry('reconnecting'); });
    }
    connect();
    // a page left for another may be kept in the back/forward cache with its stream open, holding one of the six
    // connections a browser gives a host: the stream ends when the page is hidden and, should the page be shown again
    // from that cache, starts anew (lost: the reopened handler reads what changed meanwhile)
    window.addEventListener('pagehide', function () {
      hidden = true;
      if (controller) { controller.abort(); }
    });
    window.addEventListener('pageshow', function (e) {
      if (!e.persisted || closed) { return; }
      hidden = false;
      lost = true;
      connect();
    });
    return { close: function () { closed = true; if (controller) { controller.abort(); } } };
  }

  /** ISO time to "YYYY-MM-DD HH:MM" UTC; empty for none. */
  function time(iso) {
    return iso ? new Date(iso).toISOString().slice(0, 16).replace('T', ' ') : '';
  }

  /** "1 entry", "2 entries": a count with its noun in the right number. */
  function count(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function num(v, digits) {
    return v === null || v === undefined || v === '' ? '' : Number(v).toFixed(digits === undefined ? 2 : digits);
  }

  /**
   * {@code text} with the thousands of each number grouped ("9690.00 of 20000.00" reads "9,690.00 of 20,000.00"), for
   * people: a table's CSV keeps the plain digits a spreadsheet reads.
   */
  function grouped(text) {
    return String(text).replace(/\d+(?:\.\d+)?/g, function (n) {
      var dot = n.indexOf('.');
      var whole = dot < 0 ? n : n.slice(0, dot);
      return whole.replace(/\B(?=(\d{3})+$)/g, ',') + (dot < 0 ? '' : n.slice(dot));
    });
  }


  /**
   * "62 % (lower bound 55 %, 40 decided)", "… 40 decided with any settings)" when the outcomes are of every setting
   * (scope "all": the signal's own settings had too few), or "uncalibrated (n 12 decided)" when calibration had too few.
   */
  function probability(p, lower, decided, scope) {
    var n = decided === null || decided === undefined ? 0 : decided;
    if (p === null || p === undefined) { return 'uncalibrated (n ' + n + ' decided)'; }
    return num(100 * p, 0) + ' % (lower bound ' + num(100 * lower, 0) + ' %, ' + n + ' decided'
      + (scope === 'all' ? ' with any settings' : '') + ')';
  }

  /**
   * A button that acts on its second press ("Delete", then "Confirm delete"), so that one stray key press deletes or
   * stops nothing; {@code label} is its accessible name. Having acted it is as it was: the next act asks twice again.
   */
  function twoStep(text, label, act) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', function () {
      if (!b.dataset.armed) {
        b.dataset.armed = '1';
        b.textContent = 'Confirm ' + text.toLowerCase();
        return;
      }
      delete b.dataset.armed;
      b.textContent = text;
      act();
    });
    return b;
  }

  /** "5 bars, until YYYY-MM-DD HH:MM UTC"; empty when the signal does not lapse (exits, older rows). */
  function expiry(bars, expiresAt) {
    if (bars === null || bars === undefined) { return ''; }
    return bars + ' bars' + (expiresAt ? ', until ' + time(expiresAt) + ' UTC' : '');
  }

  function frameText(f) {
    if (!f) { return '–'; }
    return [f.timeframe, (f.state || '').replace(/_/g, ' '), f.direction, num(f.confidence)]
      .filter(function (x) { return x; }).join(' ');
  }

  function zoneText(z, close, atr) {
    if (!z) { return 'none'; }
    var text = z.role + ' ' + num(z.lower) + '–' + num(z.upper) + ' (level ' + num(z.level) + ', ' + z.timeframes
      + ' TFs, weight ' + num(z.weight, 1) + ')';
    if (atr && close !== null && close !== undefined && z.level !== null) {
      var d = (z.level - close) / atr;
      text += ', ' + num(Math.abs(d), 1) + ' ATR ' + (d < 0 ? 'below' : 'above') + ' the close';
    }
    return text;
  }

  /**
   * The readable breakdown of a signal's stored reasons (the API's {@code reasons} object) as a list of terms: HTF
   * state, trading state, alignment, zone used, opposing zone, patterns, ATR and reach, R:R. Null when the signal has
   * none (rows stored before reasons were kept hold {@code []}).
   */
  function reasons(r) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) { return null; }
    var events = (r.events || []).map(function (e) {
      return e.type.replace(/_/g, ' ') + (e.direction ? ' ' + e.direction : '') + ' (bars ' + e.start_bar + '–'
        + e.end_bar + ', strength ' + num(e.strength) + ')';
    });
    var a = r.alignment || {};
    var rows = [
      ['HTF', frameText(r.htf) + (r.htf_strength !== null && r.htf_strength !== undefined ? ', strength ' + num(r.htf_strength) : '')],
      ['Trading', frameText(r.trading)],
      ['Alignment', num(a.total) + ' (direction ' + num(a.direction) + ', state ' + num(a.state) + ', confidence '
        + num(a.confidence) + ')'],
      ['Zone used', zoneText(r.zone, r.close, r.atr)],
      ['Opposing zone', zoneText(r.opposing_zone, r.close, r.atr)],
      ['Patterns', events.length ? events.join('; ') : 'none'],
      ['ATR', num(r.atr) + ' (reach ' + num(r.reach) + ', stop buffer ' + num(r.stop_buffer) + ')'],
      ['R:R', num(r.reward_risk, 1) + (r.target_capped ? ' (target capped by the opposing zone)' : '')]
    ];
    var dl = document.createElement('dl');
    dl.className = 'reasons';
    rows.forEach(function (kv) {
      var dt = document.createElement('dt'); dt.textContent = kv[0];
      var dd = document.createElement('dd'); dd.textContent = kv[1];
      dl.appendChild(dt); dl.appendChild(dd);
    });
    return dl;
  }

  window.dgas = {
    nav: nav, request: request, getJson: getJson, allItems: allItems, errorText: errorText, say: say, query: query, csv: csv, grouped: grouped,
    download: download, table: table, token: token, write: write, events: events, sseParse: sseParse, time: time,
    num: num, count: count,
    probability: probability, expiry: expiry, reasons: reasons, twoStep: twoStep
  };
  nav();
})();
