// The review queue (/review): rows update live. A file, not inline, because the CSP allows script-src 'self' only.
document.addEventListener('ideahub:event', (ev) => {
  const e = ev.detail;
  const row = document.querySelector('[data-proposal-row="' + e.proposalId + '"]');
  if (!row) return;
  const counter = row.querySelector('[data-live-count="' + e.kind + '"]');
  if (counter && !(e.payload && e.payload.updated)) counter.textContent = String(Number(counter.textContent) + 1);
  if (e.kind === 'status.changed') row.querySelector('[data-live-status]').textContent = JSON.parse(row.closest('table').dataset.statuses)[e.payload.to] || e.payload.to;
  row.classList.remove('fresh'); void row.offsetWidth; row.classList.add('fresh');
});
