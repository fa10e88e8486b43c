// Browser tests of right-to-left text from transcripts: every field (title, speakers,
// country, source, snippet, facet value, filter chip, transcript view, versions, trend)
// is its own bidirectional isolate, so an Arabic or Hebrew name cannot reorder the page's
// own text beside it (the ": " after a speaker, the next name of a list, a separator).
'use strict';
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const fixtures = require('./daemon.js');

const ARABIC = 'عبد الله الخطيب';
const HEBREW = 'דוד לוי';
const TITLE = '\u202Eeltit desrever\u202C مؤتمر صحفي bidimarker';
const SOURCE = 'وزارة الخارجية';

function record(id, language, extra) {
  return {
    id, source: SOURCE, language, date: '2019-04-02', country: 'ISR', title: TITLE, speakers: [ARABIC, HEBREW, 'Anna Berg'],
    turns: [{ speaker: ARABIC, text: 'The bidimarker talks went on until the evening in the capital.' },
      { speaker: HEBREW, text: 'We agreed on the bidimarker corridor and on the next round.' }],
    ...extra,
  };
}

/// For each text node under `scope` that contains `text`: the text of its nearest bidi
/// isolate (an element with a dir attribute, or a bdi), or null when it has none.
function isolatesOf(page, scope, text) {
  return page.$$eval(scope, (roots, text) => {
    const out = [];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.data.includes(text)) continue;
        let e = n.parentElement;
        while (e && !(e.hasAttribute('dir') || e.tagName === 'BDI')) e = e.parentElement;
        out.push(e ? e.textContent : null);
      }
    }
    return out;
  }, text);
}

/// Asserts that `text` appears under `scope` and that each time its isolate holds `text`
/// alone (`whole`: the field's full value as shown, when `text` is a part of it).
async function assertIsolated(page, scope, text, whole = text) {
  const found = await isolatesOf(page, scope, text);
  assert.ok(found.length > 0, `${JSON.stringify(text)} is shown in ${scope}`);
  for (const isolate of found)
    assert.equal(isolate, whole, `${JSON.stringify(text)} in ${scope} is an isolate of its own`);
}

describe('right-to-left fields in a real browser', () => {
  const suite = fixtures.pageSuite({
    makeIndex() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dragoman-bidi-'));
      const src = path.join(dir, 'bidi.jsonl');
      fs.writeFileSync(src, [record('bidi:en', 'en', {}),
        record('bidi:fr', 'fr', { turns: [{ speaker: ARABIC, text: 'Les pourparlers bidimarker ont duré.' }] })]
        .map(r => JSON.stringify({ ...r, group: 'bidi-2019' })).join('\n') + '\n');
      const db = path.join(dir, 'db');
      const p = spawnSync(fixtures.binary('dragoman-index'), ['--db', db, src], { encoding: 'utf8' });
      assert.equal(p.status, 0, p.stderr);
      return { dir, db };
    },
  });
  const { dialogs, pageErrors, shot } = suite;
  let daemon;
  let page;
  let shownTitle;
  before(async () => {
    ({ daemon, page } = suite);
    // The API strips direction controls (render::sanitize): the title as served.
    shownTitle = (await suite.api({ q: 'bidimarker' })).results[0].title;
  });
  after(() => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  });

  test('a result: title, each speaker, source and the snippet speaker are isolates of their own', async () => {
    await page.goto(daemon.url + '/?q=bidimarker&lang=en');
    await page.waitForSelector('#results li.result');
    await shot('bidi-results');
    assert.ok(!shownTitle.includes('\u202E'), 'the API strips the override');
    await assertIsolated(page, '#results .result-title', shownTitle);
    await assertIsolated(page, '#results .meta', ARABIC);
    await assertIsolated(page, '#results .meta', HEBREW);
    await assertIsolated(page, '#results .meta', SOURCE);
    await assertIsolated(page, '#results .meta', 'ISR');
    // The snippet's speaker is set apart from the colon and from what they said.
    await assertIsolated(page, '#results .snippet .said', ARABIC);
    const said = await isolatesOf(page, '#results .snippet .said', 'talks went on');
    assert.ok(said.length > 0 && said.every(t => t !== null && !t.includes(ARABIC)), JSON.stringify(said));
  });

  test('facet values and the filter chip they make are isolates', async () => {
    await page.goto(daemon.url + '/?q=bidimarker');
    await page.waitForSelector('#facets .facet-value');
    await assertIsolated(page, '#facets', ARABIC);
    await assertIsolated(page, '#facets', SOURCE);
    await page.click(`#facets .facet-value[data-value="${HEBREW}"]`);
    await page.waitForSelector('#active-filters .chip');
    await assertIsolated(page, '#active-filters', HEBREW);
  });

  test('the transcript view isolates its title, speakers, source and each turn\'s speaker', async () => {
    await page.goto(daemon.url + '/?doc=' + encodeURIComponent('bidi:en'));
    await page.waitForSelector('#doc-body .turn');
    await shot('bidi-transcript');
    await assertIsolated(page, '#doc-title', shownTitle);
    await assertIsolated(page, '#doc-meta', ARABIC);
    await assertIsolated(page, '#doc-meta', HEBREW);
    await assertIsolated(page, '#doc-meta', SOURCE);
    await assertIsolated(page, '#doc-body .turn', HEBREW);
  });

  test('two versions side by side isolate the titles and the speakers from their text', async () => {
    await page.goto(daemon.url + '/?doc=' + encodeURIComponent('bidi:en') + '&compare=' + encodeURIComponent('bidi:fr'));
    await page.waitForSelector('#compare-view table');
    await assertIsolated(page, '#compare-view thead', shownTitle);
    await assertIsolated(page, '#compare-view tbody', ARABIC);
  });

  test('the trend\'s lines by speaker are isolates in its legend', async () => {
    await page.goto(daemon.url + '/?q=bidimarker');
    await page.waitForSelector('#trend:not([hidden])');
    if (!(await page.$eval('#trend-details', d => d.open))) await page.click('#trend-details > summary');
    await page.selectOption('#trend-split', 'speaker');
    await page.waitForFunction(t => [...document.querySelectorAll('#trend-legend li')].some(li => li.textContent.includes(t)), HEBREW);
    await assertIsolated(page, '#trend-legend', HEBREW);
  });
});
