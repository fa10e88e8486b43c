// What the panels under the results (trend.js, keyness.js, concordance.js) share: following
// the search that app.js shows (its `dragoman:state` event), fetching the panel's JSON only
// while it is open and its URL changed, a request replacing the one before it, the status
// line that says it is counting, what was counted, or why it failed, and the labelled
// selects of its controls (their frame styled by panel.css).
'use strict';
(function () {
  const FILTERS = ['from', 'to', 'lang', 'speaker', 'country', 'source'];
  const { el } = window.DragomanDom;  // dom.js

  /// The query and filters of the search `s` as request parameters.
  function searchParams(s) {
    const p = new URLSearchParams({ q: s.q || '' });
    for (const f of FILTERS) if (s[f]) p.set(f, s[f]);
    return p;
  }

  /// A polite live region for a panel's status, with id `id` and the class `cls` beside `status`.
  function statusLine(id, cls) {
    const p = el('p', '', 'status ' + cls);
    p.id = id;
    p.setAttribute('role', 'status');
    p.setAttribute('aria-live', 'polite');
    return p;
  }

  /// A <select> of `options` ([value, text] pairs) with id `id`, inside its <label>.
  function select(id, label, options) {
    const wrap = el('label', label + ' ', 'panel-control');
    wrap.htmlFor = id;
    const s = el('select');
    s.id = id;
    for (const [value, text] of options) {
      const o = el('option', text);
      o.value = value;
      s.appendChild(o);
    }
    wrap.appendChild(s);
    return { wrap, select: s };
  }

  /// Runs a panel. `root` is shown while a search (a query or a filter) is, not a
  /// transcript, and `shows(search)` (by default always) says so; `links(search)` runs for
  /// each search shown. While `details` is open,
  /// `url(search)` is fetched when it changed, replacing a request still in flight: `status`
  /// says `counting` and `busy` is faded meanwhile; then `show(body, search)`, or `fail()`
  /// and the error's message (else `failed`) in `status`. Returns `refresh` (for the panel's
  /// own controls) and `showing()`, whether an answer is on show.
  function followSearch({ root, details, status, busy, counting, failed, url, links, show, fail, shows = () => true }) {
    let current = null;  // {q, from, ...} of the search on show, or null
    let shownUrl = '';
    let inflight = null;

    async function refresh() {
      if (!current) return;
      links(current);
      if (!details.open) return;
      const wanted = url(current);
      if (wanted === shownUrl) return;
      if (inflight) inflight.abort();
      const controller = new AbortController();
      inflight = controller;
      const search = current;
      status.textContent = counting;
      busy.classList.add('stale');
      let body = null;
      let ok = false;
      try {
        const res = await fetch(wanted, { signal: controller.signal, headers: { Accept: 'application/json' } });
        try { body = await res.json(); } catch (err) { body = null; }
        ok = res.ok && body !== null;
      } catch (err) {
        if (err.name === 'AbortError') return;
      } finally {
        if (inflight === controller) inflight = null;
      }
      busy.classList.remove('stale');
      status.classList.toggle('error', !ok);
      if (!ok) {
        shownUrl = '';
        fail();
        status.textContent = (body && body.error && body.error.message) || failed;
        return;
      }
      shownUrl = wanted;
      show(body, search);
    }

    document.addEventListener('dragoman:state', e => {
      const s = e.detail || {};
      const searching = !s.doc && (String(s.q || '').trim() !== '' || FILTERS.some(f => s[f])) && shows(s);
      current = searching ? s : null;
      root.hidden = !searching;
      if (searching) refresh();
    });
    details.addEventListener('toggle', refresh);
    return { refresh, showing: () => shownUrl !== '' && details.open };
  }

  window.DragomanPanel = Object.freeze({ searchParams, statusLine, select, followSearch });
})();
