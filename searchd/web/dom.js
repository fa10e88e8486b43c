// DOM helpers shared by the page's scripts (loaded before them). Text enters a node only
// through textContent and attributes through setAttribute, so nothing from the API or a
// query is ever parsed as markup.
'use strict';
window.DragomanDom = Object.freeze({
  /// A new `tag` element holding `text` (as text) with class `cls`.
  el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  },
  /// A new SVG element with the given attributes.
  svg(tag, attrs) {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  },
  /// Removes every child of `node`.
  clear(node) { while (node.firstChild) node.removeChild(node.firstChild); },
});
