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
