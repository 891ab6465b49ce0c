'use strict';

// "Scan an ITM" (docs/architecture.md, flow 4): the ITM shows a session code, the phone claims it for a withdrawal or
// a deposit at that ITM (requestId makes a retried tap claim once), then follows the session until the ITM has
// dispensed or credited. In the browser the scan is pasting the code text the ITM page prints under its QR code.
// Uses app.js's api, withStepUp, money, reason and $.
const itmSession = { id: null, timer: null };
const ITM_SESSION_FINAL = ['DISPENSED', 'CREDITED', 'DECLINED', 'EXPIRED'];
const ITM_SESSION_WORDS = {
  WAITING_FOR_ITM: 'Confirmed: the ITM is serving you now.',
  DISPENSED: 'Take your cash at the ITM.',
  CREDITED: 'Your deposit is credited.',
  DECLINED: 'The ITM did not complete it; nothing was taken from your account.',
  EXPIRED: 'The ITM did not complete it in time; the money held for it is free again.',
};

function itmSay(text, stateName, error) {
  const status = $('scan-itm-status');
  status.textContent = text;
  status.dataset.state = stateName || '';
  status.classList.toggle('error', !!error);
}

async function itmAccounts() {
  const select = $('scan-itm-account');
  const chosen = select.value;
  select.replaceChildren();
  for (const account of await api('GET', '/api/v1/accounts')) {
    const option = document.createElement('option');
    option.value = account.id;
    option.textContent = account.name + ' · ' + money(account.available, account.currency);
    select.append(option);
  }
  if (chosen) select.value = chosen;
}

function itmShow(session) {
  const amount = session.completedAmount != null ? session.completedAmount : session.amount;
  itmSay(ITM_SESSION_WORDS[session.state] + (amount != null ? ' ' + money(amount, session.currency) : '')
    + ' · ' + session.terminalId, session.state, session.state === 'DECLINED' || session.state === 'EXPIRED');
}

async function itmFollow() {
  clearTimeout(itmSession.timer);
  try {
    const session = await api('GET', '/api/v1/itm-sessions/' + itmSession.id);
    itmShow(session);
    if (ITM_SESSION_FINAL.includes(session.state)) {
      showAccounts().catch(() => {});
      return;
    }
  } catch (e) {
    itmSay('Status not loaded: ' + reason(e), '', true);
  }
  itmSession.timer = setTimeout(itmFollow, 500);
}

$('scan-itm-kind').addEventListener('change', () => {
  $('scan-itm-amount-label').hidden = $('scan-itm-kind').value !== 'WITHDRAWAL';
});

$('scan-itm-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const kind = $('scan-itm-kind').value;
  const body = { code: $('scan-itm-code').value.trim(), kind, accountId: $('scan-itm-account').value,
    requestId: 'app-' + crypto.randomUUID() };
  if (kind === 'WITHDRAWAL') {
    body.amount = Number($('scan-itm-amount').value);
    body.currency = 'CNY';
  }
  itmSay('Confirming…');
  try {
    const session = await withStepUp('POST', '/api/v1/itm-sessions/claims', body);
    itmSession.id = session.sessionId;
    itmShow(session);
    itmFollow();
  } catch (e) {
    itmSay('Not confirmed: ' + reason(e), '', true);
  }
});

// the card is filled once the customer is logged in (app.js reveals #home)
new MutationObserver(() => {
  if (!$('home').hidden) itmAccounts().catch((e) => itmSay('Accounts not loaded: ' + e.message, '', true));
}).observe($('home'), { attributes: true, attributeFilter: ['hidden'] });
