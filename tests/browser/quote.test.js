// Browser tests of the "Trace a quote" panel: a quote pasted in lists every passage of
// /api/quote oldest first, the first use marked and the span that says it highlighted, a
// transcript's markup shown as text, and an error said in the status line.
'use strict';
const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const fixtures = require('./daemon.js');

const QUOTE = 'The settlement of this conflict must rest on the principles of international law and the ' +
  'resolutions of the Security Council.';
const record = (id, date, speaker, text) => ({
  id, source: 'test', language: 'en', date, title: 'Briefing ' + id, speakers: [speaker], country: '', url: '',
  turns: [{ speaker, text }],
});
const RECORDS = [
  record('qt:later', '2019-05-01', 'Second <b>Speaker</b>', 'As we said before, ' + QUOTE.toUpperCase()),
  record('qt:first', '2011-02-03', 'First Speaker', QUOTE),
  record('qt:changed', '2021-07-08', 'Third Speaker',
    'The settlement of this long conflict must rest on the principles of international law and the ' +
    'resolutions of the Security Council, nothing else.'),
];

describe('the quote panel in a real browser', () => {
  const suite = fixtures.pageSuite({ makeIndex: () => fixtures.buildIndex(RECORDS), ignoreConsole: fixtures.statusError(400) });
  const { pageErrors, shot } = suite;
  let daemon;
  let page;
  before(() => { ({ daemon, page } = suite); });

  async function trace(q) {
    await page.goto(daemon.url + '/');
    if (!(await page.$eval('#quote-details', d => d.open))) await page.click('#quote-details > summary');
    await page.fill('#quote-input', q);
    await page.click('#quote-trace');
    await page.waitForFunction(() => {
      const s = document.getElementById('quote-status').textContent;
      return s !== '' && s !== 'Tracing…';
    });
  }

  test('a quote lists its passages oldest first, the first use marked, the span highlighted', async () => {
    const api = (await fixtures.getJson(daemon.url + '/api/quote?' + new URLSearchParams({ q: QUOTE }))).body;
    assert.deepEqual(api.matches.map(m => m.transcript_id), ['qt:first', 'qt:later', 'qt:changed']);
    await trace(QUOTE);
    await shot('quote');
    assert.equal(await page.textContent('#quote-status'), '3 passages say it.');
    const items = await page.$$eval('#quote-matches li', lis => lis.map(li => ({
      first: li.classList.contains('quote-first'),
      date: li.querySelector('.quote-date').textContent,
      speaker: li.querySelector('.quote-speaker').textContent,
      mark: li.querySelector('mark').textContent,
      link: li.querySelector('a').getAttribute('href'),
      bold: li.querySelectorAll('b').length,
    })));
    assert.deepEqual(items.map(i => i.first), [true, false, false]);
    assert.deepEqual(items.map(i => i.date), api.matches.map(m => m.date));
    assert.deepEqual(items.map(i => i.mark), api.matches.map(m => m.match));
    assert.deepEqual(items.map(i => i.link), api.matches.map(m => m.permalink));
    assert.equal(items[1].speaker, 'Second <b>Speaker</b>');  // markup shown as text
    assert.ok(items.every(i => i.bold === 0));
    assert.equal(await page.textContent('#quote-matches li .quote-first-mark'), 'First use');
  });

  test('a quote too short is said in the status line', async () => {
    await trace('too short');
    assert.match(await page.textContent('#quote-status'), /at least 4 words/);
    assert.equal(await page.$$eval('#quote-matches li', lis => lis.length), 0);
  });

  test('no page errors', () => { assert.deepEqual(pageErrors, []); });
});
