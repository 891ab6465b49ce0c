'use strict';

// Mirrors the ITM's screen: polls /sim/itms/{id}/screen every 300 ms and renders the view the agent shows. A view with
// a session code (the idle screen, or after "Cardless") draws it as a QR code, with its text in small print for a
// browser to paste into the app; the Cardless button plays the customer pressing it.
const terminalId = decodeURIComponent(location.pathname.split('/')[2] || '');
const $ = (id) => document.getElementById(id);
const LOOK = {
  WELCOME: ['', 'QR'], SCAN_WITH_APP: ['', 'QR'], SCAN_QR: ['', 'QR'], AUTHORIZING: ['wait', '…'], DISPENSING: ['wait', '…'],
  TAKE_CASH: ['cash', '¥'], THANK_YOU: ['cash', '✓'], INSERT_CASH: ['', '¥'], CONFIRM_DEPOSIT: ['', '?'],
  DEPOSIT_CREDITED: ['cash', '✓'], OFF: ['off', ''],
};
const SESSION_DETAILS = ['sessionCode', 'sessionId', 'sessionExpiresAt'];
const BAD = /DECLINED|TIMEOUT|UNREADABLE|NOT_RECOGNISED|WRONG_SERVICE|CANNOT|FAILED|RETRACTED|PARTIAL|OUT_OF_SERVICE|UNAVAILABLE|NOTES_KEPT|NO_NOTES/;
let last = '';

document.title = terminalId + ' screen';
$('terminal').textContent = terminalId + ' · branch BR001';

function render(view) {
  const key = JSON.stringify([view.screenId, view.message, view.details, view.at]);
  if (key === last) return;
  last = key;
  const look = LOOK[view.screenId] || (BAD.test(view.screenId) ? ['bad', '!'] : ['', '']);
  const screen = $('screen');
  screen.className = 'screen ' + look[0];
  screen.dataset.screenId = view.screenId;
  $('icon').textContent = look[1];
  $('message').textContent = view.screenId === 'OFF' ? 'Starting…' : view.message;
  $('screen-id').textContent = view.screenId;
  const details = $('details');
  details.replaceChildren();
  const code = (view.details || {}).sessionCode;
  $('session').hidden = !code;
  $('icon').hidden = !!code;
  if (code && $('session-code').textContent !== code) {
    $('session-code').textContent = code;
    $('session-qr').src = '/sim/itms/' + encodeURIComponent(terminalId) + '/session-qr.png?session='
      + encodeURIComponent(view.details.sessionId);
  }
  for (const [label, value] of Object.entries(view.details || {})) {
    if (SESSION_DETAILS.includes(label)) continue;
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    details.append(dt, dd);
  }
  $('cash-slot').classList.toggle('presenting', view.screenId === 'TAKE_CASH');
}

async function poll() {
  try {
    const response = await fetch('/sim/itms/' + encodeURIComponent(terminalId) + '/screen', { cache: 'no-store' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    render(await response.json());
    $('link').textContent = 'Live';
    $('link').classList.remove('down');
  } catch (e) {
    $('link').textContent = 'No connection to ' + terminalId + ' (' + e.message + ')';
    $('link').classList.add('down');
  } finally {
    setTimeout(poll, 300);
  }
}

$('cardless').addEventListener('click', () => {
  fetch('/sim/itms/' + encodeURIComponent(terminalId) + '/cardless', { method: 'POST' }).catch(() => {});
});

poll();
