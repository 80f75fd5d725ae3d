// Workspace editor, enhanced: each note is checked while it is written (debounced), through the
// same claim checker the server uses (POST /api/v1/claims/check). Without this script the
// verdicts appear after saving. The session's CSRF token rides in the X-CSRF-Token header.
//
// Reordering, enhanced: entries can be dragged by their handle (HTML drag and drop), and the
// Move up / Move down buttons move an entry without a page load; both post one `move` (with the
// editor's text, as the buttons' own form does) to /workspace/collections/:slug/move, swap in
// the page the server renders, put the focus back on the same button and announce the new
// position in a live region. Without the script the buttons submit their form as before.
/* global FormData, URLSearchParams, DOMParser */
(() => {
  if (!document.getElementById('draft-form')) return;
  const live = document.createElement('div');
  live.id = 'reorder-status';
  live.className = 'visually-hidden';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  document.body.append(live);
  const announce = (text) => {
    live.textContent = '';
    // A fresh text node after a tick, so screen readers announce a repeated message too.
    setTimeout(() => {
      live.textContent = text;
    }, 50);
  };

  const titleOf = (li) =>
    li.querySelector('h2, h3')?.textContent?.replace(/\s+/g, ' ').trim() ?? 'the film';
  const entryId = (li) => Number(li.id.replace('entry-', ''));

  let busy = false;
  const move = async (form, li, to, focusKind) => {
    if (busy) return;
    busy = true;
    const id = entryId(li);
    const name = titleOf(li);
    const data = new FormData(form);
    data.delete('op');
    data.set('entry', String(id));
    data.set('to', String(to));
    try {
      const res = await fetch(`${form.getAttribute('action')}/move`, {
        method: 'POST',
        body: new URLSearchParams(data),
        credentials: 'same-origin',
      });
      if (res.status === 409) {
        announce(`Not moved. ${await res.text()}`);
        const note = document.createElement('p');
        note.className = 'notice notice-error';
        note.setAttribute('role', 'alert');
        note.textContent =
          'Not moved: someone saved this draft after you opened it. Save to see both versions.';
        form.before(note);
        return;
      }
      if (!res.ok) {
        announce(`Not moved (error ${res.status}).`);
        return;
      }
      const next = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = next.querySelector('[data-editor]');
      const old = document.querySelector('[data-editor]');
      if (!fresh || !old) return;
      old.replaceWith(document.importNode(fresh, true));
      enhance();
      const n = document.querySelectorAll('.draft-entry').length;
      const moved = document.getElementById(`entry-${id}`);
      const pos = [...document.querySelectorAll('.draft-entry')].indexOf(moved) + 1;
      const buttons = moved ? [...moved.querySelectorAll('button[name="op"]')] : [];
      const want = buttons.find((b) => b.value === `${focusKind}:${id}` && !b.disabled);
      const other = buttons.find((b) => /^(up|down):/.test(b.value) && !b.disabled);
      (want ?? other ?? moved?.querySelector('[data-drag]'))?.focus();
      announce(`Moved ${name} to position ${pos} of ${n}.`);
    } catch {
      announce('Not moved: the server could not be reached.');
    } finally {
      busy = false;
    }
  };

  const enhanceReorder = (form) => {
    const list = form.querySelector('.draft-entries');
    const items = list ? [...list.querySelectorAll(':scope > .draft-entry')] : [];
    if (!list || !items.some((li) => li.querySelector('button[value^="up:"]'))) return;
    form.addEventListener('submit', (event) => {
      const b = event.submitter;
      const m = b && /^(up|down):(\d+)$/.exec(b.value ?? '');
      if (!m) return;
      event.preventDefault();
      const li = document.getElementById(`entry-${m[2]}`);
      const i = items.indexOf(li);
      move(form, li, m[1] === 'up' ? i : i + 2, m[1]);
    });
    let dragged = null;
    for (const li of items) {
      const handle = document.createElement('span');
      handle.className = 'drag-handle';
      handle.dataset.drag = '';
      handle.textContent = '⠿';
      handle.title = 'Drag to reorder (or use Move up and Move down)';
      handle.setAttribute('aria-hidden', 'true');
      li.prepend(handle);
      handle.draggable = true;
      handle.addEventListener('dragstart', (e) => {
        dragged = li;
        li.classList.add('dragging');
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', li.id);
        e.dataTransfer.setDragImage(li, 20, 20);
      });
      handle.addEventListener('dragend', () => {
        li.classList.remove('dragging');
        for (const x of items) x.classList.remove('drop-before', 'drop-after');
      });
      li.addEventListener('dragover', (e) => {
        if (!dragged || dragged === li) return;
        e.preventDefault();
        const r = li.getBoundingClientRect();
        const after = e.clientY > r.top + r.height / 2;
        li.classList.toggle('drop-after', after);
        li.classList.toggle('drop-before', !after);
      });
      li.addEventListener('dragleave', () => li.classList.remove('drop-before', 'drop-after'));
      li.addEventListener('drop', (e) => {
        if (!dragged || dragged === li) return;
        e.preventDefault();
        const after = li.classList.contains('drop-after');
        li.classList.remove('drop-before', 'drop-after');
        const from = items.indexOf(dragged);
        let to = items.indexOf(li) + (after ? 1 : 0);
        if (from < to) to -= 1;
        const source = dragged;
        dragged = null;
        if (to !== from) move(form, source, to + 1, 'up');
      });
    }
  };

  const enhance = () => {
    const form = document.getElementById('draft-form');
    if (!form) return;
    enhanceReorder(form);
    enhanceChecks(form);
  };

  const enhanceChecks = (form) => {
    const csrf = form.querySelector('input[name="_csrf"]')?.value ?? '';
    const LABEL = {
      supported: 'Supported',
      contradicted: 'Contradicted',
      unsupported: 'Not supported by the record',
    };

    const render = (region, result) => {
      const claims = result.claims.filter((c) => c.verdict !== 'not-checkable');
      region.replaceChildren();
      if (claims.length === 0) {
        const p = document.createElement('p');
        p.className = 'muted small';
        p.textContent = 'No checkable claim in this note.';
        region.append(p);
        return;
      }
      const ul = document.createElement('ul');
      ul.className = 'claims';
      for (const c of claims) {
        const li = document.createElement('li');
        li.className = `claim-item claim-item-${c.verdict}`;
        const p = document.createElement('p');
        const v = document.createElement('span');
        v.className = `verdict verdict-${c.verdict}`;
        v.textContent = LABEL[c.verdict] ?? c.verdict;
        const q = document.createElement('q');
        q.textContent = c.text;
        p.append(v, ' ', q);
        const why = document.createElement('p');
        why.className = 'small';
        why.textContent = c.explanation ?? '';
        li.append(p, why);
        ul.append(li);
      }
      region.append(ul);
    };

    for (const area of form.querySelectorAll('textarea[data-film]')) {
      const region = document.getElementById(area.dataset.check);
      if (!region) continue;
      let timer;
      let seq = 0;
      area.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(async () => {
          const text = area.value.trim();
          if (!text) return;
          const mine = ++seq;
          try {
            const res = await fetch('/api/v1/claims/check', {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
              body: JSON.stringify({ text, film: area.dataset.film }),
            });
            if (!res.ok || mine !== seq) return;
            const body = await res.json();
            render(region, body.data);
          } catch {
            // The server check on save still runs.
          }
        }, 600);
      });
    }
  };

  enhance();
})();
