// DOM helpers shared by the page's scripts (loaded before them). Text enters a node only
// through textContent and attributes through setAttribute, so nothing from the API or a
// query is ever parsed as markup.
'use strict';
(function () {
  /// A new `tag` element holding `text` (as text) with class `cls`.
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  /// Like el, for a field from a transcript (title, speaker, country, source, snippet,
  /// facet value): the element is a bidirectional isolate (dir="auto": the direction of
  /// its first strong character; HTML gives it unicode-bidi: isolate), so a right-to-left
  /// name or any direction control in it cannot reorder the text around it, such as the
  /// ": " after a speaker or the next name in a list.
  function field(tag, text, cls) {
    const e = el(tag, text, cls);
    e.dir = 'auto';
    return e;
  }
  /// The fields `values` as isolates in one `tag` element of class `cls`, separated by
  /// `sep` (each name of a list on its own, not the list as one run of text).
  function fieldList(tag, values, sep, cls) {
    const e = el(tag, undefined, cls);
    values.forEach((v, i) => {
      if (i) e.appendChild(document.createTextNode(sep));
      e.appendChild(field('span', v));
    });
    return e;
  }
  /// "Speaker: " before what they said, the name isolated from the colon and the text.
  function speakerLabel(name) {
    const span = el('span', undefined, 'speaker');
    span.append(field('span', name), ': ');
    return span;
  }
  /// A table of class `cls` with `caption` (text or a node), a head row of `heads` and a
  /// row per entry of `rows`: each cell a node (a row's header, a link) or text for a `td`;
  /// without rows, one row saying `empty`.
  function dataTable(cls, caption, heads, rows, empty) {
    const table = el('table', null, cls);
    table.appendChild(typeof caption === 'string' ? el('caption', caption) : caption);
    const head = el('tr');
    for (const h of heads) {
      const th = el('th', h);
      th.scope = 'col';
      head.appendChild(th);
    }
    table.appendChild(el('thead')).appendChild(head);
    const body = table.appendChild(el('tbody'));
    for (const cells of rows) {
      const tr = el('tr');
      for (const c of cells) tr.appendChild(typeof c === 'string' ? el('td', c) : c);
      body.appendChild(tr);
    }
    if (!rows.length) {
      const td = el('td', empty, 'muted');
      td.colSpan = heads.length;
      body.appendChild(el('tr')).appendChild(td);
    }
    return table;
  }
  /// A new SVG element with the given attributes.
  function svg(tag, attrs) {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }
  /// Removes every child of `node`.
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  window.DragomanDom = Object.freeze({ el, field, fieldList, speakerLabel, dataTable, svg, clear });
})();
