// A transcript's history in its view: "changed N times since first seen", the versions
// (withdrawn, restored, changed in one language only), and the diff of any two of them with
// insertions and deletions marked. Every sentence is a bidi isolate (dir="auto"), so an
// Arabic sentence and its marks keep their order; text enters only through textContent.
'use strict';
(function () {
  const { el, field } = window.DragomanDom;  // dom.js

  function when(utc) { return (utc || '').replace('T', ' ').replace('Z', ' UTC'); }

  /// The summary line and the notes of each version.
  function summary(h) {
    const p = el('p', undefined, 'history-summary');
    const n = h.changes;
    p.appendChild(el('strong', n === 0 ? 'Unchanged since first seen' : 'Changed ' + n + (n === 1 ? ' time' : ' times') + ' since first seen'));
    p.appendChild(document.createTextNode(' ' + when(h.first_seen)));
    if (h.withdrawn) p.appendChild(el('span', ' · withdrawn from its source ' + when(h.withdrawn), 'history-withdrawn'));
    return p;
  }

  function versionList(h) {
    const ol = el('ol', undefined, 'history-versions');
    h.versions.forEach(v => {
      const li = el('li', 'Version ' + v.version + ': seen ' + when(v.first_seen) + ' – ' + when(v.last_seen));
      if (v.withdrawn) li.appendChild(el('span', ' · withdrawn ' + when(v.withdrawn), 'history-withdrawn'));
      if (v.restored) li.appendChild(el('span', ' · restored unchanged', 'muted'));
      if (v.changed_alone) li.appendChild(el('span', ' · changed in ' + v.changed_alone + ' only (its other language versions did not change)', 'history-alone'));
      ol.appendChild(li);
    });
    return ol;
  }

  /// One sentence of the diff: <ins>, <del>, a rewritten one with its words marked, or kept.
  function unitNode(u) {
    const p = field('p', undefined, 'diff-unit diff-' + u.op);
    if (u.op === 'inserted') p.appendChild(el('ins', u.text));
    else if (u.op === 'deleted') p.appendChild(el('del', u.text));
    else if (u.op === 'changed') {
      (u.words || []).forEach(w => {
        p.appendChild(w.op === 'inserted' ? el('ins', w.text) : w.op === 'deleted' ? el('del', w.text) : document.createTextNode(w.text));
      });
    } else p.textContent = u.text;
    return p;
  }

  async function showDiff(id, from, to, out, getJson) {
    out.replaceChildren(el('p', 'Loading the difference…', 'muted'));
    const got = await getJson('/api/diff/' + encodeURIComponent(id) + '?from=' + from + '&to=' + to);
    if (got.aborted) return;
    out.replaceChildren();
    if (!got.ok) { out.appendChild(el('p', got.error.message || 'The difference cannot be shown', 'error')); return; }
    const d = got.body;
    out.appendChild(el('p', d.inserted + ' inserted, ' + d.deleted + ' deleted, ' + d.changed + ' rewritten sentences', 'muted diff-counts'));
    d.fields.forEach(f => {
      const p = el('p', undefined, 'diff-field');
      p.append(el('span', f.field + ': '), field('del', f.from), ' → ', field('ins', f.to));
      out.appendChild(p);
    });
    let para = -1;
    d.units.forEach(u => {
      if (u.paragraph !== para && para !== -1) out.appendChild(el('hr', undefined, 'diff-break'));
      para = u.paragraph;
      out.appendChild(unitNode(u));
    });
  }

  function picker(label, h, chosen) {
    const s = el('select');
    s.setAttribute('aria-label', label);
    h.versions.forEach(v => {
      const o = el('option', 'version ' + v.version);
      o.value = String(v.version);
      if (v.version === chosen) o.selected = true;
      s.appendChild(o);
    });
    return s;
  }

  /// Adds the history of transcript `doc` after `links` (nothing while it has one version).
  async function docHistory(doc, links, getJson) {
    const old = document.getElementById('doc-history');
    if (old) old.remove();
    const got = await getJson('/api/history/' + encodeURIComponent(doc.id));
    if (!got.ok || got.body.versions.length < 2) return;
    const h = got.body;
    const box = el('details', undefined, 'doc-history');
    box.id = 'doc-history';
    const head = el('summary');
    head.appendChild(summary(h));
    box.appendChild(head);
    box.appendChild(versionList(h));
    const last = h.versions.length;
    const from = picker('Compare from', h, last - 1);
    const to = picker('Compare to', h, last);
    const bar = el('p', undefined, 'diff-picker');
    bar.append('Compare ', from, ' with ', to);
    const out = el('div', undefined, 'diff');
    box.append(bar, out);
    const update = () => showDiff(doc.id, from.value, to.value, out, getJson);
    from.addEventListener('change', update);
    to.addEventListener('change', update);
    links.after(box);
    await update();
  }

  window.DragomanHistory = { docHistory };
})();
