import { token, UNAUTHORIZED_EVENT } from './api.js';
import { showStatus } from './dom.js';
import { initCreators, loadCreatorStats } from './creators.js';
import { initCsatReport, loadCsatReport } from './csat-report.js';
import { initOrderDetail } from './order-detail.js';
import { initOrders, loadCreatorOptions, reloadOrders } from './orders.js';
import { loadSettings } from './settings.js';

const $ = (id) => document.getElementById(id);

function showTokenPrompt(message = '') {
  $('order-detail').close();
  $('dashboard').hidden = true;
  $('section-nav').hidden = true;
  $('sign-out').hidden = true;
  $('token-form').hidden = false;
  showStatus($('token-error'), message, Boolean(message));
  $('token-input').focus();
}

async function showDashboard() {
  $('token-form').hidden = true;
  $('dashboard').hidden = false;
  $('section-nav').hidden = false;
  $('sign-out').hidden = false;
  // The creator filter first: it also proves the token before the sections load.
  try {
    await Promise.all([loadCreatorOptions(), loadSettings()]);
  } catch (err) {
    if (token.get()) showStatus($('orders-status'), err.message, true);
    return;
  }
  await Promise.all([reloadOrders(), loadCreatorStats(), loadCsatReport()]);
}

// Module scripts run once the document is parsed: the elements exist.
initOrders();
initOrderDetail();
initCreators();
initCsatReport();

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  token.set($('token-input').value.trim());
  $('token-input').value = '';
  showDashboard();
});
$('sign-out').addEventListener('click', () => {
  token.clear();
  showTokenPrompt();
});
window.addEventListener(UNAUTHORIZED_EVENT, () => showTokenPrompt('The API refused this token. Enter a valid dashboard token.'));

if (token.get()) showDashboard();
else showTokenPrompt();
