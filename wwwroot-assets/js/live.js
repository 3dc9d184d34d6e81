/* The live page: events from the public stream (/api/v1/interviews/{id}/events) join the server-rendered transcript.
   Gap-free by cursor (the session's change number, data-cursor as rendered): after any break the stream sends exactly
   the entries published or corrected since. Without EventSource it polls the entries API from the same cursor. */
(() => {
  'use strict';
  const root = document.querySelector('[data-live-interview]');
  if (!root || document.documentElement.dataset.liveMode === 'text') return;
  // The words come from the page, in its language: {0}, {1}… are filled in by f().
  const words = root.closest('[data-words]'), W = words ? JSON.parse(words.dataset.words) : {};
  const f = (s, ...a) => String(s).replace(/\{(\d)\}/g, (_, i) => a[i]);
  const id = +root.dataset.liveInterview, bySeq = new Map(), KEY = 'interview.live.order', LOST = W.ScriptLost;
  let list = root.querySelector('ol.entries'), cursor = +root.dataset.cursor || 0, ended = false;
  let tries = 0, timer = 0, newest = false, unseen = [];

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  // Times arrive with +08:00 already: show them as written, like the server.
  const hm = s => s.substr(11, 5);
  const time = (s, text) => { const t = el('time', null, text); t.dateTime = s.replace(/\.\d+/, ''); return t; };
  const seqOf = li => +li.id.slice(1);
  const items = () => list ? [...list.children].filter(li => /^e\d+$/.test(li.id)) : [];
  items().forEach(li => bySeq.set(seqOf(li), li));
  const onFloor = list && list.querySelector(':scope > li.entry-floor');
  let floorSeq = onFloor ? seqOf(onFloor) : null;

  const region = root.querySelector('[data-live-announce]') || root.appendChild(el('div', 'sr-only'));
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  const say = text => { region.textContent = ''; region.appendChild(el('p', null, text)); };
  // Entries carry the zh-CN label (嘉宾 李卫东): the page's own words label them with the name, the label less its word
  // (the entries API also sends the name alone).
  const nameOf = e => {
    const s = String(e.speaker || ''), i = s.indexOf(' ');
    if (e.speakerName != null) return e.speakerName;
    switch (String(e.kind).toLowerCase()) {
      case 'host': return '';
      case 'note': return s === '提示' ? '' : s;
      default: return i < 0 ? '' : s.slice(i + 1);
    }
  };
  const speaker = e => {
    const n = nameOf(e);
    if (!W.SpeakerHost) return e.speaker;
    switch (String(e.kind).toLowerCase()) {
      case 'host': return W.SpeakerHost;
      case 'guest': return f(W.SpeakerGuest, n);
      case 'question': return f(W.SpeakerQuestion, n);
      case 'followup': return n ? f(W.SpeakerFollowUp, n) : W.SpeakerFollowUpAlone;
      default: return n || W.SpeakerNote;
    }
  };
  // The announcement: the entry's words, from its html (the stream sends no plain text).
  const plain = html => { const t = document.createElement('template'); t.innerHTML = html; return t.content.textContent.replace(/\s+/g, ' ').trim(); };
  const brief = e => { const t = plain(e.html); return f(W.ScriptBrief, speaker(e), t.length > 80 ? t.slice(0, 80) + '…' : t); };

  // The note tells how the feed is doing; data-live-state (connecting, live, reconnecting, ended) too, for styles and tests.
  const note = root.querySelector('.live-note'), noteText = note ? note.textContent : '';
  const state = (s, text) => { root.dataset.liveState = s; if (note && !ended) note.textContent = text; };
  state('connecting', noteText);
  const controls = root.querySelector('.live-controls') || (note || root.querySelector('h2')).insertAdjacentElement('afterend', el('div', 'live-controls'));
  const order = controls.insertBefore(el('button', 'live-order', W.TranscriptNewestFirst), controls.firstChild);
  const marker = root.appendChild(el('button', 'live-new'));
  order.type = marker.type = 'button';
  marker.hidden = true;

  function render(e) {
    const li = el('li', `entry entry-${String(e.kind).toLowerCase()}`), head = li.appendChild(el('p', 'entry-head'));
    li.id = `e${e.seq}`;
    head.append(el('span', 'speaker', `[${speaker(e)}]`), time(e.publishedAt, hm(e.publishedAt)));
    if (e.prepared) head.append(el('span', 'tag', W.EntryPrepared));
    // The reviewing unit, or a plain "reviewed" for a session without one; never a reviewer's name.
    if (e.reviewed) head.appendChild(el('span', 'tag', e.reviewedBy ? f(W.EntryReviewed, e.reviewedBy) : W.EntryReviewedPlain)).title = W.EntryReviewedTitle;
    const a = head.appendChild(el('a', 'permalink', `#${e.seq}`));
    a.href = `/interviews/${id}#e${e.seq}`;
    a.setAttribute('aria-label', f(W.EntryPermalink, e.seq));
    // 投诉举报, as on the entries the page was served with.
    if (W.ReportLink) {
      const r = head.appendChild(el('a', 'report-link', W.ReportLink));
      r.href = `/interviews/${id}/report?seq=${e.seq}`;
      r.rel = 'nofollow';
      r.setAttribute('aria-label', f(W.ReportEntryLink, e.seq));
    }
    pair(li, e);
    li.appendChild(el('div', 'entry-body')).innerHTML = e.html; // sanitized by the server
    if (e.correctedAt) corrected(li, e.correctedAt);
    return li;
  }

  // Question → answer pairs, as EntryPair.razor words them: an answer links its question (or quotes a question never
  // put), a question lists its answers, and the question already on the page gains a link to each new answer.
  function pair(li, e) {
    const head = li.querySelector(':scope > .entry-head');
    if (e.questionSeq != null) {
      const a = el('a', 'pair-question', f(W.EntryAnswersQuestion, e.questionSeq));
      a.href = `#e${e.questionSeq}`;
      const p = el('p', 'entry-pair');
      p.appendChild(a);
      head.after(p);
      answered(e.questionSeq, e.seq);
    } else if (e.unaskedQuestion) {
      const q = e.unaskedQuestion, quote = el('blockquote', 'pair-unasked'), p = el('p');
      quote.appendChild(el('p', 'entry-pair', W.EntryAnswersUnasked));
      const who = p.appendChild(el('span', 'speaker', `[${f(W.SpeakerQuestion, q.nickname)}]`)), text = el('span', null, q.text);
      if (W.ContentLang) who.lang = text.lang = W.ContentLang;
      p.append(' ', text);
      quote.appendChild(p);
      head.after(quote);
    }
    for (const seq of e.answerSeqs || []) answerLink(li, seq);
    if (e.seq === floorSeq) mark(li, true);
  }

  function answerLink(li, seq) {
    let p = li.querySelector(':scope > .pair-answers');
    if (!p) { p = el('p', 'entry-pair pair-answers', W.EntryAnswersHeading); li.querySelector(':scope > .entry-head').after(p); }
    if (p.querySelector(`a[href="#e${seq}"]`)) return;
    const a = el('a', null, `#${seq}`);
    a.href = `#e${seq}`;
    a.setAttribute('aria-label', f(W.EntryAnswerLink, seq));
    p.append(' ', a);
  }
  const answered = (questionSeq, seq) => { const q = bySeq.get(questionSeq); if (q) answerLink(q, seq); };

  // 正在回答: a tag on the question being answered, moved by the hub's floor message (the host's rule, TheFloor).
  function mark(li, on) {
    li.classList.toggle('entry-floor', on);
    if (on) li.setAttribute('aria-current', 'true'); else li.removeAttribute('aria-current');
    const tag = li.querySelector(':scope > .entry-head > .tag-floor');
    if (on && !tag) li.querySelector(':scope > .entry-head').appendChild(el('span', 'tag tag-floor', W.EntryOnTheFloor));
    if (!on && tag) tag.remove();
  }
  function floor(seq) {
    floorSeq = seq;
    items().forEach(li => { if (li.classList.contains('entry-floor') && seqOf(li) !== seq) mark(li, false); });
    const li = seq != null && bySeq.get(seq);
    if (li) mark(li, true);
  }

  // "已更正（2026年11月20日 10:15）" / "Corrected (20 Nov 2026 10:15)", as the server words it, in the server's <details>
  // summary when it rendered one.
  function corrected(li, at) {
    li.dataset.correctedAt = at;
    const old = li.querySelector(':scope > .corrections'), sum = old && old.querySelector('summary');
    const [before, after] = String(W.EntryCorrected).split('{0}');
    const mark = el(sum ? 'summary' : 'p', sum ? null : 'corrections corrected', before);
    const month = String(W.ScriptMonths).split(',')[+at.substr(5, 2) - 1];
    mark.append(time(at, f(W.ScriptDate, at.substr(0, 4), month, +at.substr(8, 2), hm(at))), after || '');
    if (sum) sum.replaceWith(mark); else if (old) old.replaceWith(mark); else li.appendChild(mark);
  }

  function insert(li, seq) {
    if (!list) {
      list = el('ol', 'entries');
      const empty = root.querySelector('.empty');
      if (empty) empty.replaceWith(list); else root.insertBefore(list, marker);
    }
    list.insertBefore(li, items().find(o => newest ? seqOf(o) < seq : seqOf(o) > seq) || null);
  }

  function flash(li) {
    li.classList.remove('entry-fresh');
    void li.offsetWidth;
    li.classList.add('entry-fresh');
  }

  // Off screen: the reader is elsewhere on the page, so the marker counts it.
  const away = li => { const r = li.getBoundingClientRect(); return r.top >= innerHeight || r.bottom <= 0; };

  function showMarker() {
    marker.textContent = f(W.ScriptUnseen, unseen.length);
    marker.hidden = !unseen.length;
  }

  // Entries come once per change (the cursor sees to it): a known seq is a correction, replaced in place.
  function apply(entries) {
    const fresh = [];
    for (const e of entries) {
      const li = bySeq.get(e.seq);
      if (li) {
        if (!e.correctedAt) continue;
        li.querySelector(':scope > .entry-body').innerHTML = e.html;
        corrected(li, e.correctedAt);
        flash(li);
        say(f(W.ScriptEntryCorrected, e.seq));
        continue;
      }
      const n = render(e);
      bySeq.set(e.seq, n);
      insert(n, e.seq);
      fresh.push(e);
      flash(n);
      if (away(n)) unseen.push(n);
    }
    if (!fresh.length) return;
    const e = fresh[fresh.length - 1];
    say(fresh.length > 1 ? f(W.ScriptFreshMany, fresh.length, brief(e)) : brief(e));
    showMarker();
  }

  marker.addEventListener('click', () => {
    const first = items().find(li => unseen.includes(li));
    unseen = [];
    showMarker();
    if (!first) return;
    first.tabIndex = -1;
    first.scrollIntoView({ block: 'start' });
    first.focus({ preventScroll: true });
  });
  addEventListener('scroll', () => {
    if (unseen.length && unseen.some(li => !away(li))) { unseen = unseen.filter(away); showMarker(); }
  }, { passive: true });

  function setOrder(nf, save) {
    newest = nf;
    order.setAttribute('aria-pressed', nf);
    root.classList.toggle('live-newest', nf);
    if (list) list.append(...items().sort((a, b) => nf ? seqOf(b) - seqOf(a) : seqOf(a) - seqOf(b)));
    try { if (save) localStorage.setItem(KEY, nf ? 'newest' : 'oldest'); } catch (x) { /* storage off */ }
  }
  order.addEventListener('click', () => setOrder(!newest, true));
  let stored = null;
  try { stored = localStorage.getItem(KEY); } catch (x) { /* storage off */ }
  // Unless the reader chose: newest first on a phone, so the latest entries are in the first screen (issue 13).
  setOrder(stored ? stored === 'newest' : matchMedia('(max-width: 639px)').matches, false);

  // Never give up; spread a crowd of viewers out after a server restart.
  const delay = n => Math.min(30000, 1000 * 2 ** n) * (0.5 + Math.random() / 2);
  const api = `api/v1/interviews/${id}`;
  // A rehearsal's private page (彩排) follows its stream with its link's token.
  const pass = root.dataset.rehearsal ? `&rehearsal=${encodeURIComponent(root.dataset.rehearsal)}` : '';
  let es = null;

  // The event stream (EventSource resumes by itself with Last-Event-ID after a drop). Opened from the cursor the page
  // was rendered with, which may be a few seconds old (edge cache): the stream sends what came since, corrections too.
  function start() {
    clearTimeout(timer);
    if (ended || (es && es.readyState !== 2)) return;
    if (!window.EventSource) { poll(); return; }
    es = new EventSource(`${api}/events?after=${cursor}${pass}`);
    es.onopen = () => { tries = 0; };
    // EventSource retries by itself while CONNECTING; CLOSED (a refusal: 429, 503…) is ours to retry.
    es.onerror = () => { if (ended) return; state('reconnecting', LOST); if (es.readyState === 2) retry(); };
    const on = (name, f) => es.addEventListener(name, m => {
      const at = +m.lastEventId;
      // An entry's id is its change: one already seen is a repeat (none should come; the cursor makes sure).
      if (name === 'entry' && at <= cursor) return;
      if (at > cursor) cursor = at;
      f(JSON.parse(m.data));
    });
    on('entry', e => apply([e]));
    // Sent after the catch-up of every connection: the page is live from here.
    on('status', m => { if (m.interviewId === id && !ended) { state('live', noteText); archive(m.status); } });
    on('floor', m => { if (m.interviewId === id && !ended) floor(m.seq); });
    on('question', question);
  }
  function retry() {
    if (ended) return;
    state('reconnecting', LOST);
    clearTimeout(timer);
    timer = setTimeout(start, delay(tries++));
  }

  // Without EventSource (old browsers): the entries API from the cursor every few seconds, and the session's status.
  // If-None-Match makes an unchanged answer a header.
  const tags = {};
  const get = url => fetch(url, { cache: 'no-store', headers: tags[url] ? { 'If-None-Match': tags[url] } : {} })
    .then(r => { if (r.status === 304) return null; if (!r.ok) throw r.status; tags[url] = r.headers.get('ETag'); return r.json(); });
  // One poll at a time, and one timer: every timer set clears the one before.
  let polling = false;
  function poll() {
    if (polling || ended) return;
    polling = true;
    get(`${api}/entries?after=${cursor}`)
      .then(d => {
        if (d) { for (const e of d.items) cursor = Math.max(cursor, e.cursor); apply(d.items); }
        return get(api);
      })
      .then(d => {
        polling = false;
        tries = 0;
        if (ended) return;
        state('live', noteText);
        if (d) archive(d.status);
        clearTimeout(timer);
        if (!ended) timer = setTimeout(poll, 3000);
      }, () => { polling = false; retry(); });
  }

  function archive(status) {
    if (ended || (status !== 'ended' && status !== 'published')) return;
    root.dataset.liveState = 'ended';
    ended = true;
    clearTimeout(timer);
    setOrder(false, false);
    floor(null);
    root.querySelector('h2').textContent = W.TranscriptArchive;
    const badge = document.querySelector('.interview-header .badge'), article = root.closest('.interview-live');
    if (badge) {
      badge.className = `badge badge-${status}`;
      badge.textContent = status === 'ended' ? W.StatusEnded : W.StatusPublished;
    }
    if (article) article.classList.replace('interview-live', `interview-${status}`);
    if (note && status === 'ended') note.textContent = W.TranscriptEnded; else if (note) note.remove();
    controls.remove();
    marker.remove();
    say(W.ScriptEnded);
    if (es) es.close();
  }

  function question(q) {
    const ul = document.querySelector('ul.public-questions');
    if (!ul || document.getElementById(`q${q.id}`)) return;
    const li = ul.appendChild(el('li'));
    li.id = `q${q.id}`;
    li.append(el('span', 'speaker', `[${f(W.QuestionLabel, q.nickname)}]`), ' ', q.text);
  }
  addEventListener('offline', () => { if (es) es.close(); retry(); });
  addEventListener('online', start);
  // A tab back in view does not wait out a retry's delay.
  document.addEventListener('visibilitychange', () => { if (!document.hidden) start(); });
  start();
})();
