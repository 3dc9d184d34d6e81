// The studio screen (Components/Studio/ScreenPage.razor): fetches what is on screen whenever the live hub says the
// session changed (an entry, a status, the host's choice), rejoins after a lost connection, and polls now and then in
// case a message was missed. It only reads: the page's address is its key, and nothing here can change anything.
(() => {
  'use strict';
  const root = document.querySelector('[data-screen]');
  if (!root) return;
  const id = Number(root.dataset.interview);
  const stateUrl = root.dataset.state;
  const field = name => root.querySelector(`[data-field="${name}"]`);
  const part = name => root.querySelector(`[data-part="${name}"]`);
  let busy = false, again = false;

  function render(view) {
    field('title').textContent = view.title;
    document.title = view.title;
    const q = view.question, a = view.answer;
    part('question').hidden = !q;
    if (q) {
      const asker = root.querySelector('.screen-asker');
      asker.textContent = asker.dataset.asks.replace('{0}', q.nickname);
      field('question').textContent = q.text;
    }
    part('answer').hidden = !a;
    if (a) { field('speaker').textContent = a.speaker; field('position').textContent = a.position; field('answer').textContent = a.text; }
  }

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const response = await fetch(stateUrl, { cache: 'no-store', credentials: 'omit' });
      if (response.status === 404) { root.hidden = true; return; } // the link was revoked or replaced
      if (response.ok) render(await response.json());
    } catch { /* offline for now: the next message or poll tries again */ }
    finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  }

  setInterval(refresh, 15000);
  if (!window.signalR) return;
  const conn = new signalR.HubConnectionBuilder().withUrl('/hubs/live')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: () => 2000 }).build();
  for (const message of ['entry', 'status', 'question', 'screen']) conn.on(message, () => refresh());
  // Joined with no entries wanted: the screen asks for its own state instead.
  // data-live says whether it is joined (for the studio's eyes in devtools, and for the tests).
  const join = () => conn.invoke('Join', id, 2147483647).then(() => { root.dataset.live = 'joined'; refresh(); }, () => {});
  conn.onreconnecting(() => { root.dataset.live = 'reconnecting'; });
  conn.onreconnected(join);
  const start = () => conn.start().then(join, () => setTimeout(start, 2000));
  conn.onclose(() => setTimeout(start, 2000));
  start();
})();
