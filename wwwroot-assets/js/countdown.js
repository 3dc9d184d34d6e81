/* The preview page (Pages/Countdown.razor): counts down to the start and watches the session's status through the public
   API; once the host starts it (or cancels or moves it) the page reloads into what it has become. The clock alone starts
   nothing: past the start it says the host will start soon and keeps watching. No SignalR here: a preview stays light.
   The countdown is plain text, not a live region: a screen reader reads it when the reader gets there, not every second. */
(() => {
  'use strict';
  const box = document.querySelector('[data-countdown-start]');
  if (!box || !window.fetch) return;
  const words = box.closest('[data-words]'), W = words ? JSON.parse(words.dataset.words) : {};
  const f = (s, ...a) => String(s).replace(/\{(\d)\}/g, (_, i) => a[i]);
  const start = Date.parse(box.dataset.countdownStart), url = box.dataset.countdownStatus;
  // Every 60 s well before the start, every 10 s from five minutes before it (the host may start early or late).
  const fixed = +box.dataset.countdownPoll || 0;
  const pace = () => fixed ? fixed * 1000 : (start - Date.now() > 5 * 60000 ? 60000 : 10000);
  const left = box.appendChild(document.createElement('span'));
  left.className = 'countdown-left';
  let ticker = 0;

  function tick() {
    const s = Math.max(0, Math.floor((start - Date.now()) / 1000));
    if (s === 0) {
      clearInterval(ticker);
      left.textContent = W.CountdownDue;
      return;
    }
    const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), parts = [];
    if (d) parts.push(f(W.CountdownDays, d));
    if (d || h) parts.push(f(W.CountdownHours, h));
    if (d || h || m) parts.push(f(W.CountdownMinutes, m));
    parts.push(f(W.CountdownSeconds, s % 60));
    left.textContent = f(W.CountdownLeft, parts.join(' '));
  }

  async function check() {
    try {
      const r = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (r.status === 404) { location.reload(); return; }
      if (r.ok) {
        const s = await r.json();
        // Started, ended or cancelled, or moved to another time: the server renders what the page is now.
        if (s.status !== 'scheduled' || Math.abs(Date.parse(s.scheduledStart) - start) >= 1000) { location.reload(); return; }
      }
    } catch (x) { /* offline for a moment: ask again at the next turn */ }
    setTimeout(check, pace());
  }

  tick();
  ticker = setInterval(tick, 1000);
  setTimeout(check, pace());
})();
