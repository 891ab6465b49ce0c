// Fleet dashboard: loads /fleet/api/devices once, then keeps every card current from the hub's Server-Sent Events
// stream (/fleet/api/stream, one `device` event with the device's whole view per change). EventSource reconnects by
// itself; after a reconnect the page reloads the list so nothing sent while it was away is missed.
(function () {
  'use strict';
  const STATUS = {
    IN_SERVICE: ['服务中', 'In service'], OUT_OF_SERVICE: ['暂停服务', 'Out of service'],
    FAULT: ['故障', 'Fault'], UNKNOWN: ['未知', 'Unknown']
  };
  const LEVEL = { EMPTY: '空 Empty', LOW: '低 Low', OK: '正常 OK', HIGH: '高 High' };
  const devices = new Map();
  let reconciling = null;

  const $ = (id) => document.getElementById(id);

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function el(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content != null) node.textContent = String(content);
    return node;
  }

  function time(instant) {
    return instant ? new Date(instant).toLocaleString() : '–';
  }

  function money(amount) {
    return amount ? (amount.minorUnits / 100).toFixed(2) + ' ' + amount.currency : '';
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
      body: JSON.stringify(body || {})
    });
    const json = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, json: json };
  }

  function showError(message) {
    $('error').textContent = message || '';
    $('error').hidden = !message;
  }

  function forecastText(cassette) {
    if (!cassette.emptyAt) return '当前速率下不会用完 · not running out at the current rate';
    const rate = cassette.notesPerHour.toFixed(1) + ' notes/h';
    const low = cassette.lowAt ? ' · low at ' + time(cassette.lowAt) : '';
    return rate + ' · empty at ' + time(cassette.emptyAt) + low;
  }

  function cassetteNode(cassette) {
    const node = el('div', 'cassette');
    node.dataset.unit = cassette.unitId;
    node.dataset.level = cassette.level;
    const row = el('div', 'row');
    row.append(el('span', null, cassette.unitId + ' · ' + money(cassette.denomination)),
      el('span', 'count', cassette.count + ' notes · ' + LEVEL[cassette.level]));
    const scale = Math.max(cassette.high, cassette.count, 1);
    const bar = el('div', 'bar');
    bar.title = 'low ' + cassette.low + ' · high ' + cassette.high;
    const fill = el('div', 'fill');
    fill.style.width = Math.min(100, 100 * cassette.count / scale) + '%';
    const low = el('div', 'mark');
    low.style.left = (100 * cassette.low / scale) + '%';
    bar.append(fill, low);
    node.append(row, bar, el('div', 'forecast', 'low ' + cassette.low + ' / high ' + cassette.high + ' · '
      + forecastText(cassette)));
    return node;
  }

  function button(label, action, className) {
    const node = el('button', className, label);
    node.type = 'button';
    node.dataset.action = action;
    return node;
  }

  function card(device) {
    const node = el('article', 'device');
    node.id = 'device-' + device.deviceId;
    node.dataset.deviceId = device.deviceId;
    node.dataset.status = device.status;
    node.dataset.online = String(device.online);
    node.dataset.faulted = String(device.currentFaults.length > 0);
    const title = el('h2');
    const badges = el('span');
    badges.append(el('span', 'badge ' + (device.online ? 'online' : 'offline'), device.online ? '在线 online'
      : '离线 offline'), el('span', 'badge status', (STATUS[device.status] || [device.status, ''])[1]));
    title.append(el('span', null, device.deviceId + (device.kind ? ' · ' + device.kind : '')), badges);
    node.append(title, el('div', 'meta', (device.online ? 'online since ' : 'offline since ')
      + time(device.presenceSince) + ' · last seen ' + time(device.lastSeen)));
    if (device.currentFaults.length > 0) {
      const faults = el('div', 'faults');
      faults.setAttribute('role', 'alert');
      const list = el('ul');
      device.currentFaults.forEach((fault) => list.append(el('li', 'fault', fault.component + ' ' + fault.faultCode
        + (fault.description ? ' – ' + fault.description : '') + ' · ' + time(fault.at))));
      faults.append(el('strong', null, '故障 Faults'), list);
      node.append(faults);
    }
    device.cassettes.forEach((cassette) => node.append(cassetteNode(cassette)));
    if (device.lastReconciliation) {
      node.append(el('div', 'meta', 'last reconciled ' + time(device.lastReconciliation.at) + ' by '
        + device.lastReconciliation.operatorId + ': ' + device.lastReconciliation.units.map((unit) => unit.unitId
        + ' ' + (unit.difference >= 0 ? '+' : '') + unit.difference).join(', ')));
    }
    if (device.lastCommand) {
      node.append(el('div', 'meta', 'last command ' + device.lastCommand.command + ' · '
        + time(device.lastCommand.issuedAt)));
    }
    const actions = el('div', 'actions');
    actions.append(button('暂停服务 Out of service', 'out-of-service', 'danger'),
      button('恢复服务 In service', 'in-service'));
    // a teller terminal takes the service commands only; reset and reconcile are for ITMs
    if (device.kind !== 'TELLER') actions.append(button('复位 Reset', 'reset'));
    if (device.cassettes.length > 0) actions.append(button('清点对账 Reconcile', 'reconcile'));
    actions.append(button('故障记录 History (' + device.faultsInHistory + ')', 'history'));
    node.append(actions);
    return node;
  }

  function render(device) {
    devices.set(device.deviceId, device);
    const fresh = card(device);
    const existing = $('device-' + device.deviceId);
    if (existing) {
      existing.replaceWith(fresh);
    } else {
      const ids = Array.from(devices.keys()).sort();
      const next = ids.slice(ids.indexOf(device.deviceId) + 1).map((id) => $('device-' + id)).find((n) => n);
      $('devices').insertBefore(fresh, next || null);
    }
  }

  async function loadAll() {
    const list = await getJson('api/devices');
    list.forEach(render);
  }

  async function loadAudit() {
    const records = await getJson('api/audit?limit=50');
    const list = $('audit');
    list.replaceChildren(...records.map((record) => el('li', null, time(record.at) + ' · ' + record.operatorId
      + ' · ' + record.deviceId + ' · ' + record.command + (record.detail ? ' · ' + record.detail : ''))));
  }

  async function command(deviceId, action, body) {
    showError('');
    const answer = await post('api/devices/' + encodeURIComponent(deviceId) + '/' + action, body);
    if (!answer.ok) {
      showError((answer.json && answer.json.detail) || ('HTTP ' + answer.status));
      return;
    }
    loadAudit().catch(() => {});
  }

  async function showHistory(deviceId) {
    const faults = await getJson('api/devices/' + encodeURIComponent(deviceId) + '/faults');
    $('history-device').textContent = deviceId;
    $('history-rows').replaceChildren(...faults.map((fault) => {
      const row = el('tr');
      row.append(el('td', null, time(fault.at)), el('td', null, fault.component), el('td', null, fault.faultCode),
        el('td', null, fault.description || ''), el('td', null, fault.clearedAt ? time(fault.clearedAt) : '当前 current'));
      return row;
    }));
    $('history').showModal();
  }

  function showReconcile(deviceId) {
    const device = devices.get(deviceId);
    reconciling = deviceId;
    $('reconcile-device').textContent = deviceId;
    $('reconcile-units').replaceChildren(...device.cassettes.map((cassette) => {
      const label = el('label', null, cassette.unitId + ' · ' + money(cassette.denomination) + ' (reported '
        + cassette.count + ')');
      const input = el('input');
      input.type = 'number';
      input.min = '0';
      input.max = '100000';
      input.required = true;
      input.value = String(cassette.count);
      input.dataset.unit = cassette.unitId;
      label.append(input);
      return label;
    }));
    $('reconcile').showModal();
  }

  $('reconcile').addEventListener('close', () => {
    if ($('reconcile').returnValue !== 'send' || !reconciling) return;
    const counts = Array.from($('reconcile-units').querySelectorAll('input')).map((input) => ({
      unitId: input.dataset.unit, count: Number(input.value)
    }));
    command(reconciling, 'reconcile', { counts: counts });
    reconciling = null;
  });

  $('devices').addEventListener('click', (event) => {
    const target = event.target.closest('button[data-action]');
    if (!target) return;
    const deviceId = target.closest('.device').dataset.deviceId;
    const action = target.dataset.action;
    if (action === 'history') {
      showHistory(deviceId).catch((e) => showError(e.message));
    } else if (action === 'reconcile') {
      showReconcile(deviceId);
    } else {
      command(deviceId, action, {});
    }
  });

  function connect() {
    const stream = new EventSource('api/stream');
    stream.addEventListener('open', () => {
      $('live').dataset.live = 'true';
      $('live').textContent = '● live';
      loadAll().catch((e) => showError(e.message));
    });
    stream.addEventListener('device', (event) => render(JSON.parse(event.data)));
    stream.addEventListener('error', () => {
      $('live').dataset.live = 'false';
      $('live').textContent = '○ reconnecting';
    });
  }

  async function start() {
    const session = await getJson('api/session');
    $('session').textContent = session.operatorId + ' · ' + session.branchId;
    await loadAll();
    loadAudit().catch(() => {});
    connect();
  }

  start().catch((e) => showError('Cannot load the fleet: ' + e.message));
}());
