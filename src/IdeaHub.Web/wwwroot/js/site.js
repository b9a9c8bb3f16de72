// Shared browser helpers: JSON API calls carry the antiforgery token; errors surface as problem details.
window.ideahub = (function () {
  const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content ?? '';

  async function api(method, url, body) {
    const res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf(), 'Accept': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const err = new Error(data?.detail || data?.title || res.statusText);
      err.status = res.status;
      err.problem = data;
      throw err;
    }
    return data;
  }

  const numberFormat = new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-US' : 'id-ID');

  return { api, csrf, formatNumber: (n) => numberFormat.format(n) };
})();

// Behaviour that was inline (onchange/onclick) lives here: the Content-Security-Policy allows script files only.
document.querySelectorAll('[data-submit-on-change]').forEach((el) => el.addEventListener('change', () => el.form.submit()));
document.querySelectorAll('[data-print]').forEach((el) => el.addEventListener('click', () => window.print()));

// A deciding or destructive button (data-confirm="what will happen") asks once, in the layout's <dialog>, then acts
// as if clicked again: a form button submits its form, a script button runs its own click handler. A form that is
// not yet valid (a required reason) is left to the browser to explain first.
(function () {
  const dialog = document.getElementById('confirm-dialog');
  if (!dialog) return;
  let asking = null;
  let confirmed = null;
  document.addEventListener('click', (e) => {
    const button = e.target.closest('[data-confirm]');
    if (!button || !button.dataset.confirm) return;
    if (button === confirmed) return;
    if (button.form && button.type === 'submit' && !button.form.checkValidity()) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    asking = button;
    dialog.querySelector('[data-confirm-text]').textContent = button.dataset.confirm;
    dialog.returnValue = '';
    dialog.showModal();
    dialog.querySelector('[data-confirm-ok]').focus();
  }, true);
  dialog.addEventListener('close', () => {
    const button = asking;
    asking = null;
    if (dialog.returnValue !== 'ok' || !button) return;
    confirmed = button;
    button.click();
    confirmed = null;
  });
})();
