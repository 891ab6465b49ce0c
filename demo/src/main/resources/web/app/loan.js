'use strict';

// The credit loan card (docs/loans.md): apply → sign (always with the second factor) → draw → repay. Uses app.js's
// state, api, withStepUp, money, reason and showAccounts.
const loan = { line: null, needsResidentId: false };

function loanSay(text, error) {
  $('loan-status').textContent = text;
  $('loan-status').classList.toggle('error', !!error);
}

function newKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// A money call with an Idempotency-Key, sent again with the same key (and stepUpId) after a step-up.
async function loanMoneyCall(path, body) {
  const key = newKey();
  const send = async (payload) => {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json',
        'Authorization': 'Bearer ' + state.session, 'Idempotency-Key': key },
      body: JSON.stringify(payload),
    });
    const text = await response.text();
    const answer = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const error = new Error((answer.irc ? answer.irc + ': ' : '') + (answer.detail || ('HTTP ' + response.status)));
      error.problem = answer;
      throw error;
    }
    return answer;
  };
  try {
    return await send(body);
  } catch (e) {
    const stepUp = e.problem && e.problem.stepUp;
    if (!stepUp) throw e;
    await passStepUp(stepUp, e.problem.reasons || []);
    return send(Object.assign({}, body, { stepUpId: stepUp.id }));
  }
}

async function showLoan() {
  const lines = await api('GET', '/api/v1/loans');
  const open = lines.find((l) => l.status === 'OFFERED' || l.status === 'ACTIVE');
  loan.line = open ? await api('GET', '/api/v1/loans/' + open.id) : null;
  const line = loan.line;
  $('loan-apply').hidden = !!line;
  // a customer who opened their account from the app has no ID number on the profile: the application carries it
  if (!line) loan.needsResidentId = !(await api('GET', '/api/v1/me')).idNumberOnFile;
  $('loan-resident-id-field').hidden = !!line || !loan.needsResidentId;
  $('loan-sign').hidden = !line || line.status !== 'OFFERED';
  $('loan-contract').hidden = !line || !line.contract;
  $('loan-draw-form').hidden = !line || line.status !== 'ACTIVE';
  if (!line) {
    $('loan-summary').textContent = 'Apply in seconds: a credit line of up to 200,000.00 CNY, 7×24.';
    $('loan-drawdowns').replaceChildren();
    return;
  }
  $('loan-summary').textContent = line.reference + ' · ' + line.status + ' · limit ' + money(line.limit, line.currency)
    + ' · ' + (Number(line.annualRate) * 100).toFixed(2) + '% a year'
    + (line.status === 'ACTIVE' ? ' · available ' + money(line.available, line.currency)
      + ' · owed ' + money(line.outstanding, line.currency) : '');
  const list = $('loan-drawdowns');
  list.replaceChildren();
  for (const drawdown of line.drawdowns) {
    const item = document.createElement('li');
    const what = document.createElement('span');
    const next = drawdown.instalments.find((i) => i.status !== 'PAID');
    what.textContent = '#' + drawdown.number + ' ' + money(drawdown.amount, line.currency) + ' · ' + drawdown.termMonths
      + ' months · ' + drawdown.status + (next ? ' · next ' + next.dueDate + ' ' + money(Number(next.principal)
        + Number(next.interest), line.currency) : '');
    item.append(what);
    if (drawdown.status === 'ACTIVE') {
      const repay = document.createElement('button');
      repay.type = 'button';
      repay.className = 'secondary';
      repay.textContent = 'Repay all';
      repay.addEventListener('click', () => repayAll(drawdown.id));
      item.append(repay);
    }
    list.append(item);
  }
}

$('loan-apply').addEventListener('click', async () => {
  loanSay('Asking the credit bureau…');
  try {
    const application = { accountId: $('account').value };
    if (loan.needsResidentId) application.residentId = $('loan-resident-id').value.trim().toUpperCase();
    const answer = await withStepUp('POST', '/api/v1/loans/applications', application);
    if (answer.status === 'DECLINED') {
      loanSay('Declined: ' + answer.reasons.join(' '), true);
      return;
    }
    await showLoan();
    loanSay('Approved: read the terms, then sign.');
  } catch (e) {
    const fields = e.problem && e.problem.fields;
    loanSay('Not applied: ' + (fields ? Object.entries(fields).map(([f, m]) => f + ' ' + m).join('; ') : reason(e)),
      true);
  }
});

$('loan-sign').addEventListener('click', async () => {
  loanSay('Signing: confirm it is you…');
  try {
    await withStepUp('POST', '/api/v1/loans/' + loan.line.id + '/signature', {});
    await showLoan();
    loanSay('Signed and sealed by the bank. You can draw now.');
  } catch (e) {
    loanSay('Not signed: ' + reason(e), true);
  }
});

$('loan-contract').addEventListener('click', async () => {
  const response = await fetch(loan.line.contract, { headers: { 'Authorization': 'Bearer ' + state.session } });
  if (!response.ok) {
    loanSay('The contract could not be fetched (HTTP ' + response.status + ')', true);
    return;
  }
  window.open(URL.createObjectURL(await response.blob()), '_blank');
});

$('loan-draw-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  loanSay('Drawing…');
  try {
    const drawdown = await loanMoneyCall('/api/v1/loans/' + loan.line.id + '/drawdowns', {
      amount: Number($('loan-amount').value), currency: 'CNY', termMonths: Number($('loan-term').value),
      method: $('loan-method').value,
    });
    await showAccounts();
    await showLoan();
    loanSay(money(drawdown.amount, 'CNY') + ' is in your account.');
  } catch (e) {
    loanSay('Not drawn: ' + reason(e), true);
  }
});

async function repayAll(drawdownId) {
  loanSay('Repaying…');
  try {
    const repayment = await loanMoneyCall('/api/v1/loans/' + loan.line.id + '/repayments',
      { drawdownId, full: true });
    await showAccounts();
    await showLoan();
    loanSay('Repaid ' + money(repayment.total, repayment.currency) + '.');
  } catch (e) {
    loanSay('Not repaid: ' + reason(e), true);
  }
}

// Shown once the customer is logged in (app.js reveals #home).
new MutationObserver(() => {
  if (!$('home').hidden && state.session) showLoan().catch((e) => loanSay(e.message, true));
}).observe($('home'), { attributes: true, attributeFilter: ['hidden'] });
