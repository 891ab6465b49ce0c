'use strict';

// The bank's seal on vouchers (docs/seals.md): a "Verify seal" button beside each voucher of the list app.js draws.
// It downloads the voucher as the customer holds it and sends those bytes to POST /api/v1/seals/verifications; the
// answer is shown beside the voucher ("Sealed by the bank ✓ key …"). Uses state and $ of app.js.

async function verifySeal(reference, verdict) {
  verdict.className = 'seal-verdict';
  verdict.style.color = '';
  verdict.textContent = 'Checking…';
  const auth = { 'Authorization': 'Bearer ' + state.session };
  const pdf = await fetch('/api/v1/vouchers/' + encodeURIComponent(reference), { headers: auth });
  if (!pdf.ok) {
    verdict.textContent = 'The voucher could not be fetched (HTTP ' + pdf.status + ')';
    sealError(verdict);
    return;
  }
  const response = await fetch('/api/v1/seals/verifications', {
    method: 'POST',
    headers: Object.assign({ 'Content-Type': 'application/pdf' }, auth),
    body: await pdf.arrayBuffer()
  });
  const answer = await response.json();
  if (!response.ok) {
    verdict.textContent = 'Not checked: ' + (answer.detail || 'HTTP ' + response.status);
    sealError(verdict);
    return;
  }
  if (answer.valid) {
    verdict.textContent = 'Sealed by the bank ✓ key ' + answer.keyId + (answer.keyRetired ? ' (retired since)' : '')
      + ' · ' + new Date(answer.signedAt).toLocaleString() + ' · consent: ' + (answer.consent.kind || 'none');
    verdict.classList.add('sealed');
    verdict.style.color = '#1b7f3b';
  } else {
    verdict.textContent = 'Not valid: ' + answer.verdict
      + (answer.changedAfterSealing ? ' (changed after sealing)' : '');
    sealError(verdict);
  }
}

function sealError(verdict) {
  verdict.classList.add('error');
  verdict.style.color = '#b3261e';
}

function addSealButtons() {
  for (const link of $('vouchers').querySelectorAll('a.voucher-link')) {
    const item = link.parentElement;
    if (item.querySelector('button.verify-seal')) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary verify-seal';
    button.textContent = 'Verify seal';
    const verdict = document.createElement('span');
    verdict.className = 'seal-verdict';
    button.addEventListener('click', () => verifySeal(link.textContent, verdict).catch((e) => {
      verdict.textContent = 'Not checked: ' + e.message;
      sealError(verdict);
    }));
    item.style.flexWrap = 'wrap';
    item.append(button, verdict);
  }
}

new MutationObserver(addSealButtons).observe($('vouchers'), { childList: true });
