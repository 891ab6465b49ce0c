'use strict';

// The Transfers card of the simulated phone app: the customer's payees, adding one, and paying one
// (docs/transfers.md). Every transfer carries an Idempotency-Key that a step-up retry keeps, so a double tap or a
// retry never pays twice. Uses app.js's state, $, say, reason, money, passStepUp and showAccounts.
const transfers = { payees: [] };

async function transferCall(path, body, key) {
  const headers = { 'Accept': 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': key };
  if (state.session) headers['Authorization'] = 'Bearer ' + state.session;
  const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  const answer = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const error = new Error((answer.irc ? answer.irc + ': ' : '') + (answer.detail || ('HTTP ' + response.status)));
    error.problem = answer;
    throw error;
  }
  return answer;
}

// As withStepUp in app.js, with the same Idempotency-Key on the retry.
async function transferWithStepUp(body) {
  const key = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  try {
    return await transferCall('/api/v1/transfers', body, key);
  } catch (e) {
    const stepUp = e.problem && e.problem.stepUp;
    if (!stepUp) throw e;
    await passStepUp(stepUp, e.problem.reasons || []);
    return transferCall('/api/v1/transfers', Object.assign({}, body, { stepUpId: stepUp.id }), key);
  }
}

async function showPayees() {
  transfers.payees = await api('GET', '/api/v1/payees');
  const list = $('payees');
  const select = $('transfer-payee');
  const chosen = select.value;
  list.replaceChildren();
  select.replaceChildren();
  if (transfers.payees.length === 0) {
    const none = document.createElement('li');
    none.className = 'hint';
    none.textContent = 'No payees yet.';
    list.append(none);
  }
  for (const payee of transfers.payees) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = payee.name;
    const number = document.createElement('span');
    number.className = 'balance';
    number.textContent = (payee.bankCode ? payee.bankCode + ' ' : '') + payee.accountNumber;
    const marks = document.createElement('span');
    marks.className = 'available';
    marks.textContent = [payee.trusted ? 'trusted' : 'new', payee.registeredAtCounter ? 'registered at the counter' : '']
      .filter(Boolean).join(' · ');
    number.append(marks);
    item.append(name, number);
    list.append(item);
    const option = document.createElement('option');
    option.value = payee.id;
    option.textContent = payee.name;
    select.append(option);
  }
  if (chosen) select.value = chosen;
  const from = $('transfer-from');
  const fromChosen = from.value;
  from.replaceChildren(...Array.from($('account').options).map((option) => option.cloneNode(true)));
  if (fromChosen) from.value = fromChosen;
}

function transferSay(text, error) {
  $('transfer-status').textContent = text;
  $('transfer-status').classList.toggle('error', !!error);
}

// Shows the fields of the chosen kind of payee (labels are display: block, which the hidden attribute does not beat).
function showPayeeFields() {
  const type = $('payee-type').value;
  $('payee-bank-label').style.display = type === 'OTHER_BANK' ? '' : 'none';
  $('payee-account-label').style.display = type === 'PHONE' ? 'none' : '';
  $('payee-phone-label').style.display = type === 'PHONE' ? '' : 'none';
}

$('payee-type').addEventListener('change', showPayeeFields);
showPayeeFields();

$('payee-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const type = $('payee-type').value;
  const body = { type, name: $('payee-name').value };
  if (type === 'PHONE') body.phone = $('payee-phone').value;
  else body.accountNumber = $('payee-account').value;
  if (type === 'OTHER_BANK') body.bankCode = $('payee-bank').value;
  try {
    const payee = await api('POST', '/api/v1/payees', body);
    await showPayees();
    $('transfer-payee').value = payee.id;
    transferSay('Payee ' + payee.name + ' added.');
  } catch (e) {
    transferSay('Not added: ' + reason(e), true);
  }
});

$('transfer-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  transferSay('Sending…');
  try {
    const transfer = await transferWithStepUp({
      fromAccountId: $('transfer-from').value, payeeId: $('transfer-payee').value,
      amount: Number($('transfer-amount').value), currency: 'CNY', memo: $('transfer-memo').value || undefined,
    });
    await showAccounts();
    await showPayees();
    transferSay((transfer.state === 'COMPLETED' ? 'Paid ' : 'Sent ') + money(transfer.amount, transfer.currency)
      + ' to ' + transfer.payeeName + (transfer.state === 'COMPLETED' ? '.' : ' (' + transfer.state + ').'));
  } catch (e) {
    transferSay('Not paid: ' + reason(e), true);
  }
});

// The card fills once the customer is logged in (app.js shows #home then).
new MutationObserver(() => {
  if (!$('home').hidden && state.session) {
    showPayees().catch((e) => transferSay(reason(e), true));
  }
}).observe($('home'), { attributes: true, attributeFilter: ['hidden'] });
