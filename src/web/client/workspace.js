// Workspace editor, enhanced: each note is checked while it is written (debounced), through the
// same claim checker the server uses (POST /api/v1/claims/check). Without this script the
// verdicts appear after saving. The session's CSRF token rides in the X-CSRF-Token header.
(() => {
  const form = document.getElementById('draft-form');
  if (!form) return;
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
})();
