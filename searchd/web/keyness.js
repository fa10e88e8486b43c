// The key words panel: the words that distinguish the search app.js is showing (its query
// and filters, a slice of the index) from another slice, a query typed in "compared with",
// or from the rest of the index; asked of /api/keyness only while the panel is open
// (panel.js). Each word links to a search for it within the slice.
'use strict';
(function () {
  const numberFormat = new Intl.NumberFormat('en');
  const strengthFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

  const root = document.getElementById('keyness');
  if (!root) return;

  const { el, field, dataTable, clear } = window.DragomanDom;  // dom.js
  const { searchParams, statusLine, followSearch } = window.DragomanPanel;  // panel.js

  // ------------------------------------------------------------- the frame

  const details = el('details', null, 'panel-details');
  details.id = 'keyness-details';
  details.appendChild(el('summary', 'Key words: what this search says more than others'));
  const form = el('form', null, 'panel-controls keyness-controls');
  form.id = 'keyness-form';
  form.setAttribute('role', 'search');
  form.setAttribute('aria-label', 'Key words compared with');
  const label = el('label', 'Compared with', 'panel-control');
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
  const status = statusLine('keyness-status', 'panel-status');
  const columns = el('div', null, 'keyness-columns');
  columns.id = 'keyness-columns';
  const note = el('p', 'Counts of each word here and there; G² (log-likelihood) says how sure the difference is ' +
    '(15.1 and above: p < 0.0001). Words link to a search for them within this search.', 'muted small');
  details.append(form, status, columns, note);
  root.appendChild(details);

  // ------------------------------------------------------------ state

  function keynessUrl(s, format) {
    const p = searchParams(s);
    const other = versus.value.trim();
    if (other) p.set('versus', other);
    if (format) p.set('format', format);
    return '/api/keyness?' + p.toString();
  }

  /// The page's URL of a search for `word` within the slice `s`: its filters, and the word
  /// added to its query (the query bracketed when it has an OR, which would take the word
  /// as an alternative).
  function wordSearchUrl(s, word) {
    const term = /^[\p{L}\p{M}\p{N}]+$/u.test(word) ? word : '"' + word.replace(/"/g, ' ') + '"';
    const q = String(s.q || '').trim();
    const p = searchParams(s);
    p.set('q', !q ? term : /\bOR\b|\|/.test(q) ? `(${q}) ${term}` : `${q} ${term}`);
    return '/?' + p.toString();
  }

  const panel = followSearch({
    root, details, status, busy: columns, counting: 'Counting words…', failed: 'The words could not be counted.',
    url: s => keynessUrl(s),
    links: s => { csv.href = keynessUrl(s, 'csv'); },
    show,
    fail: () => clear(columns),
  });
  form.addEventListener('submit', e => {
    e.preventDefault();
    panel.refresh();
  });

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

  /// "Said more here" and the query (typed by someone) as a field of its own, or `fallback`.
  function captionOf(text, query, fallback) {
    const caption = el('caption', text + ' ');
    if (query) caption.appendChild(field('q', query, 'keyness-query'));
    else caption.appendChild(el('span', '(' + fallback + ')', 'muted'));
    return caption;
  }

  function table(id, caption, words, slice, heads) {
    const t = dataTable('keyness-table', caption, ['Word', ...heads, 'G²'], words.map(w => {
      const name = el('th');
      name.scope = 'row';
      const a = field('a', w.word, 'keyness-word');
      a.href = wordSearchUrl(slice, w.word);
      a.title = 'Search for it within this search';
      name.appendChild(a);
      const g2 = el('td', strengthFormat.format(w.log_likelihood));
      g2.title = `${numberFormat.format(w.per_million)} and ${numberFormat.format(w.other_per_million)} per million words`;
      return [name, numberFormat.format(w.count), numberFormat.format(w.other_count), g2];
    }), 'No word stands out.');
    t.id = id;
    return t;
  }
})();
