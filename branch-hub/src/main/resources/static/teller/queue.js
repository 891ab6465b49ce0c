// Teller console, queue panel: today's tickets (polled every second from /teller/api/queue), "Call next" (the next
// ticket is called to this terminal and its customer's first staged form opens in the form panel), the called
// customer's other staged forms, "Done", and today's waits (ticket → called) and services (called → done).
(function () {
  'use strict';
  const POLL_MS = 1000;
  const STATUS = { WAITING: ['等候', 'waiting'], CALLED: ['已叫号', 'called'], DONE: ['已办结', 'done'] };
  let called = null;

  const $ = (id) => document.getElementById(id);

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function el(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content != null) node.textContent = content;
    return node;
  }

  async function post(url) {
    const response = await fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrfToken() }, body: '{}'
    });
    const json = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, json: json };
  }

  function seconds(value) {
    if (value == null) return '—';
    return value < 60 ? value + ' s' : Math.floor(value / 60) + ' min ' + (value % 60) + ' s';
  }

  function showError(answer) {
    const box = $('queue-error');
    if (!answer) {
      box.hidden = true;
      return;
    }
    box.textContent = '';
    box.appendChild(document.createTextNode(answer.json.detailZh || ('错误 ' + answer.status)));
    box.appendChild(el('br'));
    box.appendChild(el('span', 'en', answer.json.detail || ('Error ' + answer.status)));
    box.dataset.code = answer.json.code || '';
    box.hidden = false;
  }

  function render(queue) {
    const body = $('tickets').querySelector('tbody');
    body.textContent = '';
    for (const ticket of queue.tickets) {
      const row = el('tr', 'ticket ' + ticket.status.toLowerCase());
      row.dataset.ticket = ticket.label;
      row.dataset.status = ticket.status;
      const names = STATUS[ticket.status] || [ticket.status, ticket.status];
      row.appendChild(el('td', 'number', ticket.label));
      row.appendChild(el('td', null, ticket.customerInitial));
      row.appendChild(el('td', 'forms', String(ticket.formsStaged)));
      row.appendChild(el('td', null, names[0] + ' ' + names[1] + (ticket.terminalId ? ' · ' + ticket.terminalId : '')));
      body.appendChild(row);
    }
    const s = queue.summary;
    $('queue-summary').textContent = '等候 waiting ' + s.waiting + ' · 今日等候 wait today: ' + s.waited.count
      + ', 中位 median ' + seconds(s.waited.medianSeconds) + ', P90 ' + seconds(s.waited.p90Seconds)
      + ' · 办理 service: ' + s.served.count + ', 中位 median ' + seconds(s.served.medianSeconds)
      + ', P90 ' + seconds(s.served.p90Seconds);
    renderCalled(queue.current);
  }

  function renderCalled(current) {
    called = current;
    const forms = $('called-forms');
    forms.textContent = '';
    $('queue-done').hidden = !current;
    if (!current) {
      $('called').textContent = '';
      return;
    }
    $('called').textContent = '当前 now serving ' + current.ticket.label + ' · ' + current.ticket.customerInitial;
    $('called').dataset.ticket = current.ticket.label;
    for (const form of current.forms) {
      const item = el('li');
      const open = el('button', 'open-form', form.label.zh + ' ' + form.label.en);
      open.type = 'button';
      open.dataset.draftId = form.draftId;
      open.addEventListener('click', async () => {
        showError(null);
        const answer = await post('api/queue/tickets/' + encodeURIComponent(current.ticket.ticketId) + '/forms/'
          + encodeURIComponent(form.draftId) + '/open');
        if (!answer.ok) showError(answer);
      });
      item.appendChild(open);
      forms.appendChild(item);
    }
    if (current.forms.length === 0) forms.appendChild(el('li', null, '没有预填单 no forms staged'));
  }

  async function refresh() {
    try {
      const response = await fetch('api/queue', { credentials: 'same-origin', cache: 'no-store' });
      if (response.ok) render(await response.json());
    } catch (e) {
      // retried on the next tick
    }
  }

  async function poll() {
    await refresh();
    setTimeout(poll, POLL_MS);
  }

  $('call-next').addEventListener('click', async () => {
    showError(null);
    const answer = await post('api/queue/call-next');
    if (!answer.ok) showError(answer);
    refresh();
  });
  $('queue-done').addEventListener('click', async () => {
    if (!called) return;
    showError(null);
    const answer = await post('api/queue/tickets/' + encodeURIComponent(called.ticket.ticketId) + '/done');
    if (!answer.ok) showError(answer);
    refresh();
  });
  poll();
})();
