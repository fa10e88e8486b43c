// Language versions on the page: "Also in" links under a result, the versions of a
// transcript in its view, and two versions side by side (`?doc=ID&compare=ID2`), aligned
// by turn when both have as many turns, else by paragraph. Text enters only through
// textContent.
'use strict';
(function () {
  const names = new Intl.DisplayNames(['en'], { type: 'language' });

  const { el, field, speakerLabel } = window.DragomanDom;  // dom.js

  function languageName(code) {
    if (!code) return 'unknown language';
    try { return names.of(code) || code; } catch (e) { return code; }
  }

  /// "Also in: French · Russian · …" under a result; `linkTo(id)` makes an in-page link.
  function alsoIn(result, linkTo) {
    const p = el('p', undefined, 'versions');
    p.appendChild(el('span', 'Also in: ', 'muted'));
    result.versions.forEach((v, i) => {
      if (i) p.appendChild(el('span', ' · ', 'sep'));
      const a = linkTo(v.id);
      a.textContent = languageName(v.language);
      a.title = v.title || v.id;
      a.hreflang = v.language || '';
      a.className = 'version';
      p.appendChild(a);
    });
    return p;
  }

  function compareUrl(docId, otherId) {
    const p = new URLSearchParams(location.search);
    p.set('doc', docId);
    if (otherId) p.set('compare', otherId);
    else p.delete('compare');
    return '/?' + p.toString();
  }

  /// A transcript's units for alignment: its passages (turns), and its paragraphs.
  function unitsOf(doc) {
    const turns = [];
    const paragraphs = [];
    for (const ps of doc.passages || []) {
      const text = ps.text || '';
      turns.push({ speaker: ps.speaker || '', text, language: ps.language || doc.language || '' });
      for (const para of text.split(/\n\s*\n/)) {
        if (para.trim()) paragraphs.push({ speaker: ps.speaker || '', text: para.trim(), language: ps.language || doc.language || '' });
      }
    }
    return { turns, paragraphs };
  }

  /// Rows of [left, right]: by turn when the turn counts agree, else by paragraph.
  function align(left, right) {
    const a = unitsOf(left);
    const b = unitsOf(right);
    const byTurn = a.turns.length === b.turns.length && a.paragraphs.length !== b.paragraphs.length;
    const x = byTurn ? a.turns : a.paragraphs;
    const y = byTurn ? b.turns : b.paragraphs;
    const rows = [];
    for (let i = 0; i < Math.max(x.length, y.length); ++i) rows.push([x[i] || null, y[i] || null]);
    return { rows, by: byTurn ? 'turn' : 'paragraph' };
  }

  function cell(unit, doc) {
    const td = el('td');
    if (!unit) return td;
    td.lang = unit.language || doc.language || '';
    if (unit.speaker) td.appendChild(speakerLabel(unit.speaker));
    td.appendChild(field('span', unit.text));
    return td;
  }

  function header(doc) {
    const th = el('th');
    th.scope = 'col';
    th.lang = doc.language || '';
    th.appendChild(el('span', languageName(doc.language), 'compare-lang'));
    th.appendChild(field('span', doc.title || doc.id, 'compare-title'));
    return th;
  }

  async function showComparison(doc, otherId, body) {
    const panel = el('section', undefined, 'compare');
    panel.id = 'compare-view';
    panel.setAttribute('aria-label', 'Two language versions side by side');
    const status = el('p', 'Loading the other version…', 'status');
    status.setAttribute('role', 'status');
    panel.appendChild(status);
    body.after(panel);
    let other;
    try {
      const r = await fetch('/api/doc/' + encodeURIComponent(otherId));
      other = await r.json();
      if (!r.ok) throw new Error((other.error && other.error.message) || 'HTTP ' + r.status);
    } catch (e) {
      status.textContent = 'The other version cannot be shown: ' + e.message;
      return;
    }
    if (!document.getElementById('compare-view')) return;  // the page moved on meanwhile
    const { rows, by } = align(doc, other);
    status.textContent = `${rows.length} rows, aligned by ${by}`;
    const close = el('a', 'Close the comparison', 'compare-close');
    close.href = compareUrl(doc.id, '');
    panel.insertBefore(close, status);
    const table = el('table', undefined, 'compare-table');
    const head = el('thead');
    const tr = el('tr');
    tr.appendChild(header(doc));
    tr.appendChild(header(other));
    head.appendChild(tr);
    table.appendChild(head);
    const tbody = el('tbody');
    rows.forEach(([l, r], i) => {
      const row = el('tr');
      row.id = 'compare-row-' + i;
      row.appendChild(cell(l, doc));
      row.appendChild(cell(r, other));
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    panel.appendChild(table);
    body.hidden = true;
  }

  /// The versions of transcript `doc` in its view (links to read each, or to read it side
  /// by side with this one), and the comparison when the URL asks for one.
  function docVersions(doc, links, body) {
    for (const id of ['compare-view', 'doc-versions']) {
      const old = document.getElementById(id);
      if (old) old.remove();
    }
    body.hidden = false;
    const versions = doc.versions || [];
    if (!versions.length) return;
    const p = el('p', undefined, 'doc-versions');
    p.id = 'doc-versions';
    p.appendChild(el('span', 'Also in: ', 'muted'));
    versions.forEach((v, i) => {
      if (i) p.appendChild(el('span', ' · ', 'sep'));
      const read = el('a', languageName(v.language), 'version');
      read.href = compareUrl(v.id, '');
      read.title = v.title || v.id;
      read.hreflang = v.language || '';
      p.appendChild(read);
      p.appendChild(document.createTextNode(' '));
      const side = el('a', '(side by side)', 'version-compare');
      side.href = compareUrl(doc.id, v.id);
      side.setAttribute('aria-label', 'Read beside the ' + languageName(v.language) + ' version');
      p.appendChild(side);
    });
    links.after(p);
    const wanted = new URLSearchParams(location.search).get('compare');
    if (wanted && new URLSearchParams(location.search).get('doc') === doc.id) showComparison(doc, wanted, body);
  }

  // Each new view (app.js's `dragoman:state`) starts without the last transcript's versions.
  document.addEventListener('dragoman:state', () => {
    for (const id of ['compare-view', 'doc-versions']) {
      const old = document.getElementById(id);
      if (old) old.remove();
    }
    const body = document.getElementById('doc-body');
    if (body) body.hidden = false;
  });

  window.DragomanVersions = { alsoIn, docVersions };
})();
