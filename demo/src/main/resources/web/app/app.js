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
    const error = new Error((answer.irc ? answer.irc + ': ' : '') + (answer.detail || ('HTTP ' + response.status)));
    error.problem = answer;
    throw error;
  }
  return answer;
}

// Sends the request; when the risk engine asks for a second factor (403 STEP_UP_REQUIRED with stepUp), shows the
// step-up card, waits until the customer passes one of its factors, and sends the same request again with stepUpId
// (docs/risk.md, "Who asks the engine").
async function withStepUp(method, path, body) {
  try {
    return await api(method, path, body);
  } catch (e) {
    const stepUp = e.problem && e.problem.stepUp;
    if (!stepUp) throw e;
    await passStepUp(stepUp, e.problem.reasons || []);
    return api(method, path, Object.assign({}, body, { stepUpId: stepUp.id }));
  }
}

// What to tell the customer about a refusal: a risk decline's customer-safe reason, otherwise the problem.
function reason(e) {
  const problem = e.problem || {};
  if (problem.irc === 'RISK_DECLINED' && problem.reasons && problem.reasons.length > 0) {
    return problem.reasons.join(' ');
  }
  return e.message;
}

// The step-up card: one button per factor the step-up offers; resolves once one of them verified.
const stepUps = { current: null };

function passStepUp(stepUp, reasons) {
  if (stepUps.current) stepUps.current.reject(new Error('replaced by a newer request'));
  return new Promise((resolve, reject) => {
    stepUps.current = { stepUp, resolve, reject };
    $('step-up-reason').textContent = reasons.length > 0 ? reasons.join(' ') : 'The bank asks for a second factor.';
    $('step-up-passkey').hidden = !stepUp.factors.includes('BIOMETRIC');
    $('step-up-otp').hidden = !stepUp.factors.includes('SOFT_OTP');
    $('step-up-otp-form').hidden = true;
    $('step-up-code').value = '';
    stepUpSay('');
    $('step-up-card').hidden = false;
    say('Confirm it is you to go on.');
  });
}

function stepUpSay(text, error) {
  $('step-up-status').textContent = text;
  $('step-up-status').classList.toggle('error', !!error);
}

function endStepUp(error) {
  const current = stepUps.current;
  stepUps.current = null;
  $('step-up-card').hidden = true;
  if (!current) return;
  if (error) current.reject(error);
  else current.resolve();
}

$('step-up-otp').addEventListener('click', () => {
  $('step-up-otp-form').hidden = false;
  $('step-up-code').focus();
});

$('step-up-otp-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!stepUps.current) return;
  stepUpSay('Checking the code…');
  try {
    await api('POST', '/api/v1/step-ups/' + stepUps.current.stepUp.id + '/otp', { code: $('step-up-code').value.trim() });
    endStepUp();
  } catch (e) {
    const problem = e.problem || {};
    $('step-up-code').value = '';
    if (problem.otp === 'WRONG') {
      stepUpSay('Wrong code: ' + problem.attemptsLeft + ' attempts left.', true);
    } else if (problem.otp === 'REUSED') {
      stepUpSay('That code was used already: wait for the next one.', true);
    } else {
      endStepUp(e);
    }
  }
});

$('step-up-passkey').addEventListener('click', async () => {
  if (!stepUps.current) return;
  const path = '/api/v1/step-ups/' + stepUps.current.stepUp.id + '/passkey';
  stepUpSay('Touch the fingerprint sensor…');
  try {
    const options = await api('POST', path + '/options');
    const assertion = await navigator.credentials.get({ publicKey: requestOptions(options) });
    await api('POST', path, assertionJson(assertion));
    endStepUp();
  } catch (e) {
    stepUpSay('Fingerprint not accepted: ' + e.message, true);
  }
});

$('step-up-cancel').addEventListener('click', () => endStepUp(new Error('cancelled')));

// WebAuthn: the server speaks JSON with byte strings in base64url (no padding); the browser wants ArrayBuffers.
function fromBase64url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function toBase64url(bytes) {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function withoutNulls(json) {
  return JSON.parse(JSON.stringify(json, (key, value) => (value === null ? undefined : value)));
}

function creationOptions(json) {
  const options = withoutNulls(json);
  options.challenge = fromBase64url(options.challenge);
  options.user.id = fromBase64url(options.user.id);
  options.excludeCredentials = (options.excludeCredentials || []).map((c) => ({ type: c.type, id: fromBase64url(c.id) }));
  return options;
}

function requestOptions(json) {
  const options = withoutNulls(json);
  options.challenge = fromBase64url(options.challenge);
  options.allowCredentials = (options.allowCredentials || []).map((c) => ({ type: c.type, id: fromBase64url(c.id) }));
  return options;
}

function registrationJson(credential) {
  return {
    id: credential.id, type: credential.type,
    response: {
      clientDataJSON: toBase64url(credential.response.clientDataJSON),
      attestationObject: toBase64url(credential.response.attestationObject),
      transports: credential.response.getTransports ? credential.response.getTransports() : [],
    },
  };
}

function assertionJson(credential) {
  const response = credential.response;
  return {
    id: credential.id, type: credential.type,
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      authenticatorData: toBase64url(response.authenticatorData),
      signature: toBase64url(response.signature),
      userHandle: response.userHandle ? toBase64url(response.userHandle) : null,
    },
  };
}

// Security: the phone's second factors. The authenticator's key is shown once, as the app hands it to an
// authenticator app (its otpauth:// URI is what a QR code for the authenticator would hold).
function securitySay(text, error) {
  $('security-status').textContent = text;
  $('security-status').classList.toggle('error', !!error);
}

$('otp-setup').addEventListener('click', async () => {
  securitySay('Setting up the authenticator…');
  try {
    const otp = await api('POST', '/api/v1/devices/current/otp');
    $('otp-secret').textContent = otp.secret;
    $('otp-uri').textContent = otp.uri;
    $('otp-uri').href = otp.uri;
    $('otp-enrolment').hidden = false;
    securitySay('Authenticator set up.');
  } catch (e) {
    securitySay(e.problem && e.problem.irc === 'CONFLICT'
      ? 'This phone has an authenticator already.' : 'Not set up: ' + e.message, true);
  }
});

$('passkey-setup').addEventListener('click', async () => {
  securitySay('Touch the fingerprint sensor…');
  try {
    const options = await api('POST', '/api/v1/devices/current/passkeys/options');
    const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
    await api('POST', '/api/v1/devices/current/passkeys', registrationJson(credential));
    securitySay('Fingerprint set up.');
  } catch (e) {
    securitySay('Fingerprint not set up: ' + e.message, true);
  }
});

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
    const answer = await withStepUp('POST', '/api/v1/sessions', {
      username: $('username').value, password: $('password').value, deviceId: $('device-id').value,
    });
    state.session = answer.token;
    $('who').textContent = $('username').value + ' · ' + $('device-id').value;
    forms.username = $('username').value;
    await showAccounts();
    await loadForms();
    $('login').hidden = true;
    $('home').hidden = false;
    say('Logged in.');
  } catch (e) {
    say('Login failed: ' + reason(e), true);
  }
});

$('stage-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  say('Staging the withdrawal…');
  try {
    const staged = await withStepUp('POST', '/api/v1/cardless/withdrawals', {
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
    say('Not staged: ' + reason(e), true);
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

// Counter business: a form from the catalog, submitted at the branch, shown as a QR code to the teller terminal.
const forms = { catalog: [], draft: null, qrUrl: null, username: null };

function fieldInput(field) {
  const choices = (field.rules && field.rules.choices) || [];
  let input;
  if (choices.length > 0) {
    input = document.createElement('select');
    const empty = document.createElement('option');
    empty.value = '';
    empty.textContent = '—';
    input.append(empty);
    for (const choice of choices) {
      const option = document.createElement('option');
      option.value = choice.value;
      option.textContent = choice.label.zh + ' ' + choice.label.en;
      input.append(option);
    }
  } else {
    input = document.createElement('input');
    input.type = field.type === 'DATE' ? 'date' : 'text';
    if (field.type === 'AMOUNT') input.inputMode = 'decimal';
  }
  input.name = field.name;
  input.id = 'field-' + field.name;
  return input;
}

function showForm() {
  const form = forms.catalog.find((f) => f.type === $('form-type').value);
  const container = $('form-fields');
  container.replaceChildren();
  if (!form) return;
  for (const field of form.fields) {
    const label = document.createElement('label');
    label.textContent = field.label.zh + ' ' + field.label.en + (field.required ? ' *' : '');
    const error = document.createElement('span');
    error.className = 'field-error';
    error.id = 'error-' + field.name;
    label.append(fieldInput(field), error);
    container.append(label);
  }
}

function formValues() {
  const values = {};
  for (const element of $('form-fields').elements) {
    if (element.name && element.value !== '') values[element.name] = element.value;
  }
  return values;
}

async function loadForms() {
  forms.catalog = await api('GET', '/api/v1/forms/catalog');
  const select = $('form-type');
  select.replaceChildren();
  for (const form of forms.catalog) {
    const option = document.createElement('option');
    option.value = form.type;
    option.textContent = form.label.zh + ' · ' + form.label.en;
    select.append(option);
  }
  showForm();
  await showVouchers();
}

$('form-type').addEventListener('change', showForm);

$('form-sample').addEventListener('click', async () => {
  try {
    const response = await fetch('/sim/forms/sample?type=' + encodeURIComponent($('form-type').value)
      + '&username=' + encodeURIComponent(forms.username));
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const values = await response.json();
    for (const [name, value] of Object.entries(values)) {
      const input = $('field-' + name);
      if (input) input.value = value;
    }
    say('Filled in from your details.');
  } catch (e) {
    say('Could not fill the form: ' + e.message, true);
  }
});

$('form-submit').addEventListener('click', async () => {
  document.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
  say('Submitting…');
  try {
    const draft = await api('POST', '/api/v1/forms/drafts', { type: $('form-type').value, values: formValues() });
    forms.draft = await submitDraft(draft.id);
    const png = await fetch('/api/v1/forms/drafts/' + forms.draft.id + '/qr.png',
      { headers: { 'Authorization': 'Bearer ' + state.session } });
    if (!png.ok) throw new Error('the QR code could not be fetched (HTTP ' + png.status + ')');
    if (forms.qrUrl) URL.revokeObjectURL(forms.qrUrl);
    forms.qrUrl = URL.createObjectURL(await png.blob());
    $('form-qr').src = forms.qrUrl;
    const label = forms.catalog.find((f) => f.type === forms.draft.type).label;
    $('form-summary').textContent = label.zh + ' · ' + label.en + ' — staged at ' + forms.draft.branchId
      + ' · valid until ' + new Date(forms.draft.tokenExpiresAt).toLocaleTimeString();
    $('form-qr-card').dataset.draftId = forms.draft.id;
    $('form-qr-card').hidden = false;
    $('show-teller').disabled = false;
    say('Ready: show the code at the counter.');
  } catch (e) {
    say('Not submitted: ' + e.message, true);
  }
});

async function submitDraft(draftId) {
  const headers = { 'Accept': 'application/json', 'Content-Type': 'application/json',
    'Authorization': 'Bearer ' + state.session };
  const response = await fetch('/api/v1/forms/drafts/' + draftId + '/submit',
    { method: 'POST', headers, body: JSON.stringify({ branchId: $('form-branch').textContent }) });
  const answer = await response.json();
  if (response.status === 422 && answer.errors) {
    for (const error of answer.errors) {
      const slot = $('error-' + error.field);
      if (slot) slot.textContent = error.messageZh + ' · ' + error.message;
    }
    throw new Error('please correct the marked fields');
  }
  if (!response.ok) throw new Error(answer.detail || ('HTTP ' + response.status));
  return answer;
}

$('show-teller').addEventListener('click', async () => {
  if (!forms.draft) return;
  $('show-teller').disabled = true;
  try {
    const response = await fetch('/sim/tellers/' + $('show-teller').dataset.teller + '/present', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + state.session },
      body: JSON.stringify({ draftId: forms.draft.id }),
    });
    if (!response.ok) throw new Error((await response.json()).detail || ('HTTP ' + response.status));
    say('Shown to the teller. Waiting for the confirmation…');
    followDraft(forms.draft.id, 0);
  } catch (e) {
    say('Could not show the code: ' + e.message, true);
    $('show-teller').disabled = false;
  }
});

async function followDraft(draftId, attempt) {
  try {
    const draft = await api('GET', '/api/v1/forms/drafts/' + draftId);
    if (draft.outcome) {
      say('Counter business ' + draft.status.toLowerCase() + (draft.outcome.message ? ': ' + draft.outcome.message : '.'),
        draft.status !== 'EXECUTED');
      await showAccounts();
      await showVouchers();
      return;
    }
  } catch (e) {
    say('Status unknown: ' + e.message, true);
    return;
  }
  if (attempt < 300) setTimeout(() => followDraft(draftId, attempt + 1), 1000);
}

async function showVouchers() {
  const vouchers = await api('GET', '/api/v1/vouchers');
  const list = $('vouchers');
  list.replaceChildren();
  if (vouchers.length === 0) {
    const none = document.createElement('li');
    none.className = 'hint';
    none.textContent = 'None yet.';
    list.append(none);
  }
  for (const voucher of vouchers) {
    const item = document.createElement('li');
    const what = document.createElement('span');
    const form = forms.catalog.find((f) => f.type === voucher.type);
    what.textContent = (form ? form.label.zh + ' ' + form.label.en : voucher.type) + ' · '
      + new Date(voucher.createdAt).toLocaleString();
    const link = document.createElement('a');
    link.textContent = voucher.reference;
    link.className = 'voucher-link';
    link.addEventListener('click', () => openVoucher(voucher.reference));
    item.append(what, link);
    list.append(item);
  }
}

async function openVoucher(reference) {
  const response = await fetch('/api/v1/vouchers/' + encodeURIComponent(reference),
    { headers: { 'Authorization': 'Bearer ' + state.session } });
  if (!response.ok) {
    say('The voucher could not be fetched (HTTP ' + response.status + ')', true);
    return;
  }
  window.open(URL.createObjectURL(await response.blob()), '_blank');
}
