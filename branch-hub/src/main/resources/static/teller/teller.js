// Teller console: polls /teller/api/current every 250 ms and redraws when the view's version changes.
// Polling rather than SSE: each poll is a small JSON read that any hub node can serve from the cluster map, so
// it survives node failover and proxies without holding connections open; 250 ms keeps a scan on screen within
// a second.
(function () {
  'use strict';
  const POLL_MS = 250;
  const OUTCOMES = {
    EXECUTED: ['已办理', 'Executed'], REJECTED: ['已拒绝', 'Rejected'], FAILED: ['办理失败', 'Failed']
  };
  let shownVersion = -1;
  let current = null;
  let busy = false;

  const $ = (id) => document.getElementById(id);

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function text(element, value) {
    element.textContent = value == null ? '' : String(value);
    return element;
  }

  function el(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content != null) node.textContent = content;
    return node;
  }

  async function getJson(url) {
    const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response.json();
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrfToken() },
      body: JSON.stringify(body)
    });
    const json = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, json: json };
  }

  function showOnly(id) {
    for (const section of ['idle', 'refused', 'form']) $(section).hidden = section !== id;
  }

  function render(view) {
    current = view;
    document.body.dataset.state = view.state;
    if (view.state === 'REFUSED') {
      showOnly('refused');
      $('refused').dataset.code = view.code || '';
      text($('refused-zh'), view.message ? view.message.zh : '');
      text($('refused-en'), view.message ? view.message.en : '');
    } else if (view.state === 'FORM' && view.form) {
      showOnly('form');
      renderForm(view.form);
    } else {
      showOnly('idle');
    }
  }

  function renderForm(form) {
    $('form').dataset.draftId = form.draftId;
    text($('form-title'), form.label.zh + ' ').appendChild(el('span', 'en', form.label.en));
    const customer = $('customer');
    customer.textContent = '';
    if (form.customer) {
      customer.appendChild(el('strong', null, form.customer.name));
      customer.appendChild(document.createTextNode('  手机尾号 '));
      customer.appendChild(el('span', 'en', 'mobile ending '));
      customer.appendChild(document.createTextNode(form.customer.mobileLast4 || ''));
    }
    const body = $('fields').querySelector('tbody');
    body.textContent = '';
    for (const field of form.fields) {
      const row = el('tr', field.idCheck ? 'id-check' : null);
      row.dataset.field = field.name;
      const label = el('td');
      label.appendChild(document.createTextNode(field.label.zh + ' '));
      label.appendChild(el('span', 'en', field.label.en));
      const value = el('td', 'value');
      value.appendChild(document.createTextNode(field.display.zh));
      if (field.display.en !== field.display.zh) value.appendChild(el('span', 'en', ' ' + field.display.en));
      row.appendChild(label);
      row.appendChild(value);
      body.appendChild(row);
    }
    $('error').hidden = true;
    $('reason').value = '';
    renderDecision(form.decision);
  }

  function renderDecision(decision) {
    const decided = !!decision;
    $('confirm').disabled = decided || busy;
    $('reject').disabled = decided || busy;
    $('reason').disabled = decided || busy;
    $('outcome').hidden = !decided;
    if (!decided) return;
    const names = OUTCOMES[decision.outcome] || [decision.outcome, decision.outcome];
    $('outcome').dataset.outcome = decision.outcome;
    $('outcome').classList.toggle('not-executed', decision.outcome !== 'EXECUTED');
    const already = decision.decidedElsewhere ? '（此前已处理 already decided） ' : '';
    text($('outcome-text'), already + names[0] + ' / ' + names[1] + ' · ' + new Date(decision.decidedAt).toLocaleString());
    text($('outcome-message'), decision.message || '');
    const link = $('voucher');
    if (decision.voucherReference) {
      link.href = 'api/vouchers/' + encodeURIComponent(decision.voucherReference);
      link.hidden = false;
    } else {
      link.hidden = true;
    }
  }

  function showError(json, status) {
    const box = $('error');
    box.textContent = '';
    box.appendChild(document.createTextNode((json && json.detailZh) || ('错误 ' + status)));
    box.appendChild(el('br'));
    box.appendChild(el('span', 'en', (json && json.detail) || ('Error ' + status)));
    box.dataset.code = (json && json.code) || '';
    box.hidden = false;
  }

  async function decide(kind) {
    if (busy || !current || !current.form) return;
    const form = current.form;
    const body = { confirmationId: form.confirmationId };
    if (kind === 'reject') {
      body.reason = $('reason').value.trim();
      if (!body.reason) {
        showError({ detail: 'A rejection needs a reason.', detailZh: '拒绝办理须填写原因。', code: 'REASON_REQUIRED' }, 400);
        return;
      }
    }
    busy = true;
    $('confirm').disabled = true;
    $('reject').disabled = true;
    try {
      const answer = await post('api/forms/' + encodeURIComponent(form.draftId) + '/' + kind, body);
      busy = false;
      if (answer.ok) {
        $('error').hidden = true;
        form.decision = answer.json;
        renderDecision(answer.json);
      } else {
        showError(answer.json, answer.status);
        renderDecision(null);
      }
    } catch (e) {
      busy = false;
      showError(null, e.message);
      renderDecision(null);
    }
    loadAudit();
  }

  async function poll() {
    try {
      const view = await getJson('api/current');
      if (view.version !== shownVersion) {
        shownVersion = view.version;
        render(view);
        loadAudit();
        loadCashOrders();
      }
    } catch (e) {
      // a failed poll is retried on the next tick
    }
    setTimeout(poll, POLL_MS);
  }

  async function loadAudit() {
    try {
      const audit = await getJson('api/audit?limit=20');
      const list = $('audit');
      list.textContent = '';
      for (const record of audit.records) {
        list.appendChild(el('li', null, new Date(record.at).toLocaleTimeString() + '  ' + record.action + '  '
          + record.tellerId + '@' + record.terminalId + '  ' + (record.type || '') + '  ' + (record.draftId || '')
          + '  → ' + record.outcome));
      }
    } catch (e) {
      // the audit list is informative only
    }
  }

  // The branch's cash orders for the coming week: what the large-cash bookings will take out per day and note type.
  async function loadCashOrders() {
    try {
      const answer = await getJson('api/cash-orders?days=7');
      const body = $('cash-orders').querySelector('tbody');
      body.textContent = '';
      if (answer.orders.length === 0) {
        const row = el('tr');
        row.appendChild(el('td', null, '无 None')).colSpan = 4;
        body.appendChild(row);
      }
      for (const order of answer.orders) {
        const row = el('tr');
        row.dataset.date = order.date;
        row.dataset.denomination = order.denomination;
        row.appendChild(el('td', null, order.date));
        row.appendChild(el('td', null, order.denomination));
        row.appendChild(el('td', 'open', Number(order.openAmount).toFixed(2) + ' ' + order.currency + ' ('
          + order.openBookings + ')'));
        row.appendChild(el('td', 'paid', Number(order.paidAmount).toFixed(2) + ' ' + order.currency + ' ('
          + order.paidBookings + ')'));
        body.appendChild(row);
      }
    } catch (e) {
      // the cash orders are informative; loaded again on the next scan or minute
    }
  }

  async function start() {
    $('confirm').addEventListener('click', () => decide('confirm'));
    $('reject').addEventListener('click', () => decide('reject'));
    try {
      const session = await getJson('api/session');
      text($('session'), '柜员 Teller ' + session.tellerId + ' · 终端 Terminal ' + session.terminalId + ' · '
        + session.branchId);
    } catch (e) {
      text($('session'), '—');
    }
    loadCashOrders();
    setInterval(loadCashOrders, 60000);
    poll();
  }

  start();
})();
