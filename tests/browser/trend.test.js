// Browser tests of the trend panel: the SVG chart drawn from /api/trend, the CSV link,
// "who says it most", markup in names shown as text, errors, and the strict CSP.
'use strict';
const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const fixtures = require('./daemon.js');

const QUERY = 'cooperation';  // passages in several years and countries of corpus/sample

describe('the trend panel in a real browser', () => {
  const suite = fixtures.pageSuite({ ignoreConsole: fixtures.statusError(400) });
  const { dialogs, pageErrors, shot, texts } = suite;
  let daemon;
  let page;
  before(() => { ({ daemon, page } = suite); });
  const trendApi = async params => (await fixtures.getJson(daemon.url + '/api/trend?' + new URLSearchParams(params))).body;

  async function openTrend(q) {
    await page.goto(daemon.url + '/?q=' + encodeURIComponent(q));
    await page.waitForSelector('#trend:not([hidden])');
    if (!(await page.$eval('#trend-details', d => d.open))) await page.click('#trend-details > summary');
    await counted();
  }

  async function counted() {
    await page.waitForFunction(() => {
      const s = document.getElementById('trend-status').textContent;
      return s !== '' && s !== 'Counting…';
    });
  }

  test('opening the panel draws one point per period of /api/trend, scaled to the highest rate', async () => {
    const api = await trendApi({ q: QUERY });
    assert.ok(api.matches > 5, 'the sample has matches: ' + api.matches);
    await openTrend(QUERY);
    await shot('trend-year');
    assert.match(await page.textContent('#trend-status'), new RegExp('^' + api.matches + ' matching passages'));
    const dots = await page.$$eval('#trend-chart circle.trend-total', cs => cs.map(c => ({
      period: c.dataset.period, cy: parseFloat(c.getAttribute('cy')), title: c.querySelector('title').textContent })));
    assert.deepEqual(dots.map(d => d.period), api.periods.map(p => p.period));
    const top = Math.max(...api.periods.map(p => p.per_million));
    const highest = api.periods.findIndex(p => p.per_million === top);
    assert.equal(Math.min(...dots.map(d => d.cy)), dots[highest].cy, 'the highest point is the highest rate');
    const zero = api.periods.findIndex(p => p.matches === 0);
    if (zero >= 0) assert.equal(Math.max(...dots.map(d => d.cy)), dots[zero].cy, 'zero rests on the axis');
    const p = api.periods[highest];
    assert.ok(dots[highest].title.includes(`${p.period}: ${p.matches} of ${p.passages} passages`), dots[highest].title);
    assert.equal(await page.$$eval('#trend-chart circle.trend-total.few', cs => cs.length),
      api.periods.filter(q => q.passages < 100).length, 'periods with few passages have hollow points');
    assert.equal(await page.$$eval('#trend-chart polyline', ls => ls.length), 1);
    assert.ok((await page.getAttribute('#trend-chart svg', 'aria-label')).includes('per million'));
  });

  test('the CSV link downloads the same counts as CSV', async () => {
    await openTrend(QUERY);
    const href = await page.getAttribute('#trend-csv', 'href');
    assert.match(href, /^\/api\/trend\?/);
    assert.match(href, /format=csv/);
    assert.equal(await page.getAttribute('#trend-csv', 'download'), 'dragoman-trend.csv');
    const res = await fixtures.getText(daemon.url + href);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/csv/);
    assert.match(res.headers['content-disposition'], /attachment/);
    const lines = res.body.trim().split('\r\n');
    assert.equal(lines[0], 'period,series,matches,period_passages,per_million,exact');
    const api = await trendApi({ q: QUERY });
    assert.equal(lines.length - 1, api.periods.length);
    for (let i = 0; i < api.periods.length; ++i)
      assert.equal(lines[i + 1].split(',').slice(0, 4).join(','), `${api.periods[i].period},,${api.periods[i].matches},${api.periods[i].passages}`);
  });

  test('split by country draws a line per series with a legend; by month labels months', async () => {
    await openTrend(QUERY);
    await page.selectOption('#trend-split', 'country');
    await page.waitForFunction(() => document.querySelectorAll('#trend-legend li').length > 1);
    await counted();
    const api = await trendApi({ q: QUERY, split: 'country' });
    assert.ok(api.series.length >= 2, 'several countries');
    assert.deepEqual(await texts('#trend-legend li'), ['All matching passages', ...api.series.map(s => s.name)]);
    assert.equal(await page.$$eval('#trend-chart polyline', ls => ls.length), 1 + api.series.length);
    // Each series runs from its first match to its last, not along zero.
    const spans = await page.$$eval('#trend-chart polyline:not(.trend-total)', ls => ls.map(l => l.getAttribute('points').split(' ').length));
    const expected = api.series.map(s => {
      const hit = s.points.map(q => q.matches > 0);
      return hit.lastIndexOf(true) - hit.indexOf(true) + 1;
    });
    assert.deepEqual(spans, expected);
    assert.ok((await page.getAttribute('#trend-csv', 'href')).includes('split=country'));
    await shot('trend-country');

    await page.selectOption('#trend-by', 'month');
    await page.waitForFunction(() => [...document.querySelectorAll('#trend-chart circle.trend-total')]
      .every(c => /^\d{4}-\d{2}$/.test(c.dataset.period)));
    const months = await trendApi({ q: QUERY, split: 'country', by: 'month' });
    assert.equal(await page.$$eval('#trend-chart circle.trend-total', cs => cs.length), months.periods.length);
    assert.ok((await texts('#trend-chart text.tick')).every(t => /^\d{4}-\d{2}$/.test(t)));
  });

  test('who says it most lists the ranked countries with their shares', async () => {
    await openTrend(QUERY);
    const api = await trendApi({ q: QUERY });
    assert.ok(api.who.countries.length > 0);
    const rows = await page.$$eval('#who-countries tbody tr', trs => trs.map(tr => [...tr.children].map(c => c.textContent)));
    assert.deepEqual(rows.map(r => r[0]), api.who.countries.map(c => c.name));
    assert.equal(rows[0][1], String(api.who.countries[0].matches));
    assert.match(rows[0][3], /%$/);
    assert.match(await page.textContent('#who-note'), new RegExp('at least ' + api.who.min_passages + ' passages'));
    assert.equal(await page.$$eval('#who-speakers tbody tr', trs => trs.length), Math.max(1, api.who.speakers.length));
  });

  test('a speaker name full of markup is shown as text in the legend', async () => {
    await openTrend('tribunal');
    await page.selectOption('#trend-split', 'speaker');
    await page.waitForFunction(() => [...document.querySelectorAll('#trend-legend li')].some(li => li.textContent.includes('Mallory')));
    const legend = await texts('#trend-legend li');
    assert.ok(legend.includes(fixtures.MARKUP_RECORD.speakers[0]), legend.join(' | '));
    assert.equal(await page.$$eval('#trend i, #trend b, #trend script, #trend img', e => e.length), 0);
    assert.deepEqual(dialogs, []);
  });

  test('a query the daemon refuses shows its message; a transcript hides the panel', async () => {
    await openTrend('sanctions OR');
    assert.ok(await page.$eval('#trend-status', s => s.classList.contains('error')));
    assert.match(await page.textContent('#trend-status'), /OR/);
    assert.equal(await page.$$eval('#trend-chart svg', s => s.length), 0);

    await page.goto(daemon.url + '/?q=' + QUERY);
    await page.waitForSelector('#results li.result a');
    await page.click('#results li.result h2 a, #results li.result a');
    await page.waitForSelector('#view-doc:not([hidden])');
    assert.ok(await page.$eval('#trend', t => t.hidden), 'no trend beside a transcript');
    assert.deepEqual(pageErrors, [], 'no script or CSP errors on the page');
  });
});
