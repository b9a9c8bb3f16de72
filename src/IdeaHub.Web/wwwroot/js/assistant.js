// Assistant panel: model-free checks, the streamed AI critique (SignalR) with cancel, and accept/reject per suggestion.
(function () {
  const panel = document.getElementById('assistant');
  if (!panel) return;
  const id = panel.dataset.proposalId;
  const text = JSON.parse(panel.dataset.texts);
  const fields = JSON.parse(panel.dataset.fields);
  const el = (tag, cls, content) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content != null) e.textContent = content;
    return e;
  };

  document.getElementById('run-checks').addEventListener('click', async () => {
    const list = document.getElementById('check-results');
    list.replaceChildren();
    const findings = await ideahub.api('GET', '/api/proposals/' + id + '/checks');
    if (findings.length === 0) list.appendChild(el('li', 'notice', text['Panel.NoFindings']));
    findings.forEach((f) => {
      const li = el('li', 'finding severity-' + f.severity.toLowerCase());
      li.dataset.field = f.field;
      li.appendChild(el('strong', null, f.message));
      li.appendChild(el('span', 'muted', ' ' + text['Panel.Fix'] + ': ' + f.fix));
      list.appendChild(li);
    });
  });

  if (panel.dataset.canRun !== 'true') return;
  const runButton = document.getElementById('run-assistant');
  const cancelButton = document.getElementById('cancel-assistant');
  const status = document.getElementById('assistant-status');
  const stream = document.getElementById('assistant-stream');
  const list = document.getElementById('suggestions');
  let subscription = null;

  function setStatus(message, cls) {
    status.textContent = message;
    status.className = cls || '';
  }

  function renderSuggestion(s) {
    const li = el('li', 'suggestion');
    li.dataset.suggestionId = s.id;
    li.dataset.testid = 'suggestion';
    li.appendChild(el('h3', null, s.kind === 'indicator' ? text['Panel.NewIndicator'] : fields[s.field] || s.field));
    li.appendChild(el('p', 'prose', s.suggestion));
    li.appendChild(el('p', 'muted', text['Panel.Reason'] + ': ' + s.reason));
    const state = el('p', 'state');
    li.appendChild(state);
    if (s.state !== 'pending') {
      state.textContent = s.state === 'accepted' ? text['Panel.Accepted'] : text['Panel.Rejected'];
      list.appendChild(li);
      return;
    }
    const accept = el('button', 'primary', text['Panel.Accept']);
    const reject = el('button', 'danger', text['Panel.Reject']);
    accept.type = reject.type = 'button';
    accept.dataset.action = 'accept';
    reject.dataset.action = 'reject';
    accept.addEventListener('click', async () => {
      accept.disabled = reject.disabled = true;
      try {
        const saved = await ideahub.api('POST', '/api/assistant/suggestions/' + s.id + '/accept', { version: Number(panel.dataset.version) });
        if (connection) {
          // Accepted while the model still writes: keep the run going; the page shows the new text when it ends.
          panel.dataset.version = saved.version;
          reloadWhenDone = true;
          accept.remove();
          reject.remove();
          state.textContent = text['Panel.Accepted'];
          return;
        }
        location.assign('/proposals/' + id + '#assistant');
        location.reload();
      } catch (err) {
        state.textContent = err.message;
        accept.disabled = reject.disabled = false;
      }
    });
    reject.addEventListener('click', async () => {
      accept.disabled = reject.disabled = true;
      try {
        await ideahub.api('POST', '/api/assistant/suggestions/' + s.id + '/reject');
        accept.remove();
        reject.remove();
        state.textContent = text['Panel.Rejected'];
      } catch (err) {
        state.textContent = err.message;
        accept.disabled = reject.disabled = false;
      }
    });
    li.append(accept, reject);
    list.appendChild(li);
  }

  async function loadPending() {
    const runs = await ideahub.api('GET', '/api/proposals/' + id + '/assistant/runs');
    const last = runs.find((r) => r.suggestions.length > 0);
    if (last && last.suggestions.some((s) => s.state === 'pending')) last.suggestions.forEach(renderSuggestion);
  }

  let connection = null;
  let reloadWhenDone = false;

  function busy(on) {
    runButton.disabled = on;
    cancelButton.hidden = !on;
  }

  function showNotes(notes) {
    const box = document.getElementById('assistant-notes');
    box.replaceChildren();
    box.hidden = !notes || notes.length === 0;
    if (box.hidden) return;
    box.appendChild(el('p', null, text['Panel.Trimmed']));
    const ul = el('ul');
    notes.forEach((n) => ul.appendChild(el('li', null, n)));
    box.appendChild(ul);
  }

  // Ends the stream and closes the socket: a cancelled run must not leave a WebSocket open until the page is left.
  function stop() {
    if (subscription) subscription.dispose();
    subscription = null;
    if (connection) connection.stop();
    connection = null;
    busy(false);
  }

  function finished(method, e) {
    if (method === 'DraftFromIdea') {
      // Reload so the filled-in fields show; the ASN's idea and the offered title/problem stay on this page.
      sessionStorage.setItem('assistant-notice', text['Panel.DraftDone']);
      location.reload();
      return;
    }
    if (e.summary && !list.querySelector('li.summary')) list.prepend(el('li', 'summary', e.summary));
    e.suggestions.filter((s) => !list.querySelector('[data-suggestion-id="' + s.id + '"]')).forEach(renderSuggestion);
    setStatus(e.suggestions.length === 0 ? text['Panel.NothingFound'] : text['Panel.Done'], 'notice');
    if (reloadWhenDone) location.reload();
  }

  async function run(method) {
    busy(true);
    list.replaceChildren();
    showNotes([]);
    stream.textContent = '';
    stream.hidden = false;
    setStatus(method === 'DraftFromIdea' ? text['Panel.DraftRunning'] : text['Panel.Connecting']);
    const mine = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/assistant', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets }).build();
    connection = mine;
    try {
      await mine.start();
    } catch {
      if (connection === mine) { setStatus(text['Run.failed'], 'error'); stop(); }
      return;
    }
    if (connection !== mine) { mine.stop(); return; } // cancelled while connecting
    subscription = mine.stream(method, id).subscribe({
      next: (e) => {
        if (connection !== mine) return;
        if (e.type === 'started') {
          setStatus(method === 'DraftFromIdea' ? text['Panel.DraftRunning'] : text['Panel.Streaming']);
          showNotes(e.notes);
        } else if (e.type === 'token') stream.textContent += e.text;
        // Each suggestion appears, validated, as soon as the model closes it; the summary goes first.
        else if (e.type === 'summary') list.prepend(el('li', 'summary', e.summary));
        else if (e.type === 'suggestion') e.suggestions.forEach(renderSuggestion);
        else if (e.type === 'error') setStatus(e.message, 'error');
        else if (e.type === 'done') finished(method, e);
      },
      complete: () => { if (connection === mine) stop(); },
      error: () => { if (connection === mine) { setStatus(text['Run.failed'], 'error'); stop(); } },
    });
  }

  runButton.addEventListener('click', () => run('Critique'));
  cancelButton.addEventListener('click', () => {
    if (!connection) return;
    stop();
    setStatus(text['Run.cancelled']);
  });

  const notice = sessionStorage.getItem('assistant-notice');
  if (notice) {
    sessionStorage.removeItem('assistant-notice');
    setStatus(notice, 'notice');
  }
  if (panel.dataset.autostart === 'idea') {
    history.replaceState(null, '', '/proposals/' + id);
    run('DraftFromIdea');
  } else {
    loadPending();
  }
})();
