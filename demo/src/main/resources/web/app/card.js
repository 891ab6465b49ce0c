'use strict';

// The credit card screen (docs/cards.md): the card with its limit, balance and latest statement; a repayment from one
// of the customer's accounts (each with its own Idempotency-Key, so a retried tap never pays twice); a limit request,
// which the risk engine may step up like any other action. Uses app.js's api, withStepUp, money, reason and $.
const cards = { card: null };

function cardSay(text, error) {
  $('card-status').textContent = text;
  $('card-status').classList.toggle('error', !!error);
}

// Reads everything first and then fills the card in one go, so a card on the screen always has its accounts to repay
// from (a tap on Repay never sends an empty account).
async function showCard() {
  const list = await api('GET', '/api/v1/cards');
  $('credit-card').hidden = list.length === 0;
  if (list.length === 0) return;
  const card = list[0];
  const [statements, accounts] = await Promise.all([api('GET', '/api/v1/cards/' + card.id + '/statements'),
    api('GET', '/api/v1/accounts')]);
  const from = $('card-repay-from');
  const chosen = from.value;
  from.replaceChildren();
  for (const account of accounts) {
    const option = document.createElement('option');
    option.value = account.id;
    option.textContent = account.name + ' · ' + money(account.available, account.currency);
    from.append(option);
  }
  if (chosen) from.value = chosen;
  cards.card = card;
  $('card-number').textContent = card.maskedPan;
  $('card-balance').textContent = money(card.balance, card.currency);
  $('card-available').textContent = 'available ' + money(card.available, card.currency)
    + ' of ' + money(card.creditLimit, card.currency);
  $('card-statement').textContent = statements.length === 0
    ? 'No statement yet: statements close on day ' + card.statementDay + ' of each month.'
    : 'Statement of ' + statements[0].statementDate + ': ' + money(statements[0].balance, card.currency)
      + ', minimum ' + money(statements[0].minimumPayment, card.currency) + ', due ' + statements[0].dueDate
      + (statements[0].paidByDueDate ? ' · paid' : '');
}

$('card-repay-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!cards.card) return;
  cardSay('Repaying…');
  try {
    const headers = { 'Accept': 'application/json', 'Content-Type': 'application/json',
      'Authorization': 'Bearer ' + state.session, 'Idempotency-Key': 'app-' + crypto.randomUUID() };
    const response = await fetch('/api/v1/cards/' + cards.card.id + '/repayments', { method: 'POST', headers,
      body: JSON.stringify({ fromAccountId: $('card-repay-from').value, amount: Number($('card-repay-amount').value),
        currency: cards.card.currency }) });
    const answer = await response.json();
    if (!response.ok) throw Object.assign(new Error((answer.irc ? answer.irc + ': ' : '') + answer.detail),
      { problem: answer });
    cardSay('Repaid ' + money(answer.amount, answer.currency) + '.');
    await showCard();
    await showAccounts();
  } catch (e) {
    cardSay('Not repaid: ' + reason(e), true);
  }
});

$('card-limit-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!cards.card) return;
  cardSay('Asking…');
  try {
    const answer = await withStepUp('POST', '/api/v1/cards/' + cards.card.id + '/limit-requests',
      { creditLimit: Number($('card-limit').value), currency: cards.card.currency });
    cardSay(answer.status === 'APPLIED' ? 'Your limit is now ' + money(answer.requestedLimit, cards.card.currency) + '.'
      : 'Your request for ' + money(answer.requestedLimit, cards.card.currency) + ' is being reviewed.');
    await showCard();
  } catch (e) {
    cardSay('Limit not changed: ' + reason(e), true);
  }
});

// the card is shown once the customer is logged in (app.js reveals #home)
new MutationObserver(() => {
  if (!$('home').hidden) showCard().catch((e) => cardSay('Cards not loaded: ' + e.message, true));
}).observe($('home'), { attributes: true, attributeFilter: ['hidden'] });
