// Dragoman's search page: reads the query from the URL, renders the JSON API's results.
'use strict';
(function () {
  const form = document.getElementById('search');
  const input = document.getElementById('q');
  const status = document.getElementById('status');
  const list = document.getElementById('results');

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // Snippet HTML from the API is escaped text plus <mark>; rebuild it as DOM nodes
  // so nothing from a transcript is ever parsed as markup here.
  function snippetNodes(html) {
    const frag = document.createDocumentFragment();
    const parts = html.split(/(<mark>|<\/mark>)/);
    let marked = false;
    const decode = s => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    for (const p of parts) {
      if (p === '<mark>') { marked = true; continue; }
      if (p === '</mark>') { marked = false; continue; }
      frag.appendChild(marked ? el('mark', decode(p)) : document.createTextNode(decode(p)));
    }
    return frag;
  }

  async function run(q) {
    list.textContent = '';
    if (!q) { status.textContent = ''; return; }
    status.textContent = 'Searching…';
    const res = await fetch('/api/search?' + new URLSearchParams({ q }));
    const body = await res.json();
    if (!res.ok) { status.textContent = body.error ? body.error.message : 'Error'; return; }
    status.textContent = body.total + ' transcripts';
    for (const r of body.results) {
      const li = el('li');
      li.appendChild(el('h2', r.title || r.id));
      li.appendChild(el('p', [r.date, r.language, r.speakers.join(', ')].filter(Boolean).join(' · '), 'meta'));
      for (const s of r.snippets) {
        const p = el('p', undefined, 'snippet');
        if (s.speaker) p.appendChild(el('strong', s.speaker + ': '));
        p.appendChild(snippetNodes(s.html));
        li.appendChild(p);
      }
      list.appendChild(li);
    }
  }

  form.addEventListener('submit', e => {
    e.preventDefault();
    const q = input.value.trim();
    history.pushState(null, '', '/?' + new URLSearchParams({ q }));
    run(q);
  });
  const initial = new URLSearchParams(location.search).get('q') || '';
  input.value = initial;
  run(initial);
})();
