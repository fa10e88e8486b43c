// The concordance panel: every occurrence of the search's words with the words before and
// after it in aligned columns (/api/concordance), sorted and grouped as chosen, and its CSV.
// It follows app.js's `dragoman:state` event and asks only while the panel is open. A
// right-to-left line shows the words before its keyword on the right, as it is read.
'use strict';
(function () {
  const FILTERS = ['from', 'to', 'lang', 'speaker', 'country', 'source'];
  const WALK_ORDERS = ['relevance', 'date', 'date-asc'];
  // Languages written right to left (the index's passage languages, ISO 639-1).
  const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ug', 'ku', 'sd']);
  const numberFormat = new Intl.NumberFormat('en');

  const root = document.getElementById('concordance');
  if (!root) return;

  const { el, field, clear } = window.DragomanDom;  // dom.js

  function select(id, label, options) {
    const wrap = el('label', label + ' ', 'kwic-control');
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

  // ------------------------------------------------------------- the frame

  const details = el('details', null, 'kwic-details');
  details.id = 'concordance-details';
  details.appendChild(el('summary', 'Concordance: every occurrence in context'));
  const controls = el('div', null, 'kwic-controls');
  const sort = select('concordance-sort', 'Sort', [['', 'as the results'], ['left', 'by the words before'],
    ['right', 'by the words after'], ['keyword', 'by the keyword']]);
  const group = select('concordance-group', 'Group', [['', 'none'], ['year', 'by year'], ['speaker', 'by speaker']]);
  const csv = el('a', 'Download CSV', 'kwic-csv');
  csv.id = 'concordance-csv';
  csv.setAttribute('download', 'dragoman-concordance.csv');
  controls.append(sort.wrap, group.wrap, csv);
  const status = el('p', '', 'status kwic-status');
  status.id = 'concordance-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const table = el('table', null, 'kwic');
  table.id = 'concordance-table';
  table.appendChild(el('caption', 'Occurrences with the words before and after them', 'visually-hidden'));
  const body = table.appendChild(el('tbody'));
  details.append(controls, status, table);
  root.appendChild(details);

  // ------------------------------------------------------------ state

  let current = null;  // {q, sort, from, ...} of the search on show, or null
  let shownUrl = '';
  let inflight = null;

  function concordanceUrl(s, format) {
    const p = new URLSearchParams({ q: s.q });
    for (const f of FILTERS) if (s[f]) p.set(f, s[f]);
    const order = sort.select.value || (WALK_ORDERS.includes(s.sort) ? s.sort : '');
    if (order) p.set('sort', order);
    if (group.select.value) p.set('group', group.select.value);
    if (format) p.set('format', format);
    return '/api/concordance?' + p.toString();
  }

  document.addEventListener('dragoman:state', e => {
    const s = e.detail || {};
    const searching = !s.doc && String(s.q || '').trim() !== '';
    current = searching ? s : null;
    root.hidden = !searching;
    if (searching) refresh();
  });
  details.addEventListener('toggle', refresh);
  sort.select.addEventListener('change', refresh);
  group.select.addEventListener('change', refresh);

  async function refresh() {
    if (!current) return;
    csv.href = concordanceUrl(current, 'csv');
    if (!details.open) return;
    const url = concordanceUrl(current);
    if (url === shownUrl) return;
    if (inflight) inflight.abort();
    const controller = new AbortController();
    inflight = controller;
    status.textContent = 'Finding occurrences…';
    table.classList.add('stale');
    let answer = null;
    let ok = false;
    try {
      const res = await fetch(url, { signal: controller.signal, headers: { Accept: 'application/json' } });
      try { answer = await res.json(); } catch (err) { answer = null; }
      ok = res.ok && answer !== null;
    } catch (err) {
      if (err.name === 'AbortError') return;
    } finally {
      if (inflight === controller) inflight = null;
    }
    table.classList.remove('stale');
    if (!ok) {
      shownUrl = '';
      clear(body);
      status.textContent = (answer && answer.error && answer.error.message) || 'The concordance could not be made.';
      status.classList.add('error');
      return;
    }
    status.classList.remove('error');
    shownUrl = url;
    show(answer);
  }

  // ------------------------------------------------------------ drawing

  function show(c) {
    const lines = c.lines || [];
    let text = numberFormat.format(lines.length) + (lines.length === 1 ? ' occurrence' : ' occurrences') + ' in ' +
      numberFormat.format(c.passages) + (c.passages === 1 ? ' passage' : ' passages');
    if (c.cut) text += ' (the first ones: more were found than a concordance lists)';
    if (c.timed_out) text += ' (time ran out: later passages were not read)';
    status.textContent = text + ' (' + c.took_ms + ' ms)';
    clear(body);
    const counts = new Map((c.groups || []).map(g => [g.group, g.lines]));
    let previous = null;
    for (const line of lines) {
      if (c.group !== 'none' && line.group !== previous) {
        previous = line.group;
        body.appendChild(groupRow(line.group, counts.get(line.group)));
      }
      body.appendChild(lineRow(line));
    }
  }

  function groupRow(name, count) {
    const tr = el('tr', null, 'kwic-group');
    const th = el('th');
    th.colSpan = 3;
    th.scope = 'rowgroup';
    th.append(name ? field('span', name) : el('span', 'unknown', 'muted'), ' ',
      el('span', '(' + numberFormat.format(count || 0) + ')', 'muted'));
    tr.appendChild(th);
    return tr;
  }

  /// A context cell left (`leftOfKeyword`) or right of the keyword: its text isolated
  /// (dir="auto"), cut on the side away from the keyword.
  function contextCell(text, more, leftOfKeyword) {
    const td = el('td', null, leftOfKeyword ? 'kwic-before' : 'kwic-after');
    const span = field('span', text, 'kwic-text');
    td.appendChild(span);
    if (more) td.classList.add('more');
    return td;
  }

  function lineRow(line) {
    const tr = el('tr', null, 'kwic-line');
    tr.title = [line.date, line.speaker, line.transcript_id].filter(Boolean).join(' · ');
    if (line.language) tr.lang = line.language;
    const rtl = RTL.has(line.language);
    if (rtl) tr.classList.add('rtl');
    const key = el('td', null, 'kwic-keyword');
    const link = field('a', line.keyword);
    link.href = line.permalink;  // /p/ and the id, percent-encoded by the server
    key.appendChild(link);
    // The cell left of the keyword holds what is read before it: in a right-to-left line, the words after.
    tr.append(contextCell(rtl ? line.right : line.left, rtl ? line.more_right : line.more_left, true), key,
      contextCell(rtl ? line.left : line.right, rtl ? line.more_left : line.more_right, false));
    return tr;
  }
})();
