/* The alerts page: rules (create, edit, delete with the admin token) and the alert log with delivery status. */
(function () {
  'use strict';
  var form = document.getElementById('rule-form');
  var formStatus = document.getElementById('form-status');
  var editing = null; // the rule being edited, or null for a new one

  function button(text, label, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', onClick);
    return b;
  }

  var RULE_COLUMNS = [
    { key: 'id', label: 'Id' }, { key: 'name', label: 'Name' }, { key: 'type', label: 'Type' },
    { label: 'Symbol', value: function (r) { return r.symbol || (r.symbols || []).join(' '); } },
    { key: 'condition', label: 'Condition' }, { key: 'threshold', label: 'Threshold' },
    { key: 'timeframe', label: 'Timeframe' },
    // the span a rule reads: a percent change's bars, a volume spike's averaging bars
    { label: 'Span (bars)', value: function (r) {
      return r.type === 'percent_change' ? r.bars : r.type === 'volume_spike' ? r.lookback : ''; } },
    { key: 'cooldown_seconds', label: 'Cooldown s' },
    { label: 'Active', value: function (r) { return r.active ? 'yes' : 'no'; } },
    { label: 'Last fired (UTC)', value: function (r) { return dgas.time(r.last_triggered_at); }, nowrap: true },
    { label: 'Actions', value: function () { return ''; }, render: function (r, td) {
      td.appendChild(button('Edit', 'Edit rule ' + r.id, function () { edit(r); }));
      td.appendChild(document.createTextNode(' '));
      td.appendChild(dgas.twoStep('Delete', 'Delete rule ' + r.id, function () { remove(r); }));
    } }
  ];

  var LOG_COLUMNS = [
    { label: 'Time (UTC)', value: function (e) { return dgas.time(e.ts); }, nowrap: true },
    { key: 'rule_id', label: 'Rule id' }, { key: 'rule', label: 'Rule' }, { key: 'symbol', label: 'Symbol' },
    { label: 'Value', value: function (e) { return dgas.num(e.trigger_value, 4); } },
    { label: 'Threshold', value: function (e) { return dgas.num(e.threshold_value, 4); } },
    { key: 'fired_status', label: 'Fired' }, { key: 'delivery_status', label: 'Delivery' },
    { label: 'Delivered (UTC)', value: function (e) { return dgas.time(e.delivered_at); }, nowrap: true },
    { key: 'message', label: 'Message' }
  ];

  function loadRules() {
    document.body.dataset.rules = '';
    dgas.allItems('/api/v1/alerts/rules').then(function (rules) {
      dgas.table(document.getElementById('rules-table'), 'Rules', RULE_COLUMNS, rules, 'alert-rules');
      dgas.say(document.getElementById('status'), dgas.count(rules.length, 'rule', 'rules'));
      document.body.dataset.rules = String(rules.length);
    }).catch(function (e) { dgas.say(document.getElementById('status'), e.message, true); });
  }

  function loadLog() {
    var f = new FormData(document.getElementById('log-filters')), p = { limit: 200 };
    f.forEach(function (v, k) { p[k] = String(v).trim(); });
    document.body.dataset.log = '';
    dgas.getJson('/api/v1/alerts/log' + dgas.query(p)).then(function (page) {
      dgas.table(document.getElementById('log-table'), 'Fired alerts, newest first', LOG_COLUMNS, page.items, 'alert-log');
      dgas.say(document.getElementById('log-status'), dgas.count(page.items.length, 'entry', 'entries'));
      document.body.dataset.log = String(page.items.length);
    }).catch(function (e) { dgas.say(document.getElementById('log-status'), e.message, true); });
  }

  /** The form as rule fields: empty ones left out, so the server's defaults (or, on edit, the current values) hold. */
  function fields() {
    var body = {};
    ['name', 'type', 'condition', 'timeframe'].forEach(function (k) {
      var v = form.elements[k].value.trim();
      if (v) { body[k] = v; }
    });
    var symbol = form.elements.symbol.value.trim().toUpperCase();
    if (symbol) { body.symbol = symbol; }
    if (form.elements.threshold.value !== '') { body.threshold = Number(form.elements.threshold.value); }
    ['cooldown_seconds', 'bars', 'lookback'].forEach(function (k) {
      if (form.elements[k].value !== '') { body[k] = Number(form.elements[k].value); }
    });
    var symbols = form.elements.symbols.value.split(/[\s,]+/).filter(Boolean).map(function (x) { return x.toUpperCase(); });
    if (symbols.length) { body.symbols = symbols; }
    body.active = form.elements.active.checked;
    return body;
  }

  function edit(r) {
    editing = r;
    form.elements.name.value = r.name;
    form.elements.type.value = r.type;
    form.elements.symbol.value = r.symbol || '';
    form.elements.condition.value = r.condition || '';
    form.elements.threshold.value = r.threshold;
    form.elements.timeframe.value = r.timeframe || '';
    form.elements.cooldown_seconds.value = r.cooldown_seconds;
    form.elements.bars.value = r.type === 'percent_change' ? r.bars : '';
    form.elements.lookback.value = r.type === 'volume_spike' ? r.lookback : '';
    form.elements.symbols.value = (r.symbols || []).join(', ');
    form.elements.active.checked = r.active;
    document.getElementById('form-title').textContent = 'Edit rule #' + r.id;
    document.getElementById('save').textContent = 'Save rule #' + r.id;
    document.getElementById('cancel-edit').hidden = false;
    form.elements.name.focus();
  }

  function reset() {
    editing = null;
    form.reset();
    document.getElementById('form-title').textContent = 'New rule';
    document.getElementById('save').textContent = 'Create rule';
    document.getElementById('cancel-edit').hidden = true;
  }

  function remove(r) {
    dgas.write('DELETE', '/api/v1/alerts/rules/' + r.id).then(function () {
      dgas.say(formStatus, 'Deleted rule #' + r.id + '.');
      loadRules();
    }).catch(function (e) { dgas.say(formStatus, e.message, true); });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var req = editing ? dgas.write('PUT', '/api/v1/alerts/rules/' + editing.id, fields())
      : dgas.write('POST', '/api/v1/alerts/rules', fields());
    req.then(function (rule) {
      dgas.say(formStatus, (editing ? 'Saved' : 'Created') + ' rule #' + rule.id + ' ' + rule.name + '.');
      reset();
      loadRules();
    }).catch(function (err) { dgas.say(formStatus, err.message, true); });
  });
  document.getElementById('cancel-edit').addEventListener('click', reset);
  document.getElementById('log-filters').addEventListener('submit', function (e) { e.preventDefault(); loadLog(); });
  var refresh = function () { loadRules(); loadLog(); };
  dgas.events({ alert: refresh }, refresh);
  loadRules();
  loadLog();
})();
