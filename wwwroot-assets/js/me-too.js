// 同问 on the public question list (Components/Pages/InterviewPage.razor): a button beside each approved question that
// adds the reader's voice (POST /api/v1/questions/{id}/me-too; the server counts each client once) and shows the count.
// The words come from the list's data- attributes, in the page's language; without script the count alone shows.
(() => {
  'use strict';
  const list = document.querySelector('ul.public-questions');
  if (!list || !window.fetch) return;
  const KEY = 'interview.meToo';
  let joined = [];
  try { joined = JSON.parse(localStorage.getItem(KEY) || '[]'); } catch (x) { /* storage off */ }
  const words = list.dataset;

  function show(li, count, done) {
    let span = li.querySelector('.me-too');
    if (!span) { span = document.createElement('span'); span.className = 'me-too'; li.append(' ', span); }
    span.dataset.count = count;
    span.textContent = words.meTooCount.replace('{0}', count);
    span.hidden = count === 0;
    const button = li.querySelector('.me-too-button');
    button.setAttribute('aria-pressed', done);
    button.textContent = done ? words.meTooDone : words.meToo;
  }

  function decorate(li) {
    const id = Number(li.id.slice(1));
    if (!id || li.querySelector('.me-too-button')) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'me-too-button';
    li.append(' ', button);
    const count = Number(li.querySelector('.me-too')?.dataset.count || 0);
    show(li, count, joined.includes(id));
    button.addEventListener('click', async () => {
      if (button.getAttribute('aria-pressed') === 'true') return;
      button.disabled = true;
      try {
        const response = await fetch(`/api/v1/questions/${id}/me-too`, { method: 'POST' });
        if (response.ok) {
          const body = await response.json();
          joined.push(id);
          try { localStorage.setItem(KEY, JSON.stringify(joined.slice(-500))); } catch (x) { /* storage off */ }
          show(li, body.count, true);
        }
      } catch (x) { /* offline: the reader may try again */ }
      finally { button.disabled = false; }
    });
  }

  list.querySelectorAll('li[id^="q"]').forEach(decorate);
  // Questions approved while the page is open arrive through live.js.
  new MutationObserver(() => list.querySelectorAll('li[id^="q"]').forEach(decorate)).observe(list, { childList: true });
})();
