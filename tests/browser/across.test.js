// Browser tests of cross-lingual search on the page: the toggle asks for across=1, the
// translations added show as chips per language, and removing one searches again without it.
'use strict';
const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const fixtures = require('./daemon.js');

// Words of the sample's language versions; the first whose translations the lexicon has.
const CANDIDATES = ['cooperation', 'security', 'development', 'peace', 'rights', 'council'];

describe('cross-lingual search in a real browser', () => {
  const suite = fixtures.pageSuite({});
  const { pageErrors } = suite;
  let daemon;
  let page;
  before(() => { ({ daemon, page } = suite); });
  const searchApi = async params => (await fixtures.getJson(daemon.url + '/api/search?' + new URLSearchParams(params))).body;

  async function translatedWord() {
    for (const q of CANDIDATES) {
      const body = await searchApi({ q, across: '1' });
      if (body.added.length > 0) return { q, body };
    }
    throw new Error('the sample index has no translations for ' + CANDIDATES.join(', '));
  }

  test('the toggle searches across languages and shows the added words as chips per language', async () => {
    const { q, body } = await translatedWord();
    await page.goto(daemon.url + '/?q=' + encodeURIComponent(q));
    await page.waitForSelector('#toolbar:not([hidden])');
    assert.equal(await page.$eval('#across', c => c.checked), false);
    assert.equal(await page.$$eval('.notice.across .across-word', b => b.length), 0);
    await page.check('#across');
    await page.waitForSelector('.notice.across .across-word');
    assert.match(page.url(), /[?&]across=1/);
    const chips = await page.$$eval('.notice.across .across-word', bs => bs.map(b => b.dataset.drop));
    assert.deepEqual(chips.sort(), body.added.map(a => a.language + ':' + a.form).sort());
    const languages = await page.$$eval('.notice.across .across-language', ss => ss.map(s => s.lang));
    assert.deepEqual(languages.sort(), [...new Set(body.added.map(a => a.language))].sort());
    assert.deepEqual(pageErrors, []);
  });

  test('removing a chip searches again without that translation', async () => {
    const { q, body } = await translatedWord();
    await page.goto(daemon.url + '/?across=1&q=' + encodeURIComponent(q));
    await page.waitForSelector('.notice.across .across-word');
    const first = body.added[0].language + ':' + body.added[0].form;
    await page.click('.notice.across .across-word[data-drop="' + first.replace(/"/g, '\\"') + '"]');
    await page.waitForFunction(d => new URLSearchParams(location.search).get('drop') === d, first);
    await page.waitForFunction(d => ![...document.querySelectorAll('.notice.across .across-word')]
      .some(b => b.dataset.drop === d), first);
    const again = await searchApi({ q, across: '1', drop: first });
    assert.ok(!again.added.some(a => a.language + ':' + a.form === first));
    assert.deepEqual(pageErrors, []);
  });
});
