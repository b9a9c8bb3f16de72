// Review, comment and vote panels of one proposal (Pages/Review/_FeedbackPanels.cshtml). Everything is rendered from
// the JSON API with textContent, and re-read whenever a live event for this proposal arrives or the connection returns.
(function () {
  const root = document.querySelector('[data-feedback-panels]');
  if (!root) return;
  const t = root.dataset;
  const id = t.proposalId;
  const statuses = JSON.parse(t.statuses);
  const base = '/api/proposals/' + id;
  const lang = document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID';
  const score = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const errorEl = root.querySelector('[data-panel-error]');
  let known = new Set();

  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; };
  const when = (iso) => new Date(iso).toLocaleString(lang, { dateStyle: 'long', timeStyle: 'short' });
  const fresh = (li, key) => { if (known.size && !known.has(key)) li.classList.add('fresh'); };

  async function loadReviews() {
    const list = root.querySelector('[data-reviews]');
    const reviews = await ideahub.api('GET', base + '/reviews');
    const seen = new Set();
    list.replaceChildren(...reviews.map((r) => {
      const key = r.id + r.updatedAt;
      seen.add(key);
      const li = el('li', null, 'comment');
      li.dataset.testid = 'review';
      li.append(el('strong', r.reviewerName), el('span', ' · ' + t['rec' + r.recommendation] + ' · ' + score.format(r.weightedScore) + '/5'));
      if (r.comment) li.append(el('p', r.comment));
      li.append(el('small', when(r.updatedAt), 'muted'));
      fresh(li, key);
      return li;
    }));
    if (!reviews.length) list.append(el('li', t.textNoReviews, 'muted'));
    known = new Set([...known, ...seen]);
  }

  async function loadComments() {
    const list = root.querySelector('[data-comments]');
    const comments = await ideahub.api('GET', base + '/comments');
    const children = new Map();
    comments.forEach((c) => { const k = c.parentId || ''; if (!children.has(k)) children.set(k, []); children.get(k).push(c); });
    const render = (parent) => (children.get(parent) || []).map((c) => {
      const li = el('li', null, 'comment');
      li.dataset.testid = 'comment';
      li.append(el('strong', c.authorName), el('small', ' ' + when(c.createdAt), 'muted'), el('p', c.body));
      if (t.canComment === 'true') {
        const reply = el('button', t.textReply, 'link');
        reply.type = 'button';
        reply.addEventListener('click', () => startReply(c));
        li.append(reply);
      }
      const sub = render(c.id);
      if (sub.length) { const ul = el('ul', null, 'comment-thread'); ul.append(...sub); li.append(ul); }
      fresh(li, c.id);
      known.add(c.id);
      return li;
    });
    list.replaceChildren(...render(''));
    if (!comments.length) list.append(el('li', t.textNoComments, 'muted'));
  }

  async function loadVotes() {
    const v = await ideahub.api('GET', base + '/votes');
    root.querySelector('[data-votes-support]').textContent = ideahub.formatNumber(v.support);
    root.querySelector('[data-votes-against]').textContent = ideahub.formatNumber(v.notSupport);
    root.querySelectorAll('[data-vote]').forEach((b) => b.setAttribute('aria-pressed', String(v.mine !== null && String(v.mine) === b.dataset.vote)));
  }

  const showError = (target, err) => {
    const p = err.problem;
    target.textContent = p?.errors ? Object.values(p.errors).flat().join(' ') : (err.message || '');
    target.className = 'error';
  };

  const form = root.querySelector('[data-review-form]');
  form?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const scores = [...form.querySelectorAll('input[type=radio]:checked')].map((r) => ({ criterionId: r.dataset.criterion, score: Number(r.value) }));
    const out = form.querySelector('[data-form-error]');
    try {
      await ideahub.api('PUT', base + '/review', { scores, recommendation: form.recommendation.value, comment: form.comment.value });
      out.textContent = t.textSaved;
      out.className = 'notice';
      await loadReviews();
    } catch (err) { showError(out, err); }
  });

  const commentForm = root.querySelector('[data-comment-form]');
  function startReply(c) {
    commentForm.parentId.value = c.id;
    commentForm.querySelector('[data-replying-to]').textContent = '↪ ' + c.authorName;
    commentForm.body.focus();
  }
  commentForm?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const out = commentForm.querySelector('[data-form-error]');
    try {
      await ideahub.api('POST', base + '/comments', { body: commentForm.body.value, parentId: commentForm.parentId.value || null });
      commentForm.reset();
      commentForm.parentId.value = '';
      commentForm.querySelector('[data-replying-to]').textContent = '';
      out.textContent = '';
      await loadComments();
    } catch (err) { showError(out, err); }
  });

  root.querySelectorAll('[data-vote]').forEach((b) => b.addEventListener('click', async () => {
    try { await ideahub.api('PUT', base + '/vote', { support: b.dataset.vote === 'true' }); await loadVotes(); errorEl.textContent = ''; }
    catch (err) { showError(errorEl, err); }
  }));

  root.querySelectorAll('[data-decision]').forEach((b) => b.addEventListener('click', async () => {
    try {
      const note = root.querySelector('#decision-note')?.value || null;
      const r = await ideahub.api('POST', base + '/transitions', { to: b.dataset.decision, version: Number(t.version), note });
      t.version = r.version;
      setStatus(r.status);
      root.querySelectorAll('[data-decision]').forEach((x) => { x.disabled = true; });
    } catch (err) { showError(errorEl, err); }
  }));

  const follow = root.querySelector('[data-follow]');
  follow?.addEventListener('click', async () => {
    const on = follow.getAttribute('aria-pressed') !== 'true';
    await ideahub.api(on ? 'PUT' : 'DELETE', base + '/follow');
    follow.setAttribute('aria-pressed', String(on));
    follow.textContent = on ? t.textFollowing : t.textFollow;
  });

  function setStatus(status) {
    document.querySelectorAll('[data-live-status]').forEach((s) => {
      s.textContent = statuses[status] || status;
      if (s.classList.contains('badge')) s.className = 'badge status-' + status;
    });
  }

  const reloadAll = () => Promise.all([loadReviews(), loadComments(), loadVotes()]).catch((err) => showError(errorEl, err));
  document.addEventListener('ideahub:event', (ev) => {
    const e = ev.detail;
    if (e.proposalId !== id) return;
    if (e.kind === 'review.added') loadReviews();
    else if (e.kind === 'comment.added') loadComments();
    else if (e.kind === 'vote.totals') loadVotes();
    else if (e.kind === 'status.changed') {
      setStatus(e.payload.to);
      root.querySelectorAll('[data-decision]').forEach((b) => { b.disabled = true; });
      errorEl.textContent = t.textStatusChanged;
    }
  });
  document.addEventListener('ideahub:reconnected', reloadAll);
  window.ideahubRealtime?.watch(id);
  reloadAll();
})();
