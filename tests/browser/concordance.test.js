// Browser tests of the concordance panel: the lines of /api/concordance in aligned columns,
// sorting and grouping, the CSV link, a right-to-left line read from the right, markup in
// a transcript shown as text, errors, and the strict CSP.
'use strict';
const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const fixtures = require('./daemon.js');

const QUERY = 'cooperation';  // occurrences in several years and languages of corpus/sample
const ARABIC = 'المؤتمر';      // in an Arabic interview of corpus/sample

describe('the concordance panel in a real browser', () => {
  const suite = fixtures.pageSuite({ ignoreConsole: fixtures.statusError(400) });
  const { dialogs, pageErrors, shot, texts } = suite;
  let daemon;
  let page;
  before(() => { ({ daemon, page } = suite); });
  const concordanceApi = async params =>
    (await fixtures.getJson(daemon.url + '/api/concordance?' + new URLSearchParams(params))).body;

  async function shown() {
    await page.waitForFunction(() => {
      const s = document.getElementById('concordance-status').textContent;
      return s !== '' && s !== 'Finding occurrences…';
    });
  }

  async function openConcordance(q) {
    await page.goto(daemon.url + '/?q=' + encodeURIComponent(q));
    await page.waitForSelector('#concordance:not([hidden])');
    if (!(await page.$eval('#concordance-details', d => d.open))) await page.click('#concordance-details > summary');
    await shown();
  }

  // The text of the cell left of a line's keyword: the words read before it, on the right in a right-to-left line.
  const leftCell = l => (['ar', 'fa', 'he', 'ur'].includes(l.language) ? l.right : l.left);
  const rows = () => page.$$eval('#concordance-table tr.kwic-line', trs => trs.map(tr =>
    [...tr.querySelectorAll('td')].map(td => td.textContent)));

  test('opening the panel lists every line of /api/concordance, the keyword between its contexts', async () => {
    const api = await concordanceApi({ q: QUERY });
    assert.ok(api.lines.length > 5, 'the sample has occurrences: ' + api.lines.length);
    await openConcordance(QUERY);
    await shot('concordance');
    assert.match(await page.textContent('#concordance-status'), new RegExp('^' + api.lines.length + ' occurrences in '));
    const shownRows = await rows();
    assert.deepEqual(shownRows.map(r => r[1]), api.lines.map(l => l.keyword));
    const ltr = api.lines.findIndex(l => leftCell(l) === l.left);
    assert.deepEqual(shownRows[ltr], [api.lines[ltr].left, api.lines[ltr].keyword, api.lines[ltr].right]);
    // Aligned: every keyword cell starts at the same x, the contexts on either side.
    const boxes = await page.$$eval('#concordance-table tr.kwic-line', trs => trs.map(tr => {
      const [before, key, after] = [...tr.querySelectorAll('td')].map(td => td.getBoundingClientRect());
      return { before: before.right, key: key.left, keyRight: key.right, after: after.left };
    }));
    assert.equal(new Set(boxes.map(b => Math.round(b.key))).size, 1);
    for (const b of boxes) assert.ok(b.before <= b.key + 1 && b.keyRight <= b.after + 1, JSON.stringify(b));
    const link = await page.getAttribute('#concordance-table tr.kwic-line td.kwic-keyword a', 'href');
    assert.equal(link, api.lines[0].permalink);
  });

  test('sorting by the words before and grouping by year follow the API', async () => {
    await openConcordance(QUERY);
    await page.selectOption('#concordance-sort', 'left');
    await page.waitForFunction(() => document.getElementById('concordance-csv').href.includes('sort=left'));
    await shown();
    const left = await concordanceApi({ q: QUERY, sort: 'left' });
    await page.waitForFunction(first => document.querySelector('#concordance-table tr.kwic-line td').textContent === first,
      leftCell(left.lines[0]));
    assert.deepEqual((await rows()).map(r => r[0]), left.lines.map(leftCell));

    await page.selectOption('#concordance-group', 'year');
    await page.waitForSelector('#concordance-table tr.kwic-group');
    await shown();
    const years = await concordanceApi({ q: QUERY, sort: 'left', group: 'year' });
    const headings = await texts('#concordance-table tr.kwic-group th');
    assert.deepEqual(headings, years.groups.map(g => `${g.group || 'unknown'} (${g.lines})`));
    assert.ok(headings.length >= 2, 'several years');
    await shot('concordance-year');
  });

  test('the CSV link downloads the same lines as CSV', async () => {
    await openConcordance(QUERY);
    const href = await page.getAttribute('#concordance-csv', 'href');
    assert.match(href, /^\/api\/concordance\?/);
    assert.match(href, /format=csv/);
    assert.equal(await page.getAttribute('#concordance-csv', 'download'), 'dragoman-concordance.csv');
    const res = await fixtures.getText(daemon.url + href);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    assert.equal(lines[0], 'group,date,speaker,language,left,keyword,right,passage_id,transcript_id');
    const api = await concordanceApi({ q: QUERY });
    assert.equal(lines.length - 1, api.lines.length);
  });

  test('a right-to-left line shows the words before its keyword on the right, each field isolated', async () => {
    const api = await concordanceApi({ q: ARABIC });
    assert.ok(api.lines.length > 0);
    await openConcordance(ARABIC);
    const line = api.lines[0];
    const cells = await page.$$eval('#concordance-table tr.kwic-line:first-of-type td', tds => tds.map(td => ({
      text: td.textContent, dir: td.querySelector('[dir]') && td.querySelector('[dir]').getAttribute('dir'),
      x: td.getBoundingClientRect().left })));
    assert.deepEqual(cells.map(c => c.text), [line.right, line.keyword, line.left]);
    assert.deepEqual(cells.map(c => c.dir), ['auto', 'auto', 'auto']);
    assert.ok(cells[0].x < cells[1].x && cells[1].x < cells[2].x);
    assert.equal(await page.$eval('#concordance-table tr.kwic-line', tr => tr.classList.contains('rtl')), true);
  });

  test('markup in a transcript is shown as text; a refused query shows its message', async () => {
    await openConcordance('tribunal');
    const all = (await rows()).flat().join(' ');
    assert.ok(all.includes('<script>alert(1)</script>') || all.includes('<b>adjourned</b>'), all);
    assert.equal(await page.$$eval('#concordance script, #concordance img, #concordance b, #concordance i', e => e.length), 0);
    assert.deepEqual(dialogs, []);

    await openConcordance('sanctions OR');
    assert.ok(await page.$eval('#concordance-status', s => s.classList.contains('error')));
    assert.match(await page.textContent('#concordance-status'), /OR/);
    assert.equal((await rows()).length, 0);
    assert.deepEqual(pageErrors, [], 'no script or CSP errors on the page');
  });
});
