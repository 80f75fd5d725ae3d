// Search suggestions as you type. Progressive enhancement: without this script the search form
// submits to /search and works the same.
(() => {
  const input = document.querySelector('input[data-suggest]');
  if (!input || !window.fetch) return;
  const endpoint = input.getAttribute('data-suggest');
  const list = document.createElement('ul');
  list.className = 'suggestions';
  list.id = 'site-search-suggestions';
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  // WAI-ARIA 1.2 combobox pattern: the input owns the listbox of suggestions.
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.parentElement.appendChild(list);
  let timer;
  let seq = 0;
  let active = -1;
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };
  const render = (items) => {
    list.replaceChildren(
      ...items.map((hit, i) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = hit.url;
        a.id = `suggestion-${i}`;
        a.setAttribute('role', 'option');
        a.textContent = `${hit.title} (${hit.year ?? '?'})${hit.original_title ? ` · ${hit.original_title}` : ''}`;
        li.appendChild(a);
        return li;
      }),
    );
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return close();
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const res = await fetch(`${endpoint}?q=${encodeURIComponent(q)}&limit=6`);
        if (!res.ok || mine !== seq) return;
        render((await res.json()).data);
      } catch {
        close();
      }
    }, 120);
  });
  input.addEventListener('keydown', (e) => {
    const links = [...list.querySelectorAll('a')];
    if (list.hidden || links.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + links.length) % links.length;
      links.forEach((l, i) => l.setAttribute('aria-selected', String(i === active)));
      input.setAttribute('aria-activedescendant', links[active].id);
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      window.location.href = links[active].href;
    } else if (e.key === 'Escape') close();
  });
  document.addEventListener('click', (e) => {
    if (!list.contains(e.target) && e.target !== input) close();
  });
})();
