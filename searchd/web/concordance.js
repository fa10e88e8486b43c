// The concordance panel: every occurrence of the search's words with the words before and
// after it in aligned columns (/api/concordance), sorted and grouped as chosen, and its CSV.
// It follows app.js's `dragoman:state` event (panel.js) and asks only while it is open. A
// right-to-left line shows the words before its keyword on the right, as it is read.
'use strict';
(function () {
  const WALK_ORDERS = ['relevance', 'date', 'date-asc'];
  // Languages written right to left (the index's passage languages, ISO 639-1).
  const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ug', 'ku', 'sd']);
  const numberFormat = new Intl.NumberFormat('en');

  const root = document.getElementById('concordance');
  if (!root) return;

  const { el, field, clear } = window.DragomanDom;  // dom.js
  const { searchParams, statusLine, select, followSearch } = window.DragomanPanel;  // panel.js

  // ------------------------------------------------------------- the frame

  const details = el('details', null, 'panel-details');
  details.id = 'concordance-details';
  details.appendChild(el('summary', 'Concordance: every occurrence in context'));
  const controls = el('div', null, 'panel-controls');
  const sort = select('concordance-sort', 'Sort', [['', 'as the results'], ['left', 'by the words before'],
    ['right', 'by the words after'], ['keyword', 'by the keyword']]);
  const group = select('concordance-group', 'Group', [['', 'none'], ['year', 'by year'], ['speaker', 'by speaker']]);
  const csv = el('a', 'Download CSV');
  csv.id = 'concordance-csv';
  csv.setAttribute('download', 'dragoman-concordance.csv');
  controls.append(sort.wrap, group.wrap, csv);
  const status = statusLine('concordance-status', 'panel-status');
  const table = el('table', null, 'kwic');
  table.id = 'concordance-table';
  table.appendChild(el('caption', 'Occurrences with the words before and after them', 'visually-hidden'));
  const body = table.appendChild(el('tbody'));
  details.append(controls, status, table);
  root.appendChild(details);

  // ------------------------------------------------------------ state

  function concordanceUrl(s, format) {
    const p = searchParams(s);
    const order = sort.select.value || (WALK_ORDERS.includes(s.sort) ? s.sort : '');
    if (order) p.set('sort', order);
    if (group.select.value) p.set('group', group.select.value);
    if (format) p.set('format', format);
    return '/api/concordance?' + p.toString();
  }

  // A concordance lists the query's words: a search of filters alone has none.
  const panel = followSearch({
    root, details, status, busy: table, counting: 'Finding occurrences…', failed: 'The concordance could not be made.',
    url: s => concordanceUrl(s),
    links: s => { csv.href = concordanceUrl(s, 'csv'); },
    shows: s => String(s.q || '').trim() !== '',
    show,
    fail() { clear(body); },
  });
  sort.select.addEventListener('change', panel.refresh);
  group.select.addEventListener('change', panel.refresh);

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
