// The "Trace a quote" panel: a quote pasted in, GET /api/quote, and every passage that says
// it listed oldest first, the first use marked, the span that says it highlighted; each line
// with its date, speaker, source, language and permalink. Every field is set as text.
'use strict';
(function () {
  const { el, field, clear } = window.DragomanDom;  // dom.js
  const CONTEXT = 160;  // characters of the passage shown on each side of the span

  function before(text) { return text.length > CONTEXT ? '…' + text.slice(-CONTEXT) : text; }
  function after(text) { return text.length > CONTEXT ? text.slice(0, CONTEXT) + '…' : text; }

  /// One passage that says the quote.
  function matchItem(m) {
    const li = el('li', '', m.first_use ? 'quote-match quote-first' : 'quote-match');
    const head = el('p', '', 'quote-head');
    if (m.first_use) head.appendChild(el('strong', 'First use', 'quote-first-mark'));
    head.appendChild(el('span', m.date || 'undated', 'quote-date'));
    head.appendChild(field('span', m.speaker || '—', 'quote-speaker'));
    head.appendChild(field('span', m.source + ' · ' + m.language, 'quote-source'));
    const link = el('a', 'permalink', 'quote-permalink');
    link.href = m.permalink;
    head.appendChild(link);
    li.appendChild(head);
    const text = field('p', '', 'quote-text');
    text.appendChild(document.createTextNode(before(m.before)));
    text.appendChild(el('mark', m.match));
    text.appendChild(document.createTextNode(after(m.after)));
    li.appendChild(text);
    return li;
  }

  async function trace(input, status, list) {
    clear(list);
    status.textContent = 'Tracing…';
    try {
      const res = await fetch('/api/quote?' + new URLSearchParams({ q: input.value }));
      const body = await res.json();
      if (!res.ok) {
        status.textContent = (body.error && body.error.message) || 'The quote could not be traced.';
        return;
      }
      for (const m of body.matches) list.appendChild(matchItem(m));
      status.textContent = body.matches.length === 0 ? 'No passage says it.'
        : body.matches.length + (body.matches.length === 1 ? ' passage says it' : ' passages say it') +
          (body.first_use === null ? ' (none dated)' : '') + (body.cut || body.timed_out ? ' (not all checked)' : '') + '.';
    } catch (e) {
      status.textContent = 'The quote could not be traced.';
    }
  }

  function start() {
    const form = document.getElementById('quote-form');
    if (!form) return;
    const input = document.getElementById('quote-input');
    const status = document.getElementById('quote-status');
    const list = document.getElementById('quote-matches');
    form.addEventListener('submit', e => {
      e.preventDefault();
      trace(input, status, list);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
