'use strict';

// Arrival at a branch (docs/counter-business.md, "Arrival and the queue"): "I'm at the branch" sends the phone's
// position (the browser's geolocation) to POST /api/v1/arrivals; "Take a ticket" takes one for the branch typed in.
// Either stages the customer's submitted forms at the branch and shows the ticket's number. Uses app.js's api,
// reason and $.

function arrivalSay(text, error) {
  $('arrival-status').textContent = text;
  $('arrival-status').classList.toggle('error', !!error);
}

function showArrival(answer) {
  const ticket = answer.ticket;
  $('arrival-ticket-number').textContent = 'Ticket · 号码 ' + String(ticket.number).padStart(3, '0');
  $('arrival-ticket-number').dataset.number = String(ticket.number);
  const staged = answer.staged.length;
  arrivalSay((answer.branchName || answer.branchId) + ': '
    + (staged === 0 ? 'no new form staged' : staged + (staged === 1 ? ' form' : ' forms') + ' staged now')
    + ', ' + ticket.formsStaged + ' waiting at the counter.'
    + (answer.notStaged.length > 0 ? ' ' + answer.notStaged.length + ' could not be staged.' : ''));
}

function position() {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(new Error('This browser cannot tell where it is.'));
      return;
    }
    navigator.geolocation.getCurrentPosition(resolve, (e) => reject(new Error(e.message || 'No position.')),
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 30000 });
  });
}

$('arrival-here').addEventListener('click', async () => {
  arrivalSay('Finding where you are…');
  try {
    const where = await position();
    const answer = await api('POST', '/api/v1/arrivals', {
      latitude: where.coords.latitude, longitude: where.coords.longitude,
      accuracyMetres: Math.max(0, Math.min(100000, where.coords.accuracy || 0))
    });
    showArrival(answer);
  } catch (e) {
    arrivalSay('Not checked in: ' + reason(e), true);
  }
});

$('arrival-ticket').addEventListener('click', async () => {
  const branch = $('arrival-branch').value.trim().toUpperCase();
  if (!/^[A-Z0-9]{1,16}$/.test(branch)) {
    arrivalSay('A branch id is 1 to 16 letters or digits.', true);
    return;
  }
  arrivalSay('Taking a ticket…');
  try {
    showArrival(await api('POST', '/api/v1/branches/' + encodeURIComponent(branch) + '/tickets', {}));
  } catch (e) {
    arrivalSay('No ticket: ' + reason(e), true);
  }
});
