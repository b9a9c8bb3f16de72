// Leadership dashboard: draws the charts from the server's JSON and, in the open month, refreshes the live region
// when the realtime hub reports review or vote activity (polling once a minute if the hub is unavailable).
(function () {
  const charts = [];
  const palette = ['#0b5394', '#1e7b34', '#8a5a00', '#b42318', '#6a3d9a', '#00838f', '#5b6470'];

  // Long labels (an urusan's full name) break into lines instead of being cut at the chart's edge.
  const wrap = (label) => String(label).split(' ').reduce((lines, word) => {
    const last = lines[lines.length - 1];
    if (last && (last + ' ' + word).length <= 22) lines[lines.length - 1] = last + ' ' + word;
    else lines.push(word);
    return lines;
  }, []);

  function draw() {
    charts.splice(0).forEach((c) => c.destroy());
    const el = document.getElementById('dashboard-chart-data');
    if (!el || !window.Chart) return;
    const d = JSON.parse(el.textContent);
    const make = (id, config) => {
      const canvas = document.getElementById(id);
      if (canvas) charts.push(new Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } }));
    };
    make('chart-funnel', { type: 'bar', data: { labels: d.funnel.labels.map(wrap), datasets: [{ data: d.funnel.values, backgroundColor: palette[0] }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } } });
    make('chart-trend', { type: 'line', data: { labels: d.trend.labels, datasets: [
      ...d.trend.series.map((s, i) => ({ label: s.label, data: s.values, borderColor: palette[i], backgroundColor: palette[i], yAxisID: 'y' })),
      { label: d.trend.score.label, data: d.trend.score.values, borderColor: palette[5], borderDash: [6, 4], yAxisID: 'score' }] },
      options: { scales: { y: { beginAtZero: true, position: 'left' }, score: { min: 1, max: 5, position: 'right', grid: { drawOnChartArea: false } } } } });
    make('chart-urusan', { type: 'bar', data: { labels: d.urusan.labels.map(wrap), datasets: [{ data: d.urusan.values, backgroundColor: palette[1] }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } } });
    make('chart-kind', { type: 'doughnut', data: { labels: d.kind.labels, datasets: [{ data: d.kind.values, backgroundColor: palette }] } });
    document.body.dataset.chartsRendered = String(charts.length);
  }

  let pending = null;
  function scheduleRefresh() {
    clearTimeout(pending);
    pending = setTimeout(refresh, 800);
  }

  async function refresh() {
    const res = await fetch(location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const fresh = doc.getElementById('dashboard-live');
    const live = document.getElementById('dashboard-live');
    if (!fresh || !live) return;
    live.replaceWith(document.adoptNode(fresh));
    draw();
    markLive();
    const status = document.getElementById('dashboard-status');
    if (status) status.textContent = status.dataset.updated;
  }

  function markLive() {
    const badge = document.getElementById('live-badge');
    if (badge) badge.hidden = false;
  }

  async function connect() {
    const live = document.getElementById('dashboard-live');
    if (!live || live.dataset.open !== 'true') return;
    if (!window.signalR) { setInterval(refresh, 60000); return; }
    const hub = new signalR.HubConnectionBuilder().withUrl('/hubs/feedback').withAutomaticReconnect().build();
    ['ProposalEvent', 'proposalEvent', 'RankingChanged', 'rankingChanged'].forEach((name) => hub.on(name, scheduleRefresh));
    try {
      await hub.start();
      markLive();
    } catch {
      setInterval(refresh, 60000);
    }
  }

  window.addEventListener('beforeprint', () => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  draw();
  connect();
})();
