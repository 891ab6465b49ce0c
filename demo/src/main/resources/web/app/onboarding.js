'use strict';

// Opening an account for a visitor who is not yet a customer (docs/onboarding.md): start with the phone, the resident
// ID number and the chosen credentials, read the code the bank sent by SMS, and end logged in with a Class II
// electronic account. Uses state, api, say, showAccounts and loadForms from app.js.
const onboarding = { id: null, poll: null };

function onboardingSay(text, error) {
  $('onboarding-status').textContent = text;
  $('onboarding-status').classList.toggle('error', !!error);
}

// The phone's SMS inbox in the demo (the SMS gateway stub keeps the texts it was asked to send).
async function showTexts(phone) {
  const response = await fetch('/sim/sms/' + encodeURIComponent(phone.replace(/\D/g, '').slice(-11)));
  if (!response.ok) return;
  const inbox = await response.json();
  const latest = inbox.messages[inbox.messages.length - 1];
  $('onboarding-sms').textContent = latest ? 'SMS: ' + latest : 'Waiting for the SMS…';
}

$('onboarding-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  onboardingSay('Sending a code to your phone…');
  const phone = $('onboarding-phone').value.trim();
  try {
    const started = await api('POST', '/api/v1/onboarding', {
      phone, fullName: $('onboarding-name').value.trim(), residentId: $('onboarding-resident-id').value.trim(),
      username: $('onboarding-username').value.trim(), password: $('onboarding-password').value,
      deviceId: $('onboarding-device-id').value.trim(),
    });
    onboarding.id = started.id;
    $('onboarding-form').hidden = true;
    $('onboarding-verify-form').hidden = false;
    $('onboarding-code').value = '';
    $('onboarding-code').focus();
    onboardingSay('A code went to ' + started.sentTo + '.');
    clearInterval(onboarding.poll);
    await showTexts(phone);
    onboarding.poll = setInterval(() => showTexts(phone), 1000);
  } catch (e) {
    const fields = e.problem && e.problem.fields;
    onboardingSay(fields ? Object.entries(fields).map(([f, m]) => f + ' ' + m).join('; ') : reason(e), true);
  }
});

$('onboarding-verify-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  onboardingSay('Checking your identity…');
  try {
    const opened = await api('POST', '/api/v1/onboarding/' + onboarding.id + '/verify', {
      code: $('onboarding-code').value.trim(), livenessToken: 'demo-selfie-liveness-token',
    });
    clearInterval(onboarding.poll);
    state.session = opened.token;
    $('who').textContent = $('onboarding-username').value.trim() + ' · ' + $('onboarding-device-id').value.trim();
    forms.username = $('onboarding-username').value.trim();
    await showAccounts();
    await loadForms();
    showAuthenticatorKey(opened.otp);
    $('login').hidden = true;
    $('home').hidden = false;
    say('Welcome: your account ' + opened.account.accountNumber + ' is open.');
  } catch (e) {
    const problem = e.problem || {};
    if (problem.irc === 'STEP_UP_REQUIRED') {
      onboardingSay('Wrong code: ' + problem.attemptsLeft + ' attempts left.', true);
      return;
    }
    clearInterval(onboarding.poll);
    if (problem.irc !== 'HOST_UNREACHABLE') {
      $('onboarding-verify-form').hidden = true;
      $('onboarding-form').hidden = false;
    }
    onboardingSay(reason(e), true);
  }
});

// Opening the account bound the phone and enrolled it for soft OTP: its key is in the answer only, so the Security
// card shows it now, once, to be added to an authenticator app (the bank asks for its codes, e.g. to sign a loan).
function showAuthenticatorKey(otp) {
  if (!otp || !otp.secret) return;
  $('otp-secret').textContent = otp.secret;
  $('otp-uri').textContent = otp.uri;
  $('otp-uri').href = otp.uri;
  $('otp-enrolment').hidden = false;
  securitySay('Your authenticator was set up with your account.');
}

// Logged in (by login or by opening an account): the visitor's card gives way to the home screen.
new MutationObserver(() => { $('onboarding').hidden = !$('home').hidden; })
  .observe($('home'), { attributes: true, attributeFilter: ['hidden'] });
