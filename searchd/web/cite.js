// The "Cite" control under each snippet: fetches /api/passage/{id} and shows the plain
// quotation and the CSL-JSON of that passage, with a button that copies the quotation.
// Everything from the API goes into the page through textContent only.
'use strict';
(function () {
  let panels = 0;

  const { el, field } = window.DragomanDom;  // dom.js

  // The clipboard API needs a secure context and permission; the selection fallback
  // works in the rest (and leaves the text selected for a manual copy when both fail).
  async function copy(text, source) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents(source);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      try { return document.execCommand('copy'); } catch (e2) { return false; }
    }
  }

  async function fill(panel, passageId) {
    panel.textContent = '';
    const status = el('p', 'Loading the citation…', 'cite-status');
    status.setAttribute('role', 'status');
    panel.appendChild(status);
    let body = null;
    try {
      const res = await fetch('/api/passage/' + encodeURIComponent(passageId), { headers: { Accept: 'application/json' } });
      body = await res.json();
      if (!res.ok) throw new Error((body && body.error && body.error.message) || 'HTTP ' + res.status);
    } catch (e) {
      status.textContent = 'The citation cannot be loaded: ' + e.message;
      return false;
    }
    status.textContent = '';
    const text = field('p', body.cite.text, 'cite-text');
    const link = el('a', 'Permalink', 'cite-permalink');
    link.href = body.permalink;
    const copyButton = el('button', 'Copy citation', 'secondary cite-copy');
    copyButton.type = 'button';
    copyButton.addEventListener('click', async () => {
      status.textContent = (await copy(body.cite.text, text)) ? 'Citation copied.' : 'Select the text and copy it.';
    });
    const csl = el('details', undefined, 'cite-csl');
    csl.appendChild(el('summary', 'CSL-JSON (for reference managers)'));
    csl.appendChild(el('pre', JSON.stringify([body.cite.csl], null, 2)));
    const actions = el('p', undefined, 'cite-actions');
    actions.append(copyButton, ' ', link);
    panel.append(text, actions, csl, status);
    return true;
  }

  /// A "Cite" button and its (initially hidden) panel for snippet `sn` of the API.
  function control(sn) {
    const wrap = el('div', undefined, 'cite');
    const button = el('button', 'Cite', 'more cite-button');
    button.type = 'button';
    const panel = el('div', undefined, 'cite-panel');
    panel.id = 'cite-panel-' + (++panels);
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', panel.id);
    let loaded = false;
    button.addEventListener('click', async () => {
      const open = panel.hidden;
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      if (open && !loaded) loaded = await fill(panel, sn.passage_id);
    });
    wrap.append(button, panel);
    return wrap;
  }

  /// In the transcript view: a "¶" permalink at the end of passage element `para`, and
  /// for the passage a permalink led to (`target`), its Cite control right after it.
  function decoratePassage(para, ps, target) {
    const link = el('a', '¶', 'passage-permalink');
    link.href = '/p/' + encodeURIComponent(ps.passage_id);
    link.title = 'Permalink to this passage';
    link.setAttribute('aria-label', 'Permalink to this passage');
    para.append(' ', link);
    if (target) para.after(control(ps));
  }

  window.DragomanCite = { control, decoratePassage };
})();
