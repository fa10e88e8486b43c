// Browser tests of the key words panel: its two columns against /api/keyness, "compared
// with", the CSV link, a word's link searching it within the search, right-to-left words,
// and a hostile record and query shown as text.
'use strict';
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fixtures = require('./daemon.js');

// An envoy whose turns repeat an Arabic word and markup, against the sample's other speakers.
const ENVOY = '<img src=x onerror=alert(8)>Envoy';
const ARABIC = 'السلام';
const envoyTurn = i => `${ARABIC} embargo <script>alert(${i})</script> pipelines ${ARABIC} embargo pipelines.`;
const ENVOY_RECORD = {
  id: 'test:keyness-envoy', source: 'test', language: 'en', date: '2022-02-02',
  title: 'Envoy <b>briefing</b>', speakers: [ENVOY], country: 'XSS', url: '',
  turns: Array.from({ length: 6 }, (_, i) => ({ speaker: ENVOY, text: envoyTurn(i) })),
};
const SLICE = 'speaker:envoy';
const HOSTILE_QUERY = '<img src=x onerror=alert(9)> "</q><script>alert(10)</script>';

describe('the key words panel in a real browser', () => {
  const suite = fixtures.pageSuite({ makeIndex: () => fixtures.buildIndex([ENVOY_RECORD]), ignoreConsole: fixtures.statusError(400) });
  const { dialogs, pageErrors, shot, texts } = suite;
  let daemon;
  let page;
  before(() => { ({ daemon, page } = suite); });
  after(() => {
    assert.deepEqual(dialogs, [], 'no script of a record or a query ran');
    assert.deepEqual(pageErrors, []);
  });
  const keynessApi = async params => {
    const r = await fixtures.getJson(daemon.url + '/api/keyness?' + new URLSearchParams(params));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };

  async function counted() {
    await page.waitForFunction(() => {
      const s = document.getElementById('keyness-status').textContent;
      return s !== '' && s !== 'Counting words…';
    });
  }

  async function openKeyness(q) {
    await page.goto(daemon.url + '/?q=' + encodeURIComponent(q));
    await page.waitForSelector('#keyness:not([hidden])');
    if (!(await page.$eval('#keyness-details', d => d.open))) await page.click('#keyness-details > summary');
    await counted();
  }

  /// The rows of one column as shown: [word, count, other count, G²].
  const rows = id => page.$$eval(`#${id} tbody tr`, trs => trs.map(tr => [...tr.children].map(c => c.textContent)));
  const shown = words => (words.length ? words.map(w => [w.word, w.count.toLocaleString('en'), w.other_count.toLocaleString('en'),
    w.log_likelihood.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })]) : [['No word stands out.']]);

  test('both columns are the words of /api/keyness, with their counts and G²', async () => {
    const api = await keynessApi({ q: SLICE });
    assert.ok(api.slice_words.length >= 2, 'the envoy has key words: ' + JSON.stringify(api.slice_words));
    await openKeyness(SLICE);
    await shot('keyness');
    assert.deepEqual(await rows('keyness-here'), shown(api.slice_words));
    assert.deepEqual(await rows('keyness-there'), shown(api.versus_words));
    assert.match(await page.textContent('#keyness-status'),
      new RegExp(`^This search: ${api.slice.passages} passages; the rest of the index: ${api.versus.passages.toLocaleString('en')} passages`));
    assert.match(await page.textContent('#keyness-there caption'), /the rest of the index/);
  });

  test('a right-to-left word is an isolate of its own, and every word is text', async () => {
    await openKeyness(SLICE);
    const words = await page.$$eval('#keyness-here .keyness-word', as => as.map(a => ({
      text: a.textContent, dir: a.getAttribute('dir'), children: a.children.length,
      direction: getComputedStyle(a).direction })));
    const arabic = words.find(w => w.text === ARABIC);
    assert.ok(arabic, 'the Arabic word is listed: ' + JSON.stringify(words));
    assert.equal(arabic.direction, 'rtl', 'dir="auto" takes its direction from the word');
    for (const w of words) {
      assert.equal(w.dir, 'auto', w.text);
      assert.equal(w.children, 0, 'a word is a text node: ' + w.text);
    }
    assert.ok(words.some(w => w.text === 'script'), 'the markup of the record was counted as words');
    assert.equal(await page.$$eval('#keyness img, #keyness script, #keyness b', els => els.length), 0);
  });

  test('"compared with" a query compares the search with it; the CSV link follows', async () => {
    await openKeyness('lang:ru');
    await page.fill('#keyness-versus', 'lang:en');
    await page.press('#keyness-versus', 'Enter');
    await page.waitForFunction(() => document.querySelector('#keyness-there caption q') !== null);
    await counted();
    const api = await keynessApi({ q: 'lang:ru', versus: 'lang:en' });
    assert.ok(api.slice_words.length >= 2 && api.versus_words.length >= 2, 'words on both sides');
    await shot('keyness-versus');
    assert.deepEqual(await rows('keyness-here'), shown(api.slice_words));
    assert.deepEqual(await rows('keyness-there'), shown(api.versus_words));
    assert.equal(await page.textContent('#keyness-here caption q'), 'lang:ru');
    assert.equal(await page.textContent('#keyness-there caption q'), 'lang:en');
    const href = await page.getAttribute('#keyness-csv', 'href');
    assert.equal(href, '/api/keyness?' + new URLSearchParams({ q: 'lang:ru', versus: 'lang:en', format: 'csv' }));
    assert.equal(await page.getAttribute('#keyness-csv', 'download'), 'dragoman-keyness.csv');
    const res = await fixtures.getText(daemon.url + href);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    assert.equal(lines[0], 'side,word,count,other_count,per_million,other_per_million,log_likelihood,log_ratio');
    assert.deepEqual(lines.slice(1).map(l => l.split(',').slice(0, 3).join(',')),
      [...api.slice_words.map(w => `slice,${w.word},${w.count}`), ...api.versus_words.map(w => `versus,${w.word},${w.count}`)]);
  });

  test('a word links to a search for it within the search', async () => {
    await openKeyness(SLICE);
    const word = (await texts('#keyness-here .keyness-word'))[0];
    await Promise.all([page.waitForURL(u => new URL(u).searchParams.get('q') === `${SLICE} ${word}`),
      page.click('#keyness-here .keyness-word')]);
    await page.waitForSelector('#results li');
    assert.equal(await page.inputValue('#q'), `${SLICE} ${word}`);
    const api = await suite.api({ q: `${SLICE} ${word}` });
    assert.ok(api.total >= 1);
    assert.deepEqual(await page.$$eval('#results > li', lis => lis.length), api.results.length);
    assert.ok((await texts('#results .result-title')).some(t => t.includes('Envoy')), 'the envoy\'s briefing is found');
  });

  test('a hostile query stays text in the caption; a refused one is said', async () => {
    await openKeyness(SLICE);
    await page.fill('#keyness-versus', HOSTILE_QUERY);
    await page.press('#keyness-versus', 'Enter');
    await page.waitForFunction(q => {
      const c = document.querySelector('#keyness-there caption q');
      return c && c.textContent === q;
    }, HOSTILE_QUERY);
    await counted();
    assert.equal(await page.$$eval('#keyness img, #keyness script', els => els.length), 0);
    await page.fill('#keyness-versus', '(unclosed');
    await page.press('#keyness-versus', 'Enter');
    await page.waitForFunction(() => document.getElementById('keyness-status').classList.contains('error'));
    const refused = await fixtures.getJson(daemon.url + '/api/keyness?' + new URLSearchParams({ q: SLICE, versus: '(unclosed' }));
    assert.equal(refused.status, 400);
    assert.equal(await page.textContent('#keyness-status'), refused.body.error.message);
    assert.equal(await page.$$eval('#keyness-columns table', ts => ts.length), 0);
  });
});
