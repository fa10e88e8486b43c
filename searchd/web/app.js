// Dragoman's search page: page state in the URL, results, facets, timeline and the
// transcript view, all built as DOM nodes from the JSON API (never parsed as markup).
'use strict';
(function () {
  const PAGE_SIZE = 10;
  const MAX_OFFSET = 10000;           // the daemon refuses offsets above this
  const FACETS_SHOWN = 8;             // values shown per facet before "more"
  const FILTERS = ['from', 'to', 'lang', 'speaker', 'country', 'source'];
  const FILTER_LABELS = { from: 'From', to: 'To', lang: 'Language', speaker: 'Speaker', country: 'Country', source: 'Source' };
  const FACET_FILTER = { language: 'lang', speaker: 'speaker', country: 'country', source: 'source' };
  const FACET_TITLES = { language: 'Language', speaker: 'Speaker', country: 'Country', source: 'Source' };
  const SORTS = ['relevance', 'date', 'date-asc'];
  const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  const EXAMPLES = ['sanctions', '"joint statement"', 'speaker:zakharova', 'cooperation 2015..2020',
    'climate OR environment', 'Руденко', '外交部'];

  const $ = id => document.getElementById(id);
  const ui = {
    form: $('search'), q: $('q'), refine: $('refine'), filters: $('filters'), filterCount: $('filter-count'),
    filterError: $('filter-error'), clearFilters: $('clear-filters'), facets: $('facets'),
    viewResults: $('view-results'), resultsHeading: $('results-heading'), intro: $('intro'), examples: $('examples'),
    status: $('status'), notices: $('notices'), chips: $('active-filters'), timeline: $('timeline'),
    chart: $('timeline-chart'), toolbar: $('toolbar'), range: $('range'), sort: $('sort'), across: $('across'), results: $('results'),
    pager: $('pager'), follow: $('follow'), exportMenu: $('export'), viewDoc: $('view-doc'), back: $('back'), docTitle: $('doc-title'), docMeta: $('doc-meta'),
    docLinks: $('doc-links'), hitbar: $('hitbar'), hitPosition: $('hit-position'), prevHit: $('prev-hit'),
    nextHit: $('next-hit'), docStatus: $('doc-status'), docBody: $('doc-body'), footer: $('footer-info'),
  };

  // ---------------------------------------------------------------- helpers

  const { el, field, fieldList, speakerLabel, svg, clear } = window.DragomanDom;  // dom.js

  const ENTITIES = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
  const decode = s => s.replace(/&(?:lt|gt|quot|#39|amp);/g, m => ENTITIES[m]);

  // Snippet HTML from the API is escaped text plus <mark>; it is rebuilt as text nodes
  // and <mark> elements, so nothing from a transcript is ever parsed as markup here.
  function snippetNodes(html) {
    const frag = document.createDocumentFragment();
    let marked = false;
    for (const part of String(html).split(/(<mark>|<\/mark>)/)) {
      if (part === '<mark>') { marked = true; continue; }
      if (part === '</mark>') { marked = false; continue; }
      if (!part) continue;
      frag.appendChild(marked ? el('mark', decode(part)) : document.createTextNode(decode(part)));
    }
    return frag;
  }

  let languageNames = null;
  try { languageNames = new Intl.DisplayNames(['en'], { type: 'language' }); } catch (e) { languageNames = null; }
  function languageName(code) {
    if (!code) return '';
    try {
      const name = languageNames && languageNames.of(code);
      return name && name !== code ? name : code;
    } catch (e) {
      return code;
    }
  }

  // A date as precise as its record: "15 Sept 2021", "Sept 2021", or "2021" (the UN General
  // Debate gives only the year; showing it as the 1st of January would invent a day).
  const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  function formatDate(iso) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso || '');
    if (!m) return iso || '';
    if (m[2] === undefined) return m[1];
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, m[3] === undefined ? 1 : +m[3]));
    d.setUTCFullYear(+m[1]);  // years below 100 are not shifted to 19xx
    if (isNaN(d)) return iso;
    return (m[3] === undefined ? monthFormat : dateFormat).format(d);
  }

  const numberFormat = new Intl.NumberFormat('en');
  const plural = (n, one, many) => numberFormat.format(n) + ' ' + (n === 1 ? one : many);

  // Only http(s) links from the data become anchors: never javascript: or data: URLs.
  function safeUrl(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function externalLink(url, text) {
    const a = el('a', text, 'external');
    a.href = url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    a.appendChild(el('span', ' (opens in a new tab)', 'visually-hidden'));
    return a;
  }

  // ------------------------------------------------------- state and the URL

  function readState(search) {
    const p = new URLSearchParams(search);
    const s = { q: p.get('q') || '', sort: p.get('sort') || 'relevance', doc: p.get('doc') || '' };
    s.page = Math.max(1, Math.min(parseInt(p.get('page'), 10) || 1, MAX_OFFSET / PAGE_SIZE + 1));
    if (!SORTS.includes(s.sort)) s.sort = 'relevance';
    for (const f of FILTERS) s[f] = (p.get(f) || '').trim();
    // Cross-lingual search: the words' translations too, less those the user removed.
    s.across = p.get('across') === '1' ? '1' : '';
    s.drop = s.across ? (p.get('drop') || '') : '';
    return s;
  }

  function stateParams(s, withDoc) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    for (const f of FILTERS) if (s[f]) p.set(f, s[f]);
    setAcross(p, s);
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.page > 1) p.set('page', String(s.page));
    if (withDoc && s.doc) p.set('doc', s.doc);
    return p;
  }

  function setAcross(p, s) {
    if (s.across) p.set('across', '1');
    if (s.across && s.drop) p.set('drop', s.drop);
  }

  function stateUrl(s, withDoc = true) {
    const qs = stateParams(s, withDoc).toString();
    return '/' + (qs ? '?' + qs : '');
  }

  const hasFilters = s => FILTERS.some(f => s[f]);
  const hasSearch = s => s.q.trim() !== '' || hasFilters(s);

  let state = readState(location.search);

  function navigate(next, options = {}) {
    const url = stateUrl(next) + (options.hash || '');
    if (options.replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    state = next;
    render(options);
  }

  // Plain clicks on our own links navigate in place; modified clicks open tabs as usual.
  function inPageLink(a, next, options = {}) {
    a.href = stateUrl(next) + (options.hash || '');
    a.addEventListener('click', e => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(next, options);
    });
    return a;
  }

  // ------------------------------------------------------------ fetching

  let inflight = null;
  const cache = new Map();

  async function getJson(url) {
    if (cache.has(url)) return cache.get(url);
    if (inflight) inflight.abort();
    const controller = new AbortController();
    inflight = controller;
    let res;
    try {
      res = await fetch(url, { signal: controller.signal, headers: { Accept: 'application/json' } });
    } catch (e) {
      if (e.name === 'AbortError') return { aborted: true };
      return { ok: false, status: 0, error: { code: 'unreachable', message: 'The search service cannot be reached. Try again in a moment.' } };
    } finally {
      if (inflight === controller) inflight = null;
    }
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    const out = res.ok && body
      ? { ok: true, status: res.status, body }
      : { ok: false, status: res.status, error: (body && body.error) || { code: 'http_' + res.status, message: 'The server answered ' + res.status + '.' } };
    if (out.ok) {
      cache.set(url, out);
      if (cache.size > 40) cache.delete(cache.keys().next().value);
    }
    return out;
  }

  // Facets depend on the query and filters only: turning a page or changing the sort
  // reuses them and asks the daemon for results alone (facets are the costly part).
  const facetCache = new Map();
  const facetKey = s => JSON.stringify([s.q, s.across, s.drop, ...FILTERS.map(f => s[f])]);

  function searchUrl(s, withFacets) {
    const p = new URLSearchParams({ q: s.q, limit: String(PAGE_SIZE), offset: String((s.page - 1) * PAGE_SIZE) });
    if (!withFacets) p.set('facets', '0');
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    for (const f of FILTERS) if (s[f]) p.set(f, s[f]);
    setAcross(p, s);
    return '/api/search?' + p.toString();
  }

  // The query and filters of a search, which its feed and its exports take (not the page).
  function searchParams(s) {
    const p = new URLSearchParams({ q: s.q });
    for (const f of FILTERS) if (s[f]) p.set(f, s[f]);
    setAcross(p, s);
    return p;
  }

  const EXPORT_FORMATS = ['csv', 'jsonl', 'ris', 'bibtex'];

  // "Follow this search" and the Export menu point at the feed and the exports of the
  // search shown; the page's head announces the feed to browsers and feed readers.
  function setSearchLinks(s) {
    const feed = '/feed?' + searchParams(s).toString();
    ui.follow.href = feed;
    for (const format of EXPORT_FORMATS) {
      const p = searchParams(s);
      p.set('format', format);
      if (s.sort !== 'relevance') p.set('sort', s.sort);
      $('export-' + format).href = '/api/export?' + p.toString();
    }
    ui.exportMenu.open = false;
    let link = document.head.querySelector('link[rel="alternate"][type="application/atom+xml"]');
    if (!hasSearch(s)) {
      if (link) link.remove();
      return;
    }
    if (!link) {
      link = document.createElement('link');
      link.rel = 'alternate';
      link.type = 'application/atom+xml';
      document.head.appendChild(link);
    }
    link.title = 'Dragoman: ' + (s.q || 'filtered passages');
    link.href = feed;
  }

  // ------------------------------------------------------------ the forms

  function syncForms(s) {
    if (document.activeElement !== ui.q) ui.q.value = s.q;
    for (const f of FILTERS) ui.filters.elements[f].value = s[f];
    ui.sort.value = s.sort;
    ui.across.checked = s.across === '1';
    const n = FILTERS.filter(f => s[f]).length;
    ui.filterCount.hidden = n === 0;
    ui.filterCount.textContent = n ? n + ' active' : '';
    ui.filterError.hidden = true;
  }

  ui.form.addEventListener('submit', e => {
    e.preventDefault();
    navigate({ ...state, q: ui.q.value.trim(), page: 1, doc: '' }, { focus: 'none' });
  });

  ui.filters.addEventListener('submit', e => {
    e.preventDefault();
    const next = { ...state, q: ui.q.value.trim(), page: 1, doc: '' };
    for (const f of FILTERS) next[f] = ui.filters.elements[f].value.trim();
    for (const f of ['from', 'to']) {
      if (next[f] && !DATE_RE.test(next[f])) {
        ui.filterError.textContent = FILTER_LABELS[f] + ': write a year (2019), a month (2019-05) or a day (2019-05-31).';
        ui.filterError.hidden = false;
        ui.filters.elements[f].focus();
        return;
      }
    }
    navigate(next, { focus: 'results' });
  });

  ui.clearFilters.addEventListener('click', () => {
    const next = { ...state, page: 1, doc: '' };
    for (const f of FILTERS) next[f] = '';
    navigate(next, { focus: 'results' });
  });

  ui.sort.addEventListener('change', () => navigate({ ...state, sort: ui.sort.value, page: 1 }, { focus: 'none' }));
  ui.across.addEventListener('change', () =>
    navigate({ ...state, across: ui.across.checked ? '1' : '', drop: '', page: 1 }, { focus: 'none' }));

  // The filter panel is open on wide screens and folded on phones.
  const wide = window.matchMedia('(min-width: 52rem)');
  const setPanel = () => { ui.refine.open = wide.matches; };
  setPanel();
  wide.addEventListener('change', setPanel);

  // -------------------------------------------------------- results view

  function renderIntro() {
    ui.intro.hidden = false;
    clear(ui.examples);
    for (const q of EXAMPLES) {
      const li = el('li');
      li.appendChild(inPageLink(el('a', q), { ...readState(''), q }, { focus: 'results' }));
      ui.examples.appendChild(li);
    }
  }

  function hideResultParts() {
    ui.intro.hidden = true;
    ui.timeline.hidden = true;
    ui.toolbar.hidden = true;
    ui.pager.hidden = true;
    ui.chips.hidden = true;
    clear(ui.notices);
    clear(ui.facets);
  }

  function notice(kind, ...parts) {
    const p = el('p', undefined, 'notice ' + kind);
    if (kind === 'error') p.setAttribute('role', 'alert');
    for (const part of parts) p.appendChild(typeof part === 'string' ? document.createTextNode(part) : part);
    ui.notices.appendChild(p);
  }

  // The translations `across` added, per language, each a chip that removes it (the search
  // runs again with it in `drop`).
  function renderAdded(added, s) {
    const byLanguage = new Map();
    for (const a of added) {
      if (!byLanguage.has(a.language)) byLanguage.set(a.language, []);
      byLanguage.get(a.language).push(a);
    }
    const parts = ['Also searched in other languages: '];
    for (const [language, list] of byLanguage) {
      const group = el('span', undefined, 'across-language');
      group.lang = language;
      group.appendChild(el('span', language + ': ', 'across-code'));
      for (const a of list) {
        const chip = el('button', a.shown + ' \u00d7', 'chip across-word');
        chip.type = 'button';
        chip.dir = 'auto';
        chip.title = 'for \u201c' + a.word + '\u201d (score ' + a.score + '): remove';
        chip.dataset.drop = a.language + ':' + a.form;
        chip.addEventListener('click', () => {
          const dropped = s.drop ? s.drop.split(',') : [];
          dropped.push(chip.dataset.drop);
          navigate({ ...s, drop: dropped.join(','), page: 1 }, { focus: 'none' });
        });
        group.appendChild(chip);
      }
      parts.push(group);
    }
    notice('across', ...parts);
  }

  function renderChips(s) {
    clear(ui.chips);
    const active = FILTERS.filter(f => s[f]);
    ui.chips.hidden = active.length === 0;
    if (!active.length) return;
    for (const f of active) {
      const b = el('button', undefined, 'chip');
      b.type = 'button';
      const shown = f === 'lang' ? languageName(s[f]) : s[f];
      b.appendChild(el('span', FILTER_LABELS[f] + ': ', 'chip-label'));
      b.appendChild(field('span', shown));
      b.appendChild(el('span', ' ×', 'chip-x'));
      b.setAttribute('aria-label', 'Remove filter ' + FILTER_LABELS[f] + ' ' + shown);
      b.addEventListener('click', () => navigate({ ...state, [f]: '', page: 1 }, { focus: 'results' }));
      ui.chips.appendChild(b);
    }
    if (active.length > 1) {
      const all = el('button', 'Clear all', 'chip chip-clear');
      all.type = 'button';
      all.addEventListener('click', () => ui.clearFilters.click());
      ui.chips.appendChild(all);
    }
  }

  function facetEntries(obj) {
    return Object.entries(obj || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }

  function fillDatalist(id, entries, label) {
    const list = $(id);
    clear(list);
    for (const [value] of entries) {
      const o = el('option');
      o.value = value;
      if (label) o.label = label(value);
      list.appendChild(o);
    }
  }

  function renderFacets(body, s) {
    clear(ui.facets);
    const facets = body.facets || {};
    for (const name of Object.keys(FACET_FILTER)) {
      const entries = facetEntries(facets[name]);
      const filter = FACET_FILTER[name];
      if (name === 'language') fillDatalist('lang-options', entries, languageName);
      else fillDatalist(filter + '-options', entries);
      if (!entries.length) continue;
      const section = el('section', undefined, 'facet');
      const headingId = 'facet-' + name;
      const h = el('h2', FACET_TITLES[name], 'facet-title');
      h.id = headingId;
      section.setAttribute('aria-labelledby', headingId);
      section.appendChild(h);
      const ul = el('ul', undefined, 'facet-values');
      entries.forEach(([value, count], i) => {
        const li = el('li');
        if (i >= FACETS_SHOWN) li.className = 'extra';
        const b = el('button', undefined, 'facet-value');
        b.type = 'button';
        const active = s[filter] !== '' && s[filter] === value;
        b.setAttribute('aria-pressed', active ? 'true' : 'false');
        b.dataset.facet = name;
        b.dataset.value = value;
        const shown = name === 'language' ? languageName(value) : value;
        const label = field('span', shown, 'facet-label');
        if (name === 'language') label.lang = value;
        b.appendChild(label);
        b.appendChild(el('span', numberFormat.format(count), 'facet-count'));
        b.title = active ? 'Remove this filter' : 'Show only ' + shown;
        // A speaker written several ways is one entry: its labels in the tooltip.
        const variants = name === 'speaker' && body.speaker_variants ? body.speaker_variants[value] : null;
        if (variants && variants.length > 1) b.title += ' (also written ' + variants.filter(v => v !== value).join(', ') + ')';
        b.addEventListener('click', () => navigate({ ...state, [filter]: active ? '' : value, page: 1, doc: '' }, { focus: 'results' }));
        li.appendChild(b);
        ul.appendChild(li);
      });
      section.appendChild(ul);
      if (entries.length > FACETS_SHOWN) {
        ul.classList.add('folded');
        const more = el('button', 'Show ' + (entries.length - FACETS_SHOWN) + ' more', 'more');
        more.type = 'button';
        more.setAttribute('aria-expanded', 'false');
        more.addEventListener('click', () => {
          const folded = ul.classList.toggle('folded');
          more.setAttribute('aria-expanded', folded ? 'false' : 'true');
          more.textContent = folded ? 'Show ' + (entries.length - FACETS_SHOWN) + ' more' : 'Show fewer';
        });
        section.appendChild(more);
      }
      ui.facets.appendChild(section);
    }
    if (body.facets_exact === false) ui.facets.appendChild(el('p', 'Counts are estimated from the best-matching passages.', 'muted small'));
  }

  // ----------------------------------------------------------- the timeline

  let lastYears = null;

  function renderTimeline(yearFacet, s) {
    const years = Object.entries(yearFacet || {})
      .map(([y, n]) => [parseInt(y, 10), n])
      .filter(([y]) => !isNaN(y))
      .sort((a, b) => a[0] - b[0]);
    lastYears = { years, s };
    clear(ui.chart);
    ui.timeline.hidden = years.length === 0;
    if (!years.length) return;

    const width = Math.max(ui.chart.clientWidth || 600, 240);
    const height = 132;
    const pad = { left: 34, right: 10, top: 12, bottom: 22 };
    const first = years[0][0];
    const last = years[years.length - 1][0];

    // One slot per year from the first to the last, except that a run of more than
    // GAP_YEARS empty years shrinks to one narrow break: an early outlier (a speech of
    // 1825) must not squeeze every other bar into a corner.
    const GAP_YEARS = 4;
    const counts = new Map(years);
    const slots = [];
    for (let y = first; y <= last;) {
      if (counts.has(y)) { slots.push({ year: y }); ++y; continue; }
      let end = y;
      while (!counts.has(end + 1)) ++end;
      if (end - y + 1 > GAP_YEARS) slots.push({ gap: [y, end] });
      else for (let k = y; k <= end; ++k) slots.push({ year: k });
      y = end + 1;
    }
    const slotOf = new Map();
    slots.forEach((slot, i) => { if (slot.year !== undefined) slotOf.set(slot.year, i); });
    const step = (width - pad.left - pad.right) / slots.length;
    const centre = i => pad.left + (i + 0.5) * step;
    const barWidth = Math.max(Math.min(step * 0.8, 48), 2);
    const max = Math.max(...years.map(([, n]) => n));
    const plot = height - pad.top - pad.bottom;
    const total = years.reduce((a, [, n]) => a + n, 0);
    const peak = years.find(([, n]) => n === max);

    const chart = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'group' });
    chart.setAttribute('aria-label', `Matching transcripts per year, ${first}–${last}: ${plural(total, 'transcript', 'transcripts')} in ${plural(years.length, 'year', 'years')}, most in ${peak[0]} (${peak[1]}). Use the arrow keys to move between years and Enter to narrow to one.`);

    // Gridline and scale: the highest count, and zero.
    chart.appendChild(svg('line', { x1: pad.left, x2: width - pad.right, y1: pad.top, y2: pad.top, class: 'grid' }));
    chart.appendChild(svg('line', { x1: pad.left, x2: width - pad.right, y1: pad.top + plot, y2: pad.top + plot, class: 'axis' }));
    const maxLabel = svg('text', { x: pad.left - 6, y: pad.top + 4, class: 'scale', 'text-anchor': 'end' });
    maxLabel.textContent = numberFormat.format(max);
    chart.appendChild(maxLabel);
    const zero = svg('text', { x: pad.left - 6, y: pad.top + plot + 4, class: 'scale', 'text-anchor': 'end' });
    zero.textContent = '0';
    chart.appendChild(zero);

    // Breaks in the axis where empty years were left out.
    slots.forEach((slot, i) => {
      if (!slot.gap) return;
      const x = centre(i);
      const y = pad.top + plot;
      const mark = svg('g', { class: 'break' });
      mark.appendChild(svg('rect', { x: x - 5, y: y - 4, width: 10, height: 8, class: 'break-bg' }));
      mark.appendChild(svg('line', { x1: x - 5, y1: y + 4, x2: x - 1, y2: y - 4 }));
      mark.appendChild(svg('line', { x1: x + 1, y1: y + 4, x2: x + 5, y2: y - 4 }));
      const title = svg('title');
      title.textContent = `no matches ${slot.gap[0]}–${slot.gap[1]}`;
      mark.appendChild(title);
      chart.appendChild(mark);
    });

    // Year labels: the ends, the first year after each break, then round years, each
    // only where it keeps clear of the labels already placed.
    const candidates = [first, last];
    slots.forEach((slot, i) => { if (slot.gap && slots[i + 1]) candidates.push(slots[i + 1].year); });
    const room = Math.max(1, Math.floor((width - pad.left - pad.right) / 44));
    const yearSlots = slots.length - slots.filter(x => x.gap).length;
    const interval = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].find(k => yearSlots / k <= room) || 1000;
    for (const [y] of slotOf) if (y % interval === 0) candidates.push(y);
    const placed = [];
    for (const y of candidates) {
      const x = centre(slotOf.get(y));
      if (placed.some(p => Math.abs(p - x) < 38)) continue;
      placed.push(x);
      const anchor = x < pad.left + 16 ? 'start' : x > width - pad.right - 16 ? 'end' : 'middle';
      const t = svg('text', { x: anchor === 'start' ? x - 4 : anchor === 'end' ? x + 4 : x, y: height - 6, class: 'tick', 'text-anchor': anchor });
      t.textContent = String(y);
      chart.appendChild(t);
    }

    const active = s.from && s.from === s.to && /^\d{4}$/.test(s.from) ? parseInt(s.from, 10) : null;
    const bars = [];
    for (const [year, count] of years) {
      const h = Math.max((count / max) * plot, 2);
      const x = centre(slotOf.get(year)) - barWidth / 2;
      const bar = svg('rect', {
        x: x.toFixed(2), y: (pad.top + plot - h).toFixed(2), width: barWidth.toFixed(2), height: h.toFixed(2),
        class: 'bar' + (year === active ? ' active' : ''), 'data-year': year, 'data-count': count,
        role: 'button', tabindex: bars.length === 0 ? 0 : -1,
      });
      bar.setAttribute('aria-label', `${year}: ${plural(count, 'transcript', 'transcripts')}`);
      const title = svg('title');
      title.textContent = `${year}: ${plural(count, 'transcript', 'transcripts')}`;
      bar.appendChild(title);
      const pick = () => {
        const again = year === active;
        navigate({ ...state, from: again ? '' : String(year), to: again ? '' : String(year), page: 1 }, { focus: 'timeline', year });
      };
      bar.addEventListener('click', pick);
      bar.addEventListener('keydown', e => {
        const i = bars.indexOf(bar);
        let j = null;
        if (e.key === 'ArrowRight' || e.key === 'ArrowDown') j = Math.min(i + 1, bars.length - 1);
        else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') j = Math.max(i - 1, 0);
        else if (e.key === 'Home') j = 0;
        else if (e.key === 'End') j = bars.length - 1;
        else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); return; }
        if (j === null) return;
        e.preventDefault();
        bar.setAttribute('tabindex', '-1');
        bars[j].setAttribute('tabindex', '0');
        bars[j].focus();
      });
      bars.push(bar);
      chart.appendChild(bar);
    }
    ui.chart.appendChild(chart);
  }

  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (lastYears && !ui.timeline.hidden) {
        const focusedYear = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.year : null;
        renderTimeline(Object.fromEntries(lastYears.years.map(([y, n]) => [String(y), n])), lastYears.s);
        if (focusedYear) focusBar(focusedYear);
      }
    }, 150);
  });

  function focusBar(year) {
    const bar = ui.chart.querySelector(`rect.bar[data-year="${CSS.escape(String(year))}"]`) || ui.chart.querySelector('rect.bar');
    if (!bar) return;
    for (const b of ui.chart.querySelectorAll('rect.bar')) b.setAttribute('tabindex', '-1');
    bar.setAttribute('tabindex', '0');
    bar.focus();
  }

  // ------------------------------------------------------------- results

  function renderResult(r, s) {
    const li = el('li', undefined, 'result');
    const docState = { ...s, doc: r.id };
    const h = el('h2', undefined, 'result-title');
    const a = inPageLink(field('a', r.title || r.id), docState, { focus: 'doc' });
    if (r.language) a.lang = r.language;
    h.appendChild(a);
    li.appendChild(h);

    const meta = el('p', undefined, 'meta');
    const bits = [];
    if (r.date) {
      const t = el('time', formatDate(r.date));
      t.dateTime = r.date;
      bits.push(t);
    }
    if (r.language) bits.push(el('span', languageName(r.language), 'lang'));
    if (r.speakers && r.speakers.length) {
      const sp = fieldList('span', r.speakers.slice(0, 4), ', ', 'speakers');
      if (r.speakers.length > 4) sp.appendChild(document.createTextNode(' +' + (r.speakers.length - 4)));
      bits.push(sp);
    }
    if (r.country) bits.push(field('span', r.country, 'country'));
    if (r.source) bits.push(field('span', r.source, 'source'));
    if (r.changed)  // the transcript view lists the versions and their differences (history.js)
      bits.push(inPageLink(el('a', 'changed ' + plural(r.changes, 'time', 'times'), 'changed'), docState, { focus: 'doc' }));
    bits.forEach((b, i) => {
      if (i) meta.appendChild(el('span', ' · ', 'sep'));
      meta.appendChild(b);
    });
    li.appendChild(meta);
    if (window.DragomanVersions && r.versions && r.versions.length)  // versions.js
      li.appendChild(window.DragomanVersions.alsoIn(r, id => inPageLink(el('a'), { ...s, doc: id }, { focus: 'doc' })));
    if (r.duplicates && r.duplicates.length) {
      // Transcripts of the very same text: this result stands for them.
      const copies = el('p', (r.duplicates.length === 1 ? 'Also as 1 identical transcript: ' : 'Also as ' + r.duplicates.length + ' identical transcripts: '), 'copies muted small');
      r.duplicates.slice(0, 5).forEach((d, i) => {
        if (i) copies.appendChild(document.createTextNode(', '));
        copies.appendChild(inPageLink(field('a', d.id), { ...s, doc: d.id }, { focus: 'doc' }));
      });
      if (r.duplicates.length > 5) copies.appendChild(document.createTextNode(' …'));
      li.appendChild(copies);
    }

    for (const sn of r.snippets || []) {
      const block = el('div', undefined, 'snippet');
      if (sn.language) block.lang = sn.language;
      if (sn.question) {
        const q = el('p', undefined, 'question');
        q.appendChild(el('span', 'Question: ', 'speaker'));
        q.appendChild(field('span', sn.question.length > 300 ? sn.question.slice(0, 300) + '…' : sn.question));
        block.appendChild(q);
      }
      const p = el('p', undefined, 'said');
      if (sn.speaker) p.appendChild(speakerLabel(sn.speaker));
      p.appendChild(field('span')).appendChild(snippetNodes(sn.html));
      if (typeof sn.passage === 'number') {
        const ctx = inPageLink(el('a', 'in context ›', 'context'), docState, { focus: 'doc', hash: '#passage-' + sn.passage });
        ctx.setAttribute('aria-label', 'Show this passage in the transcript');
        p.appendChild(ctx);
      }
      block.appendChild(p);
      if (window.DragomanCite && sn.passage_id) block.appendChild(window.DragomanCite.control(sn));
      li.appendChild(block);
    }

    const foot = el('p', undefined, 'result-links');
    if (r.matching_passages > (r.snippets || []).length) {
      foot.appendChild(el('span', plural(r.matching_passages, 'matching passage', 'matching passages'), 'muted'));
      foot.appendChild(el('span', ' · ', 'sep'));
    }
    foot.appendChild(inPageLink(el('a', 'Read the transcript'), docState, { focus: 'doc' }));
    const url = safeUrl(r.url);
    if (url) {
      foot.appendChild(el('span', ' · ', 'sep'));
      foot.appendChild(externalLink(url, 'Original ↗'));
    }
    li.appendChild(foot);
    return li;
  }

  function renderPager(total, count, s) {
    clear(ui.pager);
    // A short page is the last one, whatever the estimate said.
    if (count < PAGE_SIZE) total = (s.page - 1) * PAGE_SIZE + count;
    const reachable = Math.min(total, MAX_OFFSET + PAGE_SIZE);
    const pages = Math.max(1, Math.ceil(reachable / PAGE_SIZE));
    ui.pager.hidden = pages <= 1;
    if (pages <= 1) return;
    const ul = el('ul');
    const item = (label, page, opts = {}) => {
      const li = el('li');
      if (page < 1 || page > pages || opts.current) {
        const span = el('span', label, opts.current ? 'current' : 'disabled');
        if (opts.current) span.setAttribute('aria-current', 'page');
        if (opts.aria) span.setAttribute('aria-label', opts.aria);
        li.appendChild(span);
      } else {
        const a = inPageLink(el('a', label, opts.cls), { ...s, page }, { focus: 'results' });
        if (opts.rel) a.rel = opts.rel;
        a.setAttribute('aria-label', opts.aria || 'Page ' + page);
        li.appendChild(a);
      }
      ul.appendChild(li);
    };
    item('‹ Previous', s.page - 1, { rel: 'prev', cls: 'step', aria: 'Previous page' });
    const shown = new Set([1, pages]);
    for (let p = s.page - 2; p <= s.page + 2; ++p) if (p >= 1 && p <= pages) shown.add(p);
    let prev = 0;
    for (const p of [...shown].sort((a, b) => a - b)) {
      if (p - prev > 1) ul.appendChild(el('li', '…', 'gap'));
      item(String(p), p, { current: p === s.page, aria: 'Page ' + p });
      prev = p;
    }
    item('Next ›', s.page + 1, { rel: 'next', cls: 'step', aria: 'Next page' });
    ui.pager.appendChild(ul);
  }

  async function showResults(s, options) {
    document.body.classList.remove('doc-mode');
    ui.viewDoc.hidden = true;
    ui.viewResults.hidden = false;
    ui.back.href = stateUrl(s, false);
    syncForms(s);
    renderChips(s);
    document.title = s.q ? s.q + ' — Dragoman' : 'Dragoman — search diplomatic transcripts';
    setSearchLinks(s);
    if (!hasSearch(s)) {
      hideResultParts();
      clear(ui.results);
      ui.status.textContent = '';
      for (const id of ['lang-options', 'speaker-options', 'country-options', 'source-options']) clear($(id));
      renderIntro();
      return;
    }
    ui.intro.hidden = true;
    ui.status.textContent = 'Searching…';
    ui.results.setAttribute('aria-busy', 'true');
    ui.results.classList.add('stale');
    const known = facetCache.get(facetKey(s));
    const got = await getJson(searchUrl(s, !known));
    if (got.aborted || state !== s) return;
    ui.results.removeAttribute('aria-busy');
    ui.results.classList.remove('stale');
    hideResultParts();
    renderChips(s);
    clear(ui.results);
    if (!got.ok) {
      ui.status.textContent = '';
      notice('error', got.error.message || 'The search failed.');
      return;
    }
    let body = got.body;
    if (known) {
      body = { ...body, facets: known.facets, facets_exact: known.facets_exact, speaker_variants: known.speaker_variants };
    } else if (body.results && body.results.length) {
      facetCache.set(facetKey(s), { facets: body.facets, facets_exact: body.facets_exact, speaker_variants: body.speaker_variants });
      if (facetCache.size > 40) facetCache.delete(facetCache.keys().next().value);
    }
    if (body.suggestion) {
      const link = inPageLink(el('a', body.suggestion, 'suggestion'), { ...s, q: body.suggestion, page: 1 }, { focus: 'results' });
      link.dir = 'auto';
      notice('suggest', 'Did you mean ', link, '?');
    }
    if (body.timed_out) notice('timed-out', 'The search ran out of time: some results may lack passages, versions or counts.');
    if (body.relaxed) notice('relaxed', 'No transcript contains all of your words; these contain some of them.');
    if (body.added && body.added.length) renderAdded(body.added, s);

    const total = body.total || 0;
    const about = body.total_exact === false ? 'about ' : '';
    ui.status.textContent = total
      ? about + plural(total, 'transcript', 'transcripts') + ' (' + body.took_ms + ' ms)'
      : 'No transcripts match.';
    if (!total) {
      const hints = [];
      if (hasFilters(s)) hints.push('remove a filter');
      if (s.q.trim().split(/\s+/).length > 1) hints.push('use fewer words');
      if (!body.suggestion) hints.push('check the spelling');
      hints.push('try a word in another language');
      notice('empty', 'Nothing found. You could ' + hints.join(', ') + '.');
    }
    renderFacets(body, s);
    renderTimeline((body.facets || {}).year, s);

    if (body.results && body.results.length) {
      ui.toolbar.hidden = false;
      const first = (s.page - 1) * PAGE_SIZE + 1;
      ui.range.textContent = `Showing ${numberFormat.format(first)}–${numberFormat.format(first + body.results.length - 1)}`;
      for (const r of body.results) ui.results.appendChild(renderResult(r, s));
    } else if (total && s.page > 1) {
      const link = inPageLink(el('a', 'first page'), { ...s, page: 1 }, { focus: 'results' });
      notice('empty', 'This page is past the last result. Go to the ', link, '.');
    }
    if (total) renderPager(total, (body.results || []).length, s);
    ui.sort.value = s.sort;
    if (options.focus === 'results') ui.resultsHeading.focus({ preventScroll: false });
    if (options.focus === 'timeline' && options.year) focusBar(options.year);
  }

  // ---------------------------------------------------------- transcript view

  let hits = [];
  let current = -1;

  function setHit(i) {
    if (!hits.length) return;
    if (current >= 0 && hits[current]) hits[current].classList.remove('current');
    current = (i + hits.length) % hits.length;
    const m = hits[current];
    m.classList.add('current');
    m.scrollIntoView({ block: 'center', behavior: 'auto' });
    ui.hitPosition.textContent = `Hit ${current + 1} of ${hits.length}`;
  }

  ui.nextHit.addEventListener('click', () => setHit(current + 1));
  ui.prevHit.addEventListener('click', () => setHit(current < 0 ? -1 : current - 1));

  ui.back.addEventListener('click', e => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    goBack();
  });

  function goBack() {
    navigate({ ...state, doc: '' }, { focus: 'results' });
  }

  async function showDoc(s, options) {
    document.body.classList.add('doc-mode');
    ui.viewResults.hidden = true;
    ui.viewDoc.hidden = false;
    syncForms(s);
    ui.back.href = stateUrl({ ...s, doc: '' });
    ui.back.textContent = hasSearch(s) ? '← Back to results' : '← Back to search';
    clear(ui.docBody);
    clear(ui.docMeta);
    clear(ui.docLinks);
    ui.docTitle.textContent = '';
    ui.hitbar.hidden = true;
    hits = [];
    current = -1;
    ui.docStatus.textContent = 'Loading the transcript…';
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    const got = await getJson('/api/doc/' + encodeURIComponent(s.doc) + (s.q ? '?' + p.toString() : ''));
    if (got.aborted || state !== s) return;
    ui.docStatus.textContent = '';
    if (!got.ok) {
      ui.docTitle.textContent = got.status === 404 ? 'Transcript not found' : 'The transcript cannot be shown';
      ui.docStatus.textContent = got.error.message || '';
      document.title = 'Transcript not found — Dragoman';
      return;
    }
    const d = got.body;
    ui.docTitle.textContent = d.title || d.id;
    if (d.language) ui.docTitle.lang = d.language;
    ui.docTitle.dir = 'auto';  // the heading holds the title alone: it is the field's isolate
    document.title = (d.title || d.id) + ' — Dragoman';

    const bits = [];
    if (d.date) {
      const t = el('time', formatDate(d.date));
      t.dateTime = d.date;
      bits.push(t);
    }
    if (d.language) bits.push(el('span', languageName(d.language)));
    if (d.speakers && d.speakers.length) bits.push(fieldList('span', d.speakers, ', '));
    if (d.country) bits.push(field('span', d.country));
    if (d.source) bits.push(field('span', d.source));
    bits.push(field('span', d.id, 'doc-id'));
    bits.forEach((b, i) => {
      if (i) ui.docMeta.appendChild(el('span', ' · ', 'sep'));
      ui.docMeta.appendChild(b);
    });
    const url = safeUrl(d.url);
    if (url) ui.docLinks.appendChild(externalLink(url, 'Original source ↗'));
    if (window.DragomanVersions) window.DragomanVersions.docVersions(d, ui.docLinks, ui.docBody);  // versions.js
    if (window.DragomanHistory) window.DragomanHistory.docHistory(d, ui.docLinks, getJson);  // history.js

    // Consecutive passages of one speaker form one turn; a passage followed by an
    // answer that quotes it as its question is marked as a question.
    const passages = d.passages || [];
    let turn = null;
    let turnText = null;
    let turnSpeaker = null;
    passages.forEach((ps, i) => {
      const speaker = ps.speaker || '';
      if (!turn || speaker !== turnSpeaker) {
        turn = el('section', undefined, 'turn');
        turnText = el('div', undefined, 'turn-text');
        const next = passages[i + 1];
        if (next && next.question && (next.speaker || '') !== speaker) turn.classList.add('question');
        if (speaker) {
          turn.appendChild(field('h2', speaker, 'speaker'));
        } else {
          turn.classList.add('no-speaker');
        }
        turn.appendChild(turnText);
        ui.docBody.appendChild(turn);
        turnSpeaker = speaker;
      }
      const para = el('p', undefined, 'passage');
      para.id = 'passage-' + ps.passage;
      if (ps.language) para.lang = ps.language;
      para.dir = 'auto';  // the paragraph holds the passage's text alone
      para.appendChild(snippetNodes(ps.html));
      turnText.appendChild(para);
      if (window.DragomanCite && ps.passage_id)
        window.DragomanCite.decoratePassage(para, ps, options.hash === '#passage-' + ps.passage);
    });

    hits = Array.from(ui.docBody.querySelectorAll('mark'));
    hits.forEach((m, i) => { m.id = 'hit-' + (i + 1); });
    if (hits.length) {
      ui.hitbar.hidden = false;
      ui.hitPosition.textContent = `${plural(hits.length, 'hit', 'hits')} for “${s.q}”`;
    } else if (s.q) {
      ui.hitbar.hidden = true;
      ui.docStatus.textContent = `The words of “${s.q}” are not in the text itself: the transcript matched on its speakers, title or other details.`;
    }
    const target = options.hash && document.getElementById(options.hash.slice(1));
    if (target) {
      const firstHit = hits.findIndex(m => target.contains(m));
      if (firstHit >= 0) setHit(firstHit);
      else target.scrollIntoView({ block: 'center' });
      target.classList.add('target');
    } else {
      window.scrollTo(0, 0);
    }
    if (options.focus === 'doc') ui.docTitle.focus({ preventScroll: !!target });
  }

  // --------------------------------------------------------------- routing

  function render(options = {}) {
    if (!options.hash && location.hash) options = { ...options, hash: location.hash };
    if (state.doc) showDoc(state, options);
    else showResults(state, options);
    document.dispatchEvent(new CustomEvent('dragoman:state', { detail: { ...state } }));  // for trend.js
  }

  window.addEventListener('popstate', () => {
    state = readState(location.search);
    render({ focus: 'none' });
  });

  ui.q.addEventListener('keydown', e => {
    if (e.key === 'Escape' && ui.q.value) { ui.q.value = ''; }
  });

  document.addEventListener('keydown', e => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    const typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || t.isContentEditable;
    if (e.key === '/' && !typing) {
      e.preventDefault();
      ui.q.focus();
      ui.q.select();
      return;
    }
    if (ui.viewDoc.hidden || typing) return;
    if (e.key === 'n' || e.key === 'j') { e.preventDefault(); setHit(current + 1); }
    else if (e.key === 'p' || e.key === 'k') { e.preventDefault(); setHit(current < 0 ? -1 : current - 1); }
    else if (e.key === 'Escape') { e.preventDefault(); goBack(); }
  });

  ui.home = $('home');
  ui.home.addEventListener('click', e => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    ui.q.value = '';
    navigate(readState(''), { focus: 'none' });
    ui.q.focus();
  });

  fetch('/healthz').then(r => (r.ok ? r.json() : null)).then(h => {
    if (h && typeof h.passages === 'number') ui.footer.textContent = `Dragoman · ${plural(h.passages, 'passage', 'passages')} indexed`;
  }).catch(() => {});

  render({ focus: 'none' });
})();
