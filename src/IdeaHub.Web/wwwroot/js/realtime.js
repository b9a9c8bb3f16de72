// Live feedback: one SignalR connection per tab to /hubs/feedback. Reconnects by itself (also after the built-in
// retries give up), shows its state in the bell, and after every (re)connect asks the server for the notifications
// it missed since the last id it saw, so nothing is lost while offline. Pages listen to the "ideahub:event" DOM
// event ({ detail: FeedbackEvent }); duplicates (stored + live copies of one event) are dropped by eventId.
window.ideahubRealtime = (function () {
  const bell = document.getElementById('notification-bell');
  if (!bell || !window.signalR) return null;
  const text = bell.dataset;
  const storageKey = 'ideahub.lastNotificationId.' + text.userId;
  const seen = new Set();
  const watched = new Set();
  const stateEl = bell.querySelector('[data-connection-state]');
  const countEl = bell.querySelector('[data-unread-count]');
  const listEl = bell.querySelector('[data-notification-list]');
  let lastId = Number(localStorage.getItem(storageKey) || 0);
  let unread = 0;

  const connection = new signalR.HubConnectionBuilder()
    // WebSockets without the negotiate round trip: one upgraded request to one instance, so a load balancer needs
    // no sticky sessions (eng/cluster/nginx.conf.template).
    .withUrl('/hubs/feedback', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000])
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  // Must be at least twice the hub's KeepAliveInterval (15 s, RealtimeExtensions), as SignalR documents: the server pings
  // an idle connection 15-16 s after its last message, so a 15 s timeout can drop an idle tab just before the ping
  // arrives. Pings every 15 s match the hub's 30 s client timeout.
  // Going offline is noticed at once through the browser's 'offline' event below, not through this timeout.
  connection.serverTimeoutInMilliseconds = 30000;
  connection.keepAliveIntervalInMilliseconds = 15000;

  function setState(state) {
    bell.dataset.state = state;
    stateEl.textContent = text['state' + state[0].toUpperCase() + state.slice(1)];
  }

  function setUnread(n) {
    unread = Math.max(0, n);
    countEl.textContent = unread > 99 ? '99+' : String(unread);
    countEl.hidden = unread === 0;
  }

  const statuses = JSON.parse(text.statuses || '{}');
  // One written form of a moment everywhere (RegencyClock): "2 Des 2026 11.45", in the regency's zone.
  const clock = new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID',
    { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: text.zone || undefined });
  const when = (at) => {
    const v = Object.fromEntries(clock.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
    return `${v.day} ${v.month} ${v.year} ${v.hour}.${v.minute}`;
  };

  // What happened, to which proposal, and its new status: "Status berubah: “Judul” → Perlu revisi · Nama — catatan".
  function describe(e) {
    const p = e.payload || {};
    const who = p.reviewer || p.authorName || '';
    const note = typeof p.note === 'string' && p.note ? ' — ' + p.note : '';
    const kind = text['kind' + e.kind.replace(/\W(\w)/g, (_, c) => c.toUpperCase()).replace(/^\w/, c => c.toUpperCase())] || e.kind;
    const title = p.title ? ': “' + p.title + '”' : '';
    const status = p.to ? ' → ' + (statuses[p.to] || p.to) : '';
    return kind + title + status + (who ? ' · ' + who : '') + note;
  }

  function addToList(e) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = '/proposals/' + e.proposalId;
    a.textContent = describe(e);
    if (!e.readAt) li.className = 'unread';
    li.appendChild(a);
    const time = document.createElement('small');
    time.textContent = ' ' + when(e.at);
    li.appendChild(time);
    listEl.prepend(li);
    while (listEl.children.length > 20) listEl.lastChild.remove();
  }

  function deliver(e, stored) {
    if (stored && e.id > lastId) {
      lastId = e.id;
      localStorage.setItem(storageKey, String(lastId));
    }
    if (seen.has(e.eventId)) return;
    seen.add(e.eventId);
    if (stored) {
      addToList(e);
      if (!e.readAt) setUnread(unread + 1);
    }
    document.dispatchEvent(new CustomEvent('ideahub:event', { detail: e }));
  }

  connection.on('Notification', (e) => deliver(e, true));
  connection.on('ProposalEvent', (e) => deliver(e, false));

  async function afterConnect() {
    setState('connected');
    for (const id of watched) await connection.invoke('WatchProposal', id).catch(() => {});
    for (;;) {
      const missed = await connection.invoke('GetMissedSince', lastId);
      missed.forEach((e) => deliver(e, true));
      if (missed.length < 500) break;
    }
    setUnread(await connection.invoke('GetUnreadCount'));
    document.dispatchEvent(new CustomEvent('ideahub:reconnected'));
  }

  // One start loop at a time; it backs off while the server is unreachable and wakes at once when the browser is back online.
  let starting = false;
  let wake = () => {};
  const sleep = (ms) => new Promise((r) => { const h = setTimeout(r, ms); wake = () => { clearTimeout(h); r(); }; });

  async function start() {
    if (starting) return;
    starting = true;
    try {
      for (let delay = 1000; ; delay = Math.min(delay * 2, 30000)) {
        if (!navigator.onLine) { setState('disconnected'); await sleep(30000); continue; }
        try {
          setState('connecting');
          await connection.start();
          await afterConnect();
          return;
        } catch {
          setState('disconnected');
          if (connection.state !== 'Disconnected') await connection.stop().catch(() => {});
          await sleep(delay);
        }
      }
    } finally { starting = false; }
  }

  let stopping = false;
  connection.onreconnecting(() => setState('connecting'));
  connection.onreconnected(() => afterConnect().catch(() => {}));
  connection.onclose(() => { setState('disconnected'); if (!stopping) start(); });
  // A sleeping laptop or a lost network: drop the socket now rather than wait for the server timeout; catch up when back.
  window.addEventListener('offline', async () => {
    stopping = true;
    await connection.stop().catch(() => {});
    stopping = false;
    setState('disconnected');
  });
  window.addEventListener('online', () => { wake(); start(); });

  bell.querySelector('[data-mark-all]').addEventListener('click', async () => {
    setUnread(await connection.invoke('MarkAllRead'));
    listEl.querySelectorAll('.unread').forEach((li) => li.classList.remove('unread'));
  });

  ideahub.api('GET', '/api/notifications?limit=20').then((items) => {
    items.slice().reverse().forEach((e) => { seen.add(e.eventId); addToList(e); });
    if (!localStorage.getItem(storageKey) && items.length) {
      lastId = items[0].id;
      localStorage.setItem(storageKey, String(lastId));
    }
  }).catch(() => {}).finally(start);

  return {
    /** Live events of one proposal while its page is open (the server checks the caller may see it). */
    watch(proposalId) {
      watched.add(proposalId);
      if (connection.state === 'Connected') connection.invoke('WatchProposal', proposalId).catch(() => {});
    },
    state: () => bell.dataset.state,
  };
})();
