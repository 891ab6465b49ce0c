'use strict';

// The "Mine" card (我的): totals, every asset and liability, and income and expense by month as a plain SVG bar
// chart, from GET /api/v1/mine (docs/mine.md). Uses api(), state, $ and money() of app.js; loads when the home
// screen is shown after login, and again on Refresh or when the period changes.
const mine = { loading: null };
const SVG = 'http://www.w3.org/2000/svg';

async function showMine() {
  if (!state.session) return;
  const months = $('mine-months').value;
  mine.loading = api('GET', '/api/v1/mine?months=' + encodeURIComponent(months));
  let view;
  try {
    view = await mine.loading;
  } catch (e) {
    $('mine-status').textContent = 'Not available: ' + e.message;
    $('mine-status').classList.add('error');
    return;
  }
  $('mine-status').textContent = 'As of ' + new Date(view.asOf).toLocaleString('en-GB') + ' · ' + view.from + ' to '
      + view.to;
  $('mine-status').classList.remove('error');
  showMineTotals(view.totals);
  showMineLines(view.lines);
  showMineChart(view.months);
  showMineCategories(view.categories, view.returns);
}

function mineItem(left, right, className) {
  const item = document.createElement('li');
  if (className) item.className = className;
  const name = document.createElement('span');
  name.textContent = left;
  const value = document.createElement('span');
  value.className = 'balance';
  value.textContent = right;
  item.append(name, value);
  return item;
}

function showMineTotals(totals) {
  const list = $('mine-totals');
  list.replaceChildren();
  if (totals.length === 0) list.append(mineItem('Net worth', money(0, 'CNY')));
  for (const total of totals) {
    list.append(mineItem('Net worth', money(total.netWorth, total.currency), 'net-worth'));
    list.append(mineItem('Assets', money(total.assets, total.currency)));
    list.append(mineItem('Liabilities', money(total.liabilities, total.currency)));
  }
}

const PRODUCT_NAMES = {
  CURRENT: 'Current', TIME_DEPOSIT: 'Time deposit', WEALTH: 'Wealth', FUND: 'Fund', CARD: 'Credit card', LOAN: 'Loan',
};

function showMineLines(lines) {
  const list = $('mine-lines');
  list.replaceChildren();
  for (const line of lines) {
    let detail = (PRODUCT_NAMES[line.product] || line.product) + ' ' + line.reference;
    if (line.rate !== null && line.rate !== undefined) detail += ' · ' + line.rate + '%';
    if (line.dueDate) detail += ' · due ' + line.dueDate;
    const sign = line.kind === 'LIABILITY' ? '−' : '';
    const item = mineItem(detail, sign + money(line.balance, line.currency), line.kind.toLowerCase());
    list.append(item);
  }
}

// One pair of bars per month (income green, expense red) for the first currency, scaled to the largest bar.
function showMineChart(months) {
  const chart = $('mine-chart');
  chart.replaceChildren();
  const currency = months.some((m) => m.currency === 'CNY') ? 'CNY' : (months[0] || {}).currency;
  const shown = months.filter((m) => m.currency === currency);
  $('mine-chart-caption').textContent = shown.length === 0 ? 'No income or expense in the period.'
      : 'Income and expense per month, ' + currency;
  if (shown.length === 0) return;
  const width = 340;
  const height = 120;
  const slot = width / shown.length;
  const bar = Math.max(1, slot / 2 - 1);
  const largest = Math.max(1, ...shown.map((m) => Math.max(Number(m.income), Number(m.expense))));
  chart.setAttribute('viewBox', '0 0 ' + width + ' ' + (height + 14));
  shown.forEach((month, i) => {
    for (const [field, offset, className] of [['income', 0, 'income'], ['expense', bar, 'expense']]) {
      const rect = document.createElementNS(SVG, 'rect');
      const h = Math.round(Number(month[field]) / largest * height);
      rect.setAttribute('x', String(i * slot + offset));
      rect.setAttribute('y', String(height - h));
      rect.setAttribute('width', String(bar));
      rect.setAttribute('height', String(h));
      rect.setAttribute('class', className);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = month.month + ' ' + field + ' ' + money(month[field], currency);
      rect.append(title);
      chart.append(rect);
    }
    if (shown.length <= 12 || i % Math.ceil(shown.length / 12) === 0) {
      const label = document.createElementNS(SVG, 'text');
      label.setAttribute('x', String(i * slot));
      label.setAttribute('y', String(height + 12));
      label.textContent = month.month.substring(5);
      chart.append(label);
    }
  });
}

function showMineCategories(categories, returns) {
  const list = $('mine-categories');
  list.replaceChildren();
  for (const category of categories.filter((c) => c.flow !== 'INTERNAL')) {
    const name = category.category.toLowerCase().replaceAll('_', ' ');
    list.append(mineItem((category.flow === 'INCOME' ? '+ ' : '− ') + name, money(category.amount, category.currency),
        category.flow.toLowerCase()));
  }
  for (const earned of returns) {
    list.append(mineItem('Interest earned', money(earned.interest, earned.currency), 'income'));
  }
  if (list.children.length === 0) list.append(mineItem('No income or expense in the period.', ''));
}

$('mine-refresh').addEventListener('click', showMine);
$('mine-months').addEventListener('change', showMine);
new MutationObserver(() => {
  if (!$('home').hidden) showMine();
}).observe($('home'), { attributes: true, attributeFilter: ['hidden'] });
