'use strict';

// The simulated phone app: talks to channel-api through this server's same-origin proxy (/api/v1/...).
const state = { session: null, staged: null, qrUrl: null };
const $ = (id) => document.getElementById(id);

function say(text, error) {
  $('status').textContent = text;
  $('status').classList.toggle('error', !!error);
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (state.session) headers['Authorization'] = 'Bearer ' + state.session;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const answer = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new Error((answer.irc ? answer.irc + ': ' : '') + (answer.detail || ('HTTP ' + response.status)));
  }
  return answer;
}

function money(amount, currency) {
  return Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + ' ' + currency;
}

async function showAccounts() {
  const accounts = await api('GET', '/api/v1/accounts');
  const list = $('accounts');
  const select = $('account');
  const chosen = select.value;
  list.replaceChildren();
  select.replaceChildren();
  for (const account of accounts) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = account.name;
    const balance = document.createElement('span');
    balance.className = 'balance';
    balance.textContent = money(account.balance, account.currency);
    const available = document.createElement('span');
    available.className = 'available';
    available.textContent = 'available ' + money(account.available, account.currency);
    balance.append(available);
    item.append(name, balance);
    list.append(item);
    const option = document.createElement('option');
    option.value = account.id;
    option.textContent = account.name;
    select.append(option);
  }
  if (chosen) select.value = chosen;
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  say('Logging in…');
  try {
    const answer = await api('POST', '/api/v1/sessions', {
      username: $('username').value, password: $('password').value, deviceId: $('device-id').value,
    });
    state.session = answer.token;
    $('who').textContent = $('username').value + ' · ' + $('device-id').value;
    await showAccounts();
    $('login').hidden = true;
    $('home').hidden = false;
    say('Logged in.');
  } catch (e) {
    say('Login failed: ' + e.message, true);
  }
});

$('stage-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  say('Staging the withdrawal…');
  try {
    const staged = await api('POST', '/api/v1/cardless/withdrawals', {
      accountId: $('account').value, amount: Number($('amount').value), currency: 'CNY', branchId: $('branch').value,
    });
    state.staged = { tokenId: staged.tokenId, amount: staged.amount, currency: staged.currency,
      expiresAt: staged.expiresAt, qrPng: staged.qrPng };
    const png = await fetch(staged.qrPng, { headers: { 'Authorization': 'Bearer ' + state.session } });
    if (!png.ok) throw new Error('the QR code could not be fetched (HTTP ' + png.status + ')');
    if (state.qrUrl) URL.revokeObjectURL(state.qrUrl);
    state.qrUrl = URL.createObjectURL(await png.blob());
    $('qr').src = state.qrUrl;
    $('qr-summary').textContent = 'Withdraw ' + money(staged.amount, staged.currency) + ' at ' + $('branch').value
      + ' · valid until ' + new Date(staged.expiresAt).toLocaleTimeString();
    $('qr-card').hidden = false;
    document.querySelectorAll('.show').forEach((b) => { b.disabled = false; });
    await showAccounts();
    say('QR code ready: show it to an ITM.');
  } catch (e) {
    say('Not staged: ' + e.message, true);
  }
});

document.querySelectorAll('.show').forEach((button) => button.addEventListener('click', async () => {
  const itm = button.dataset.itm;
  if (!state.staged) return;
  document.querySelectorAll('.show').forEach((b) => { b.disabled = true; });
  try {
    const response = await fetch('/sim/itms/' + itm + '/present', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + state.session },
      body: JSON.stringify({ tokenId: state.staged.tokenId }),
    });
    if (!response.ok) throw new Error((await response.json()).detail || ('HTTP ' + response.status));
    say('Shown to ' + itm + '. Watch its screen.');
    followToken(state.staged.tokenId, 0);
  } catch (e) {
    say('Could not show the QR code: ' + e.message, true);
    document.querySelectorAll('.show').forEach((b) => { b.disabled = false; });
  }
}));

async function followToken(tokenId, attempt) {
  try {
    const token = await api('GET', '/api/v1/cardless/tokens/' + tokenId);
    if (token.status !== 'ACTIVE') {
      say('Withdrawal ' + token.status.toLowerCase() + '.');
      await showAccounts();
      return;
    }
  } catch (e) {
    say('Token status unknown: ' + e.message, true);
    return;
  }
  if (attempt < 60) setTimeout(() => followToken(tokenId, attempt + 1), 1000);
}
