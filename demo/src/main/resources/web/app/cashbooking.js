'use strict';

// The large-cash booking card (docs/cash-bookings.md): book an amount from 50,000 CNY for a day at a branch (the
// amount is held until then; the risk engine may step up like any other action), see the bookings, show one's code
// at the counter on the day, cancel before the day. Uses app.js's api, withStepUp, money, reason and $.
const cashBookings = { shown: null };

function cashBookingSay(text, error) {
  $('cash-booking-status').textContent = text;
  $('cash-booking-status').classList.toggle('error', !!error);
}

function isoDay(offset) {
  // the bank's days are days of Asia/Shanghai
  const day = new Date(Date.now() + 8 * 3600 * 1000 + offset * 86400 * 1000);
  return day.toISOString().slice(0, 10);
}

async function showCashBookings() {
  const select = $('cash-booking-account');
  const chosen = select.value;
  select.replaceChildren();
  for (const account of await api('GET', '/api/v1/accounts')) {
    if (account.currency !== 'CNY') continue;
    const option = document.createElement('option');
    option.value = account.id;
    option.textContent = account.name + ' · ' + money(account.available, account.currency);
    select.append(option);
  }
  if (chosen) select.value = chosen;
  if (!$('cash-booking-date').value) $('cash-booking-date').value = isoDay(1);
  const list = $('cash-bookings');
  list.replaceChildren();
  for (const booking of await api('GET', '/api/v1/cash-bookings')) {
    const item = document.createElement('li');
    item.dataset.bookingId = booking.id;
    item.dataset.status = booking.status;
    item.append(money(booking.amount, booking.currency) + ' · ' + booking.date + ' · ' + booking.branchId + ' · '
      + booking.status.toLowerCase().replace('_', ' ') + (booking.voucherReference ? ' · ' + booking.voucherReference : ''));
    if (booking.status === 'BOOKED') {
      const show = document.createElement('button');
      show.type = 'button';
      show.className = 'secondary cash-booking-code';
      show.textContent = 'Code';
      show.addEventListener('click', () => showCode(booking));
      const cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.className = 'secondary cash-booking-cancel';
      cancel.textContent = 'Cancel';
      cancel.addEventListener('click', () => cancelBooking(booking));
      item.append(' ', show, ' ', cancel);
    }
    list.append(item);
  }
}

async function showCode(booking) {
  try {
    // a fresh code each time it is shown: codes are valid for a few minutes
    const code = await api('GET', '/api/v1/cash-bookings/' + booking.id + '/code');
    const png = await fetch(code.qrPng, { headers: { 'Authorization': 'Bearer ' + state.session } });
    if (!png.ok) throw new Error('HTTP ' + png.status);
    const old = $('cash-booking-qr').src;
    $('cash-booking-qr').src = URL.createObjectURL(await png.blob());
    if (old && old.startsWith('blob:')) URL.revokeObjectURL(old);
    $('cash-booking-summary').textContent = money(booking.amount, booking.currency) + ' on ' + booking.date + ' at '
      + booking.branchId + ' · valid until ' + new Date(code.expiresAt).toLocaleTimeString();
    $('cash-booking-code-card').hidden = false;
    $('cash-booking-show').disabled = false;
    cashBookings.shown = booking;
  } catch (e) {
    cashBookingSay('No code: ' + reason(e), true);
  }
}

async function cancelBooking(booking) {
  try {
    await api('DELETE', '/api/v1/cash-bookings/' + booking.id);
    cashBookingSay('Booking cancelled; the amount is available again.');
    $('cash-booking-code-card').hidden = true;
    await showCashBookings();
    await showAccounts();
  } catch (e) {
    cashBookingSay('Not cancelled: ' + reason(e), true);
  }
}

$('cash-booking-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  cashBookingSay('Booking…');
  try {
    const booking = await withStepUp('POST', '/api/v1/cash-bookings', {
      account: $('cash-booking-account').value, amount: Number($('cash-booking-amount').value),
      date: $('cash-booking-date').value, branchId: $('cash-booking-branch').value.trim().toUpperCase(),
      denomination: $('cash-booking-denomination').value, requestId: 'app-' + crypto.randomUUID() });
    cashBookingSay('Booked ' + money(booking.amount, booking.currency) + ' for ' + booking.date + ' at '
      + booking.branchId + '; the amount is held until then.');
    await showCashBookings();
    await showAccounts();
  } catch (e) {
    cashBookingSay('Not booked: ' + reason(e), true);
  }
});

// the demo plays the customer holding the phone up to the teller terminal's scanner
$('cash-booking-show').addEventListener('click', async () => {
  const booking = cashBookings.shown;
  if (!booking) return;
  $('cash-booking-show').disabled = true;
  try {
    const response = await fetch('/sim/tellers/' + $('cash-booking-show').dataset.teller + '/present', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + state.session },
      body: JSON.stringify({ bookingId: booking.id }),
    });
    if (!response.ok) throw new Error((await response.json()).detail || ('HTTP ' + response.status));
    cashBookingSay('Shown to the teller. Waiting for the payout…');
    followBooking(booking.id, 0);
  } catch (e) {
    cashBookingSay('Could not show the code: ' + e.message, true);
    $('cash-booking-show').disabled = false;
  }
});

async function followBooking(bookingId, attempt) {
  try {
    const booking = await api('GET', '/api/v1/cash-bookings/' + bookingId);
    if (booking.status === 'PAID') {
      cashBookingSay('Paid out: ' + money(booking.amount, booking.currency) + ' · voucher ' + booking.voucherReference);
      $('cash-booking-code-card').hidden = true;
      await showCashBookings();
      await showAccounts();
      return;
    }
  } catch (e) {
    // asked again below
  }
  if (attempt < 120) setTimeout(() => followBooking(bookingId, attempt + 1), 1000);
}

// the card is filled once the customer is logged in (app.js reveals #home)
new MutationObserver(() => {
  if (!$('home').hidden) showCashBookings().catch((e) => cashBookingSay('Bookings not loaded: ' + e.message, true));
}).observe($('home'), { attributes: true, attributeFilter: ['hidden'] });
