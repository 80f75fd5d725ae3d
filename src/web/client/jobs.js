// The jobs page keeps its table current: every 3 s it fetches the page again and swaps the
// table in (the progress bars, states and failures), unless paused or a form in the table has
// focus. No framework; served by us (/assets/jobs.js), as the Content-Security-Policy requires.
(() => {
  const PERIOD_MS = 3000;
  const pause = document.getElementById('jobs-pause');
  const updated = document.getElementById('jobs-updated');
  let paused = false;
  pause?.addEventListener('click', () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? 'Resume updates' : 'Pause updates';
  });
  async function refresh() {
    const table = document.getElementById('jobs-table');
    if (paused || !table || table.contains(document.activeElement)) return;
    try {
      const res = await fetch(window.location.href, { headers: { accept: 'text/html' } });
      if (!res.ok) return;
      const doc = new window.DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = doc.getElementById('jobs-table');
      if (fresh) table.replaceWith(fresh);
      if (updated) updated.textContent = `Updated at ${new Date().toLocaleTimeString()}.`;
    } catch {
      // offline for a moment: try again on the next tick
    }
  }
  window.setInterval(refresh, PERIOD_MS);
})();
