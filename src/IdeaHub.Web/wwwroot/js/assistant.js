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
        await ideahub.api('POST', '/api/assistant/suggestions/' + s.id + '/accept', { version: Number(panel.dataset.version) });
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

  function busy(on) {
    runButton.disabled = on;
    cancelButton.hidden = !on;
  }

  async function run(method) {
    busy(true);
    list.replaceChildren();
    stream.textContent = '';
    stream.hidden = false;
    setStatus(method === 'DraftFromIdea' ? text['Panel.DraftRunning'] : text['Panel.Connecting']);
    const connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/assistant', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets }).build();
    try {
      await connection.start();
    } catch {
      setStatus(text['Run.failed'], 'error');
      busy(false);
      return;
    }
    const finish = () => { busy(false); subscription = null; connection.stop(); };
    subscription = connection.stream(method, id).subscribe({
      next: (e) => {
        if (e.type === 'started') setStatus(method === 'DraftFromIdea' ? text['Panel.DraftRunning'] : text['Panel.Streaming']);
        else if (e.type === 'token') stream.textContent += e.text;
        else if (e.type === 'error') setStatus(e.message, 'error');
        else if (e.type === 'done' && method === 'DraftFromIdea') {
          setStatus(text['Panel.DraftDone'], 'notice');
          location.href = '/proposals/' + id + '/edit';
        } else if (e.type === 'done') {
          setStatus(text['Panel.Done'], 'notice');
          if (e.summary) list.appendChild(el('li', 'summary', e.summary));
          e.suggestions.forEach(renderSuggestion);
        }
      },
      complete: finish,
      error: () => { setStatus(text['Run.failed'], 'error'); finish(); },
    });
  }

  runButton.addEventListener('click', () => run('Critique'));
  cancelButton.addEventListener('click', () => {
    if (subscription) subscription.dispose();
    setStatus(text['Run.cancelled']);
    busy(false);
  });

  if (panel.dataset.autostart === 'idea') {
    history.replaceState(null, '', '/proposals/' + id);
    run('DraftFromIdea');
  } else {
    loadPending();
  }
})();
