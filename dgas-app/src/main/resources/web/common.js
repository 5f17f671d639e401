/*
 * Shared by every dashboard page (window.dgas): the header's page links, JSON requests whose errors are shown as the
 * API words them ({error, parameter, value, accepted}), tables that also download as CSV, the admin token (asked once,
 * kept in this tab's sessionStorage only) and the server's event stream. No build step.
 */
(function () {
  'use strict';
  var PAGES = [
    ['index.html', 'Market'], ['signals.html', 'Signals'], ['runs.html', 'Runs'], ['alerts.html', 'Alerts'],
    ['caches.html', 'Caches'], ['api.html', 'API'],
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

  function getJson(url) { return request('GET', url); }

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

  /** RFC 4180 text of {@code rows} under the columns' labels: the same cell texts the table shows. */
  function csv(columns, rows) {
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
   * rows shown. A column: {key | value(row), label, render(row, td)?}; render may add controls to the cell.
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
        td.textContent = cell(r, c);
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
  function token() {
    var kept = sessionStorage.getItem(TOKEN_KEY);
    if (kept) { return Promise.resolve(kept); }
    return new Promise(function (resolve) {
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
        resolve(value || null);
      });
      dialog.showModal();
      dialog.querySelector('input').focus();
    });
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
   * Subscribes to the server's events ({name: handler(data)}); document.body's data-events tells whether the stream
   * is open. EventSource reconnects by itself after an outage; events of the outage are not replayed, so
   * {@code reopened} (the page's reload) runs on every reconnect.
   */
  function events(handlers, reopened) {
    if (!window.EventSource) { return null; }
    var source = new EventSource('/api/v1/events');
    var lost = false;
    source.onopen = function () {
      document.body.dataset.events = 'open';
      if (lost && reopened) { reopened(); }
      lost = false;
    };
    source.onerror = function () { lost = true; document.body.dataset.events = 'reconnecting'; };
    Object.keys(handlers).forEach(function (name) {
      source.addEventListener(name, function (e) {
        var data = null;
        try { data = JSON.parse(e.data); } catch (err) { return; }
        handlers[name](data);
      });
    });
    return source;
  }

  /** ISO time to "YYYY-MM-DD HH:MM" UTC; empty for none. */
  function time(iso) {
    return iso ? new Date(iso).toISOString().slice(0, 16).replace('T', ' ') : '';
  }

  function num(v, digits) {
    return v === null || v === undefined || v === '' ? '' : Number(v).toFixed(digits === undefined ? 2 : digits);
  }

  window.dgas = {
    nav: nav, request: request, getJson: getJson, errorText: errorText, say: say, query: query, csv: csv,
    download: download, table: table, token: token, write: write, events: events, time: time, num: num
  };
  nav();
})();
