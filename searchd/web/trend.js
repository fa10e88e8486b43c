// The trend panel: matching passages over time (an inline SVG line chart drawn here),
// the CSV download and "who says it most", for the query app.js is showing; asked of
// /api/trend only while the panel is open (panel.js).
'use strict';
(function () {
  const COLOURS = 8;  // series colours in trend.css: .trend-s0 ... .trend-s7
  // A rate over a period with few passages swings on one passage: such points are hollow.
  const FEW_PASSAGES = 100;
  const numberFormat = new Intl.NumberFormat('en');
  const rateFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
  const shareFormat = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

  const root = document.getElementById('trend');
  if (!root) return;

  const { el, field, dataTable, svg, clear } = window.DragomanDom;  // dom.js
  const { searchParams, statusLine, select, followSearch } = window.DragomanPanel;  // panel.js

  // ------------------------------------------------------------- the frame

  const details = el('details', null, 'panel-details');
  details.id = 'trend-details';
  const summary = el('summary', 'Trend over time and who says it most');
  details.appendChild(summary);
  const controls = el('div', null, 'panel-controls');
  const by = select('trend-by', 'Per', [['year', 'year'], ['month', 'month']]);
  const split = select('trend-split', 'Lines', [['', 'all matches'], ['speaker', 'top speakers'], ['country', 'top countries']]);
  const csv = el('a', 'Download CSV', 'trend-csv');
  csv.id = 'trend-csv';
  csv.setAttribute('download', 'dragoman-trend.csv');
  controls.append(by.wrap, split.wrap, csv);
  const status = statusLine('trend-status', 'panel-status');
  const chart = el('div', null, 'trend-chart');
  chart.id = 'trend-chart';
  const legend = el('ul', null, 'trend-legend');
  legend.id = 'trend-legend';
  const unit = el('p', 'Matching passages per million passages of the same period in the whole index.', 'muted small');
  const who = el('div', null, 'who');
  who.id = 'who';
  const whoNote = el('p', '', 'muted small');
  whoNote.id = 'who-note';
  details.append(controls, status, chart, legend, unit, who, whoNote);
  root.appendChild(details);

  // ------------------------------------------------------------ state

  function trendUrl(s, format) {
    const p = searchParams(s);
    if (by.select.value !== 'year') p.set('by', by.select.value);
    if (split.select.value) p.set('split', split.select.value);
    if (format) p.set('format', format);
    return '/api/trend?' + p.toString();
  }

  const panel = followSearch({
    root, details, status, busy: chart, counting: 'Counting…', failed: 'The trend could not be counted.',
    url: s => trendUrl(s),
    links: s => { csv.href = trendUrl(s, 'csv'); },
    show,
    fail() {
      clear(chart); clear(legend); clear(who);
      whoNote.textContent = '';
    },
  });
  by.select.addEventListener('change', panel.refresh);
  split.select.addEventListener('change', panel.refresh);

  // ------------------------------------------------------------ drawing

  let lastBody = null;

  function show(t) {
    lastBody = t;
    const about = t.matches_exact ? '' : 'about ';
    let line = about + numberFormat.format(t.matches) + (t.matches === 1 ? ' matching passage' : ' matching passages');
    if (t.undated) {
      line += ', ' + numberFormat.format(t.undated) + ' of them ' +
        (t.by === 'month' ? 'undated or dated only to the year' : 'undated') + ' (not in the chart)';
    }
    status.textContent = line + ' (' + t.took_ms + ' ms)';
    drawChart(t);
    drawWho(t);
  }

  function periodLabel(t) { return t.by === 'month' ? 'month' : 'year'; }

  function drawChart(t) {
    clear(chart);
    clear(legend);
    const periods = t.periods || [];
    if (!periods.length || !t.matches) return;
    const width = Math.max(chart.clientWidth || 640, 280);
    const height = 200;
    const pad = { left: 64, right: 14, top: 14, bottom: 26 };
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    const n = periods.length;
    const x = i => pad.left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
    const max = Math.max(...periods.map(p => p.per_million), 0) || 1;
    const y = v => pad.top + plotH - (v / max) * plotH;
    const peak = periods.reduce((a, p) => (p.per_million > a.per_million ? p : a), periods[0]);

    const g = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'trend-svg', role: 'img' });
    g.setAttribute('aria-label', `Matching passages per million passages, per ${periodLabel(t)}, ` +
      `${periods[0].period} to ${periods[n - 1].period}; highest in ${peak.period} ` +
      `(${rateFormat.format(peak.per_million)} per million).`);

    for (const v of [0, max / 2, max]) {
      g.appendChild(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: v ? 'grid' : 'axis' }));
      const label = svg('text', { x: pad.left - 6, y: y(v) + 4, class: 'scale', 'text-anchor': 'end' });
      label.textContent = rateFormat.format(v);
      g.appendChild(label);
    }

    // Period labels: the ends first, then evenly spaced ones that keep clear of them.
    const widthOf = t.by === 'month' ? 56 : 40;
    const room = Math.max(2, Math.floor(plotW / widthOf));
    const every = Math.max(1, Math.ceil(n / room));
    const candidates = [0, n - 1];
    for (let i = 0; i < n; i += every) candidates.push(i);
    const placed = [];
    for (const i of candidates) {
      if (placed.some(px => Math.abs(px - x(i)) < widthOf)) continue;
      placed.push(x(i));
      const anchor = i === 0 && n > 1 ? 'start' : i === n - 1 && n > 1 ? 'end' : 'middle';
      const tick = svg('text', { x: x(i), y: height - 8, class: 'tick', 'text-anchor': anchor });
      tick.textContent = periods[i].period;
      g.appendChild(tick);
    }

    const lines = [];
    if (t.series && t.series.length) {
      t.series.forEach((s, k) => lines.push({ name: s.name, points: s.points, cls: 'trend-s' + (k % COLOURS) }));
    }
    lines.unshift({ name: 'All matching passages', points: periods, cls: 'trend-total' });
    let fewShown = false;
    for (const line of lines) {
      // A series is drawn from its first to its last match, not as a line along zero.
      const total = line.cls === 'trend-total';
      const first = total ? 0 : line.points.findIndex(p => p.matches > 0);
      const last = total ? n - 1 : line.points.length - 1 - [...line.points].reverse().findIndex(p => p.matches > 0);
      if (first < 0) continue;
      const path = line.points.slice(first, last + 1)
        .map((p, k) => `${x(first + k).toFixed(1)},${y(p.per_million).toFixed(1)}`).join(' ');
      g.appendChild(svg('polyline', { points: path, class: 'trend-line ' + line.cls }));
      line.points.forEach((p, i) => {
        if (!p.matches && !total) return;
        const of = periods[i].passages;
        const few = of < FEW_PASSAGES;
        fewShown = fewShown || few;
        const dot = svg('circle', { cx: x(i).toFixed(1), cy: y(p.per_million).toFixed(1), r: 3,
          class: 'trend-dot ' + line.cls + (few ? ' few' : ''), 'data-period': p.period });
        const title = svg('title');
        title.textContent = `${line.name}, ${p.period}: ${numberFormat.format(p.matches)} of ` +
          `${numberFormat.format(of)} passages (${rateFormat.format(p.per_million)} per million)`;
        dot.appendChild(title);
        g.appendChild(dot);
      });
      const item = el('li', null, 'trend-key');
      item.appendChild(el('span', '', 'swatch ' + line.cls));
      item.appendChild(field('span', line.name));
      legend.appendChild(item);
    }
    chart.appendChild(g);
    unit.textContent = 'Matching passages per million passages of the same period in the whole index.' +
      (fewShown ? ` Hollow points: periods with fewer than ${FEW_PASSAGES} passages, where one passage moves the rate a lot.` : '');
  }

  function whoTable(caption, rows, id) {
    const table = dataTable('who-table', caption, ['Name', 'Matching', 'All passages', 'Share'], rows.map(r => {
      const name = field('th', r.name);
      name.scope = 'row';
      return [name, numberFormat.format(r.matches), numberFormat.format(r.passages), shareFormat.format(r.share)];
    }), 'None with enough passages.');
    table.id = id;
    return table;
  }

  function drawWho(t) {
    clear(who);
    const w = t.who || {};
    who.appendChild(el('h3', 'Who says it most'));
    who.appendChild(whoTable('Speakers', w.speakers || [], 'who-speakers'));
    who.appendChild(whoTable('Countries', w.countries || [], 'who-countries'));
    whoNote.textContent = 'Ranked by the share of their own passages that match; only speakers and countries with at least ' +
      numberFormat.format(w.min_passages || 0) + ' passages in the index are ranked.' +
      (t.matches_exact ? '' : ' Counts are estimated from ' + numberFormat.format(t.counted) + ' passages.');
  }

  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (lastBody && panel.showing()) drawChart(lastBody); }, 200);
  });
})();
