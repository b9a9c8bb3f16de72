// Similar-proposals panel (Pages/Duplicates/_SimilarPanel.cshtml): a debounced live list while drafting, the compare
// step on submit, and the "kemungkinan duplikat" panel at review. Data is only ever set with textContent.
(function () {
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function setup(panel) {
    const t = JSON.parse(panel.dataset.text);
    const mode = panel.dataset.mode;
    const id = panel.dataset.proposalId || null;
    const status = panel.querySelector('[data-dup-status]');
    const results = panel.querySelector('[data-dup-results]');
    const kind = panel.querySelector('[data-dup-kind]');

    async function act(button, method, url, body, done) {
      button.disabled = true;
      try {
        await ideahub.api(method, url, body);
        done();
      } catch (err) {
        status.textContent = err.message;
        button.disabled = false;
      }
    }

    // Merging archives the other proposal and moves its votes, supporters and comments: ask for the reason the
    // author will read, and for a second click, before calling the API.
    function confirmMerge(button, m) {
      if (button.parentElement.querySelector('.dup-merge-form')) return;
      const form = el('form', 'dup-merge-form');
      const label = el('label', null, t['Review.MergeReason']);
      const reason = el('textarea');
      reason.name = 'note';
      reason.rows = 2;
      reason.maxLength = 1000;
      label.append(reason);
      const ok = el('button', null, t['Review.MergeConfirm']);
      ok.type = 'submit';
      const cancel = el('button', 'secondary', t['Review.Cancel']);
      cancel.type = 'button';
      cancel.addEventListener('click', () => form.remove());
      form.append(label, el('p', 'dup-hint', t['Review.MergeWarning']), ok, cancel);
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        act(ok, 'POST', `/api/proposals/${m.proposalId}/merge`, { otherId: id, note: reason.value.trim() || null }, () => load());
      });
      button.parentElement.append(form);
      reason.focus();
    }

    function actions(m) {
      const box = el('div', 'dup-actions');
      const add = (label, handler, confirm) => {
        const b = el('button', 'secondary', label);
        b.type = 'button';
        if (confirm) b.dataset.confirm = confirm;
        b.addEventListener('click', () => handler(b));
        box.append(b);
      };
      if (mode === 'review' && !m.priorArt && !m.restricted && panel.dataset.canLink === 'true')
        add(t['Review.Related'], (b) => act(b, 'POST', `/api/proposals/${id}/related`, { otherId: m.proposalId }, () => b.replaceWith(el('span', 'badge', '✓'))));
      if (mode === 'review' && !m.priorArt && !m.restricted && panel.dataset.canMerge === 'true')
        add(t['Review.Merge'], (b) => confirmMerge(b, m));
      if (mode === 'submit' && !m.priorArt) {
        add(t['Submit.Different'], (b) => act(b, 'POST', `/api/proposals/${id}/distinct`, { otherId: m.proposalId }, () => b.replaceWith(el('span', 'badge', '✓'))));
        if (!m.restricted) add(t['Submit.Join'], (b) => act(b, 'POST', `/api/proposals/${id}/join`, { otherId: m.proposalId }, () => { window.location.href = '/proposals'; }),
          t['Submit.JoinConfirm'].replace('{0}', m.title));
      }
      return box;
    }

    function item(m) {
      const li = el('li', 'dup-match');
      li.dataset.proposalId = m.proposalId;
      // A match the reader may not open shows only where it is and whom to ask (the server sends no title or words).
      const title = el('div', 'dup-title', m.restricted ? t['Panel.Restricted'].replace('{0}', m.opdName) : undefined);
      if (!m.restricted && !m.priorArt) {
        const link = el('a', null, m.title);
        link.href = '/proposals/' + m.proposalId;
        link.target = '_blank';
        title.append(link);
      } else if (!m.restricted) title.textContent = m.title;
      li.append(title);
      const meta = [m.priorArt ? m.pemkabName : null, m.opdName, t['Stage.' + m.stage] || m.stage].filter(Boolean).join(' · ');
      li.append(el('div', 'dup-meta', meta));
      const score = el('div', 'dup-score', `${t['Panel.Score']}: ${ideahub.formatNumber(Math.round(m.score * 100) / 100)}`);
      if (m.likelyDuplicate) score.append(' ', el('span', 'badge dup-likely', t['Panel.LikelyDuplicate']));
      li.append(score);
      const why = m.signals.map((s) => t['Signal.' + s]).filter(Boolean);
      if (m.sharedTerms.length) why.push(m.sharedTerms.join(', '));
      if (why.length) li.append(el('div', 'dup-terms', `${t['Panel.Why']}: ${why.join('; ')}`));
      if (mode !== 'draft') li.append(actions(m));
      return li;
    }

    // The model judge answers after the lexical list is shown, one match at a time, for matches the reader can open.
    async function verdicts(res, mine) {
      if (!res.judge || !id) return;
      for (const m of res.samePemkab.filter((x) => !x.restricted).slice(0, 3)) {
        const li = results.querySelector(`.dup-match[data-proposal-id="${m.proposalId}"]`);
        if (!li || mine !== seq) return;
        const line = el('div', 'dup-verdict', t['Judge.Pending']);
        li.append(line);
        try {
          const v = await ideahub.api('GET', `/api/proposals/${id}/similar/${m.proposalId}/verdict`);
          line.textContent = `${t['Judge.Label']}: ${v.same ? t['Judge.Same'] : t['Judge.Different']} — ${v.reason}`;
        } catch {
          line.textContent = t['Judge.Error'];
        }
      }
    }

    function render(res) {
      results.replaceChildren();
      kind.textContent = res.embedderKind === 'lexical' ? t['Panel.Lexical'] : t['Panel.Model'];
      const own = mode === 'submit' ? res.samePemkab.filter((m) => m.likelyDuplicate) : res.samePemkab;
      if (!own.length && !res.priorArt.length) {
        results.append(el('p', null, t['Panel.None']));
        return;
      }
      if (own.length) {
        results.append(el('h3', null, t['Panel.Duplicates']));
        const ol = el('ol');
        own.forEach((m) => ol.append(item(m)));
        results.append(ol);
      }
      if (res.priorArt.length) {
        results.append(el('h3', null, t['Panel.PriorArt']), el('p', 'dup-hint', t['Panel.PriorArtHint']));
        const ol = el('ol', 'dup-prior-art');
        res.priorArt.forEach((m) => ol.append(item(m)));
        results.append(ol);
      }
    }

    let seq = 0;
    async function run(request) {
      const mine = ++seq;
      status.textContent = t['Panel.Loading'];
      try {
        const res = await request();
        if (mine !== seq) return; // a newer keystroke won
        status.textContent = '';
        render(res);
        verdicts(res, mine);
      } catch {
        if (mine === seq) status.textContent = t['Panel.Error'];
      }
    }

    function load() {
      run(() => ideahub.api('GET', `/api/proposals/${id}/similar?k=10`));
    }

    if (mode !== 'draft') {
      load();
      return;
    }
    const titleField = document.getElementById(panel.dataset.titleField);
    const textFields = panel.dataset.textFields.split(' ').map((f) => document.getElementById(f)).filter(Boolean);
    let timer;
    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const title = titleField ? titleField.value.trim() : '';
        const text = [title, ...textFields.map((f) => f.value.trim())].filter(Boolean).join('\n');
        if (text.length < 20) return;
        run(() => ideahub.api('POST', '/api/similar', { title: title || null, text, excludeId: id, k: 8 }));
      }, 600);
    };
    [titleField, ...textFields].filter(Boolean).forEach((f) => f.addEventListener('input', onInput));
    onInput(); // an existing draft shows its matches at once
  }

  document.querySelectorAll('[data-dup-panel]').forEach(setup);
})();
