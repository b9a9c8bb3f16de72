// Proposals: start from a rough idea, the editor's indicator rows, word counts, and autosave with a browser backup.
(function () {
  const backupKey = (id) => 'ideahub.proposal.' + (id || 'new');

  // After a successful save the server redirects with ?saved=1: the browser backup is no longer needed.
  const saved = new URLSearchParams(location.search).get('saved');
  const page = document.querySelector('[data-proposal-id]');
  if (saved && page) localStorage.removeItem(backupKey(page.dataset.proposalId));

  const ideaForm = document.getElementById('idea-form');
  if (ideaForm) {
    ideaForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const error = document.getElementById('idea-error');
      error.textContent = '';
      const button = ideaForm.querySelector('button');
      button.disabled = true;
      try {
        const created = await ideahub.api('POST', '/api/proposals/from-idea', { idea: ideaForm.idea.value });
        location.href = '/proposals/' + created.id + '?assistant=idea';
      } catch (err) {
        const p = err.problem;
        error.textContent = (p && p.errors && Object.values(p.errors).flat().join(' ')) || err.message;
        button.disabled = false;
      }
    });
  }

  const form = document.getElementById('proposal-editor');
  if (!form) return;
  const rows = document.getElementById('indicator-rows');
  const template = document.getElementById('indicator-template');
  const status = document.getElementById('autosave-status');
  let id = form.dataset.id || null;
  let version = Number(form.dataset.version || 0);
  let timer = null;
  let saving = null; // the in-flight autosave, so a click on "Simpan" waits for it and posts the version it produced
  let pending = false;
  const conflict = document.getElementById('editor-conflict');
  // While a conflict is shown nothing is autosaved: the author's text stays in the form and the browser backup,
  // still based on the version it was written from, until they choose (issue 11.9).
  let conflicted = conflict ? !conflict.hidden : false;

  // With ?discard=1 (the conflict panel's "load the latest version") the backup of this proposal is dropped.
  if (id && new URLSearchParams(location.search).get('discard')) {
    localStorage.removeItem(backupKey(id));
    history.replaceState(null, '', '/proposals/' + id + '/edit');
  }

  function renumber() {
    rows.querySelectorAll('.indicator-row').forEach((row, n) => {
      row.querySelector('.indicator-number').textContent = String(n + 1);
      row.querySelectorAll('[data-field]').forEach((el) => { el.name = 'Form.Indicators[' + n + '].' + el.dataset.field; });
    });
    document.getElementById('add-indicator').disabled = rows.children.length >= Number(rows.dataset.max);
  }

  function addRow(values) {
    const row = template.content.firstElementChild.cloneNode(true);
    rows.appendChild(row);
    if (values) row.querySelectorAll('[data-field]').forEach((el) => { el.value = values[el.dataset.field] ?? ''; });
    renumber();
    return row;
  }

  document.getElementById('add-indicator').addEventListener('click', () => addRow().querySelector('input').focus());
  rows.addEventListener('click', (e) => {
    if (!e.target.classList.contains('remove-indicator')) return;
    e.target.closest('.indicator-row').remove();
    renumber();
    changed();
  });

  const field = (name) => form.elements['Form.' + name];
  const texts = ['Title', 'Stage', 'Initiator', 'Kind', 'Form', 'Urusan', 'TrialDate', 'ImplementationDate', 'Problem', 'Design', 'Goals', 'Benefits', 'Results'];
  const number = (v) => (v === '' || v == null ? null : Number(v));

  function collect() {
    const data = {};
    texts.forEach((t) => { data[t.charAt(0).toLowerCase() + t.slice(1)] = field(t).value; });
    data.trialDate = data.trialDate || null;
    data.implementationDate = data.implementationDate || null;
    data.indicators = [...rows.querySelectorAll('.indicator-row')].map((row) => {
      const v = (f) => row.querySelector('[data-field="' + f + '"]').value;
      return { name: v('Name'), unit: v('Unit'), baseline: number(v('Baseline')), target: number(v('Target')), targetDate: v('TargetDate') || null, direction: v('Direction') };
    });
    return data;
  }

  function fill(data) {
    texts.forEach((t) => { field(t).value = data[t.charAt(0).toLowerCase() + t.slice(1)] ?? ''; });
    rows.replaceChildren();
    (data.indicators || []).forEach((i) => addRow({ Name: i.name, Unit: i.unit, Baseline: i.baseline, Target: i.target, TargetDate: i.targetDate, Direction: i.direction }));
  }

  function countWords() {
    form.querySelectorAll('[data-count-words]').forEach((t) => {
      const n = t.value.trim() ? t.value.trim().split(/\s+/).length : 0;
      document.getElementById(t.id + '-count').textContent = form.dataset.textWords.replace('{0}', n);
    });
  }

  function setStatus(text, cls) {
    status.textContent = text;
    status.className = cls || 'muted';
  }

  function showConflict(problem) {
    conflicted = true;
    const labels = JSON.parse(conflict.dataset.labels);
    document.getElementById('conflict-body').textContent = conflict.dataset.textBody.replace('{0}', problem.currentRevision);
    document.getElementById('conflict-fields').textContent = (problem.changedFields || []).map((f) => labels[f] || f).join(', ');
    document.getElementById('conflict-keep-mine').value = String(problem.currentVersion);
    // A draft started on /proposals/new learned its id from its first autosave.
    document.getElementById('conflict-take-theirs').href = '/proposals/' + id + '/edit?discard=1';
    document.getElementById('conflict-view').href = '/proposals/' + id;
    conflict.hidden = false;
    conflict.scrollIntoView({ block: 'nearest' });
  }

  function save() {
    if (saving) { pending = true; return saving; }
    if (conflicted) return null;
    const data = collect();
    if (!data.title.trim()) return null;
    saving = doSave(data).finally(() => {
      saving = null;
      if (pending) { pending = false; schedule(500); }
    });
    return saving;
  }

  async function doSave(data) {
    setStatus(form.dataset.textSaving);
    try {
      let result;
      if (!id) {
        result = await ideahub.api('POST', '/api/proposals', data);
        localStorage.removeItem(backupKey(null));
        id = result.id;
        history.replaceState(null, '', '/proposals/' + id + '/edit');
        form.action = '/proposals/' + id + '/edit';
      } else {
        result = await ideahub.api('PUT', '/api/proposals/' + id, { ...data, version, source: 'autosave' });
      }
      version = result.version;
      form.elements.version.value = String(version);
      if (JSON.stringify(collect()) === JSON.stringify(data)) localStorage.removeItem(backupKey(id));
      setStatus(form.dataset.textSaved + ' ' + new Date().toLocaleTimeString(document.documentElement.lang), 'notice');
    } catch (err) {
      if (err.status === 409 && conflict && err.problem && err.problem.currentVersion != null) {
        setStatus(form.dataset.textConflict, 'error');
        showConflict(err.problem);
      } else if (err.status === 409) setStatus(form.dataset.textConflict, 'error');
      else if (err.status === 400 && err.problem) setStatus(Object.values(err.problem.errors || {}).flat().join(' ') || err.message, 'error');
      else { setStatus(form.dataset.textOffline, 'error'); schedule(5000); }
    }
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(save, ms);
  }

  // Every keystroke goes to localStorage at once (survives a lost connection or a server restart), the server gets it debounced.
  function changed() {
    localStorage.setItem(backupKey(id), JSON.stringify({ at: Date.now(), version, data: collect() }));
    countWords();
    schedule(1500);
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  // "Simpan" during an autosave would post the version the autosave is about to replace (a false conflict): wait for it.
  form.addEventListener('submit', (e) => {
    renumber();
    clearTimeout(timer);
    if (!saving) return;
    e.preventDefault();
    const submitter = e.submitter;
    saving.then(() => form.requestSubmit(submitter || undefined));
  });

  const backup = localStorage.getItem(backupKey(id));
  if (backup) {
    try {
      const b = JSON.parse(backup);
      if (JSON.stringify(b.data) !== JSON.stringify(collect())) {
        fill(b.data);
        // The backup is saved on top of the version it was written from, not the one the page loaded: if the
        // proposal changed since, the save is a conflict the author sees, never a silent overwrite (issue 11.9).
        if (id && typeof b.version === 'number') { version = b.version; form.elements.version.value = String(version); }
        document.getElementById('editor-restored').hidden = false;
        schedule(500);
      }
    } catch { localStorage.removeItem(backupKey(id)); }
  }
  renumber();
  countWords();
})();
