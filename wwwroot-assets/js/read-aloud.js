/* 语音阅读: reads the page or one entry aloud with the browser's own speech synthesis (nothing leaves the machine).
   The buttons exist only where the browser can speak; pressing the reading button again stops it. Entries that the
   live feed adds later get their button too. */
(() => {
  'use strict';
  const S = window.speechSynthesis, Say = window.SpeechSynthesisUtterance;
  const article = document.querySelector('article.interview');
  if (!S || typeof Say !== 'function' || !article) return;
  // Never read: navigation and controls, forms, hidden text (the live region repeats entries), correction history.
  const SKIP = 'nav,button,script,style,form,select,textarea,input,details,[hidden],[aria-hidden="true"],.sr-only,.permalink,.live-controls';
  const BLOCK = /^(H\d|P|LI|DT|DD|DIV|SECTION|HEADER|BLOCKQUOTE|TR)$/;
  let reading = null;
  // The buttons' words come from the page, in its language ({0} filled in by f()).
  const W = article.dataset.words ? JSON.parse(article.dataset.words) : {};
  const f = (s, ...a) => String(s).replace(/\{(\d)\}/g, (_, i) => a[i]);

  const text = root => {
    const out = [], walk = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: n => n.nodeType === 1 && n.matches(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      out.push(n.nodeType === 3 ? n.data : BLOCK.test(n.tagName) ? '\n' : '');
    }
    return out.join('').replace(/[ \t\r]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
  };
  const entryText = li => {
    const speaker = li.querySelector('.speaker'), body = li.querySelector(':scope > .entry-body');
    return speaker ? f(W.ScriptBrief, speaker.textContent.replace(/[[\]]/g, ''), body ? text(body) : '') : body ? text(body) : '';
  };

  // Short pieces: some engines stop a long utterance after a while; a pause at each sentence reads better anyway.
  const pieces = all => (all.match(/[^。！？；!?;\n]+[。！？；!?;]*/g) || []).flatMap(s => s.match(/[\s\S]{1,150}/g)).map(s => s.trim()).filter(Boolean);
  const voice = () => {
    const voices = S.getVoices();
    return voices.find(v => /^zh[-_]CN/i.test(v.lang)) || voices.find(v => /^(zh|cmn)/i.test(v.lang) && !/HK|TW/i.test(v.lang)) || null;
  };

  const show = (b, on) => {
    b.classList.toggle('reading', on);
    b.textContent = on ? b.dataset.stop : b.dataset.read;
    if (b.dataset.what) b.setAttribute('aria-label', f(on ? W.ReadStopAria : W.ReadAria, b.dataset.what));
  };
  const stop = () => { if (reading) show(reading, false); reading = null; S.cancel(); };

  function read(b, all) {
    stop();
    const parts = pieces(all);
    if (!parts.length) return;
    reading = b;
    show(b, true);
    const v = voice();
    parts.forEach((part, i) => {
      const u = new Say(part);
      u.lang = 'zh-CN';
      if (v) u.voice = v;
      u.rate = 0.9;
      // cancel() ends the utterances of an earlier button too: only the one still reading resets its button.
      const done = () => { if (reading === b) { show(b, false); reading = null; } };
      if (i === parts.length - 1) u.onend = done;
      u.onerror = done;
      S.speak(u);
    });
  }

  const button = (cls, read, stop, what) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = cls;
    Object.assign(b.dataset, { read, stop }, what ? { what } : {});
    show(b, false);
    return b;
  };

  const bar = document.createElement('p');
  bar.className = 'read-aloud-bar';
  const page = bar.appendChild(button('read-aloud read-aloud-page', W.ReadPage, W.ReadStop));
  (article.querySelector('.interview-header') || article).appendChild(bar);

  const addButtons = () => article.querySelectorAll('li.entry > .entry-head').forEach(head => {
    if (head.querySelector('.read-aloud')) return;
    head.insertBefore(button('read-aloud', W.ReadEntry, W.ReadEntryStop, f(W.ReadEntryWhat, head.parentElement.id.slice(1))), head.querySelector('.permalink'));
  });
  addButtons();
  const transcript = article.querySelector('.transcript');
  if (transcript) new MutationObserver(addButtons).observe(transcript, { childList: true, subtree: true });

  article.addEventListener('click', e => {
    const b = e.target.closest('.read-aloud');
    if (!b) return;
    if (reading === b) { stop(); return; }
    read(b, b === page ? text(article) : entryText(b.closest('li.entry')));
  });
  addEventListener('pagehide', () => S.cancel());
})();
