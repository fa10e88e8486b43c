// The key words panel: the words that distinguish the search app.js is showing (its query
// and filters, a slice of the index) from another slice, a query typed in "compared with",
// or from the rest of the index; from /api/keyness, asked only while the panel is open.
// Each word links to a search for it within the slice.
'use strict';
(function () {
  const FILTERS = ['from', 'to', 'lang', 'speaker', 'country', 'source'];
  const numberFormat = new Intl.NumberFormat('en');
  const strengthFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

  const root = document.getElementById('keyness');
  if (!root) return;

  const { el, field, clear } = window.DragomanDom;  // dom.js

  // ------------------------------------------------------------- the frame

  const details = el('details', null, 'keyness-details');
  details.id = 'keyness-details';
  details.appendChild(el('summary', 'Key words: what this search says more than others'));
  const form = el('form', null, 'keyness-controls');
  form.id = 'keyness-form';
  form.setAttribute('role', 'search');
  const label = el('label', 'Compared with', 'keyness-label');
  label.htmlFor = 'keyness-versus';
  const versus = el('input');
  versus.id = 'keyness-versus';
  versus.type = 'search';
  versus.name = 'versus';
  versus.maxLength = 2048;
  versus.autocomplete = 'off';
  versus.spellcheck = false;
  versus.dir = 'auto';
  versus.placeholder = 'the rest of the index, or a query: speaker:lavrov 2017..2017';
  const compare = el('button', 'Compare');
  compare.type = 'submit';
  const csv = el('a', 'Download CSV', 'keyness-csv');
  csv.id = 'keyness-csv';
  csv.setAttribute('download', 'dragoman-keyness.csv');
  form.append(label, versus, compare, csv);
  const status = el('p', '', 'status keyness-status');
  status.id = 'keyness-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const columns = el('div', null, 'keyness-columns');
  columns.id = 'keyness-columns';
  const note = el('p', 'Counts of each word here and there; G² (log-likelihood) says how sure the difference is ' +
    '(15.1 and above: p < 0.0001). Words link to a search for them within this search.', 'muted small');
  details.append(form, status, columns, note);
  root.appendChild(details);

  // ------------------------------------------------------------ state

  let current = null;  // {q, from, ...} of the search on show, or null
  let shownUrl = '';
  let inflight = null;

  function keynessParams(s, format) {
    const p = new URLSearchParams({ q: s.q });
    for (const f of FILTERS) if (s[f]) p.set(f, s[f]);
    const other = versus.value.trim();
    if (other) p.set('versus', other);
    if (format) p.set('format', format);
    return p;
  }
  const keynessUrl = (s, format) => '/api/keyness?' + keynessParams(s, format).toString();

  /// The page's URL of a search for `word` within the slice `s`: its filters, and the word
  /// added to its query (the query bracketed when it has an OR, which would take the word
  /// as an alternative).
  function wordSearchUrl(s, word) {
    const term = /^[\p{L}\p{M}\p{N}]+$/u.test(word) ? word : '"' + word.replace(/"/g, ' ') + '"';
    const q = String(s.q || '').trim();
    const p = new URLSearchParams();
    p.set('q', !q ? term : /\bOR\b|\|/.test(q) ? `(${q}) ${term}` : `${q} ${term}`);
    for (const f of FILTERS) if (s[f]) p.set(f, s[f]);
    return '/?' + p.toString();
  }

  document.addEventListener('dragoman:state', e => {
    const s = e.detail || {};
    const searching = !s.doc && (String(s.q || '').trim() !== '' || FILTERS.some(f => s[f]));
    current = searching ? s : null;
    root.hidden = !searching;
    if (searching) refresh();
  });
  details.addEventListener('toggle', refresh);
  form.addEventListener('submit', e => {
    e.preventDefault();
    refresh();
  });

  async function refresh() {
    if (!current) return;
    csv.href = keynessUrl(current, 'csv');
    if (!details.open) return;
    const url = keynessUrl(current);
    if (url === shownUrl) return;
    if (inflight) inflight.abort();
    const controller = new AbortController();
    inflight = controller;
    const slice = current;
    status.textContent = 'Counting words…';
    columns.classList.add('stale');
    let body = null;
    let ok = false;
    try {
      const res = await fetch(url, { signal: controller.signal, headers: { Accept: 'application/json' } });
      try { body = await res.json(); } catch (err) { body = null; }
      ok = res.ok && body !== null;
    } catch (err) {
      if (err.name === 'AbortError') return;
    } finally {
      if (inflight === controller) inflight = null;
    }
    columns.classList.remove('stale');
    if (!ok) {
      shownUrl = '';
      clear(columns);
      status.textContent = (body && body.error && body.error.message) || 'The words could not be counted.';
      status.classList.add('error');
      return;
    }
    status.classList.remove('error');
    shownUrl = url;
    show(body, slice);
  }

  // ------------------------------------------------------------ drawing

  function passages(side) {
    return numberFormat.format(side.passages) + (side.passages === 1 ? ' passage' : ' passages') +
      (side.counted < side.passages ? ` (${numberFormat.format(side.counted)} counted)` : '');
  }

  function show(k, slice) {
    const there = k.versus.query ? null : 'the rest of the index';
    status.textContent = `This search: ${passages(k.slice)}; ${there || 'compared with'}: ${passages(k.versus)}` +
      (k.sampled ? '; words counted from a sample' : '') + (k.timed_out ? '; cut short by the time limit' : '') +
      ` (${k.took_ms} ms)`;
    clear(columns);
    columns.append(
      table('keyness-here', captionOf('Said more here', k.slice.query || null, 'in this search'), k.slice_words, slice,
        ['Here', 'There']),
      table('keyness-there', captionOf('Said more there', k.versus.query || null, there), k.versus_words, slice,
        ['There', 'Here']));
  }

  /// "Said more here: QUERY", the query (typed by someone) isolated as a field of its own.
  function captionOf(text, query, fallback) {
    const caption = el('caption', text + ' ');
    if (query) caption.appendChild(field('q', query, 'keyness-query'));
    else caption.appendChild(el('span', '(' + fallback + ')', 'muted'));
    return caption;
  }

  function table(id, caption, words, slice, heads) {
    const t = el('table', null, 'keyness-table');
    t.id = id;
    t.appendChild(caption);
    const head = el('tr');
    for (const h of ['Word', ...heads, 'G²']) {
      const th = el('th', h);
      th.scope = 'col';
      head.appendChild(th);
    }
    t.appendChild(el('thead')).appendChild(head);
    const body = t.appendChild(el('tbody'));
    for (const w of words) {
      const tr = el('tr');
      const name = el('th');
      name.scope = 'row';
      const a = field('a', w.word, 'keyness-word');
      a.href = wordSearchUrl(slice, w.word);
      a.title = 'Search for it within this search';
      name.appendChild(a);
      const g2 = el('td', strengthFormat.format(w.log_likelihood));
      g2.title = `${numberFormat.format(w.per_million)} and ${numberFormat.format(w.other_per_million)} per million words`;
      tr.append(name, el('td', numberFormat.format(w.count)), el('td', numberFormat.format(w.other_count)), g2);
      body.appendChild(tr);
    }
    if (!words.length) {
      const tr = el('tr');
      const td = el('td', 'No word stands out.', 'muted');
      td.colSpan = 4;
      tr.appendChild(td);
      body.appendChild(tr);
    }
    return t;
  }
})();
