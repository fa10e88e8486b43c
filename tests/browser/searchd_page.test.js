// Browser tests of dragoman-searchd's web page: the real daemon over an index of
// corpus/sample, driven in headless Debian Chromium through playwright-core.
'use strict';
const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const fixtures = require('./daemon.js');

const QUERY = 'Aliyev';            // 16 transcripts of corpus/sample in five languages and scripts, 13 results
const HIT_QUERY = 'cooperation';   // transcripts with several hits in their text

describe('the search page in a real browser', () => {
  // The bad query test causes a 400 on purpose.
  const suite = fixtures.pageSuite({ ignoreConsole: fixtures.statusError(400) });
  const { dialogs, pageErrors, shot, texts, api } = suite;
  let daemon;
  let page;
  before(() => { ({ daemon, page } = suite); });

  async function settled() {
    await page.waitForFunction(() => {
      const r = document.getElementById('results');
      const docStatus = document.getElementById('doc-status');
      return !r.hasAttribute('aria-busy') && document.getElementById('status').textContent !== 'Searching…' &&
        !/^Loading/.test(docStatus.textContent);
    });
  }

  async function search(q, extra = '') {
    await page.goto(daemon.url + '/?q=' + encodeURIComponent(q) + extra);
    await page.waitForSelector('#results li.result, .notice');
    await settled();
  }

  // The first result on the page whose text (not only its speaker or title) has several hits.
  async function resultWithHits() {
    const results = (await api({ q: HIT_QUERY, snippets: '0', facets: '0' })).results;
    for (let i = 0; i < results.length; ++i) {
      const doc = (await fixtures.getJson(daemon.url + '/api/doc/' + encodeURIComponent(results[i].id) + '?q=' + HIT_QUERY)).body;
      if (doc.hits >= 3) return { index: i, doc };
    }
    throw new Error('no result of ' + HIT_QUERY + ' has three hits in its text');
  }


  test('typing a query and pressing Enter shows highlighted results and puts the query in the URL', async () => {
    await page.goto(daemon.url + '/');
    assert.ok(await page.isVisible('#intro'), 'the empty page introduces the search');
    await page.fill('#q', QUERY);
    await page.press('#q', 'Enter');
    await page.waitForSelector('#results li.result');
    await settled();
    const expected = await api({ q: QUERY, snippets: '0' });
    // 16 transcripts (one says Алиевым, a Russian case form); two groups of language versions
    // (3 and 2 transcripts) are one result each.
    assert.equal((await api({ q: QUERY, limit: '100', snippets: '0', facets: '0' })).results.length, 13);
    assert.equal(await page.locator('#results li.result').count(), 10);
    assert.ok(await page.locator('#results mark').count() >= 10, 'matches are marked');
    const marked = await texts('#results mark');
    assert.ok(marked.some(t => /aliyev|əliyev|алиев/i.test(t)), 'the name itself is marked: ' + marked.slice(0, 5));
    const about = expected.total_exact ? '' : 'about ';
    assert.ok((await page.textContent('#status')).startsWith(`${about}${expected.total} transcripts`));
    assert.equal(new URL(page.url()).searchParams.get('q'), QUERY);
    const speakers = await texts('#results .snippet .said .speaker');
    assert.ok(speakers.length > 0 && speakers.every(s => s.endsWith(': ')), 'snippets name their speaker');
    const titles = await texts('#results .result-title');
    assert.deepEqual(titles, expected.results.slice(0, 10).map(r => r.title || r.id));
    await shot('results-desktop');
  });

  test('the timeline has one bar per year of the year facet, tallest where the count is highest', async () => {
    await search(QUERY);
    const years = (await api({ q: QUERY, snippets: '0' })).facets.year;
    const bars = await page.$$eval('#timeline rect.bar', rs => rs.map(r => ({
      year: r.getAttribute('data-year'), count: Number(r.getAttribute('data-count')), height: Number(r.getAttribute('height')),
      label: r.getAttribute('aria-label'),
    })));
    assert.deepEqual(bars.map(b => b.year).sort(), Object.keys(years).sort());
    for (const b of bars) assert.equal(b.count, years[b.year], 'bar ' + b.year);
    const max = Math.max(...bars.map(b => b.count));
    const tallest = Math.max(...bars.map(b => b.height));
    for (const b of bars) assert.equal(b.height === tallest, b.count === max, 'height follows the count for ' + b.year);
    assert.ok(bars.every(b => /\d{4}: \d+ transcripts?$/.test(b.label)), 'bars are labelled for screen readers');

    // Selecting a year narrows the results to it.
    const year = bars.find(b => b.count === max).year;
    await page.click(`#timeline rect.bar[data-year="${year}"]`);
    await settled();
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('from'), year);
    assert.equal(url.searchParams.get('to'), year);
    const dates = await page.$$eval('#results time', ts => ts.map(t => t.getAttribute('datetime')));
    assert.equal(dates.length, max);
    assert.ok(dates.every(d => d.startsWith(year)), dates.join());
  });

  test('clicking a facet value narrows the results and the chip removes the filter', async () => {
    await search(QUERY);
    const facet = (await api({ q: QUERY, snippets: '0' })).facets.language;
    assert.equal(facet.az, 5);
    const before = await page.locator('#results li.result').count();
    await page.click('#facets button.facet-value[data-facet="language"][data-value="az"]');
    await settled();
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'az');
    assert.equal(await page.locator('#results li.result').count(), 5);
    assert.ok(5 < before);
    assert.match(await page.textContent('#status'), /^(about )?5 transcripts/);
    const langs = await texts('#results .meta .lang');
    assert.ok(langs.length === 5 && langs.every(l => l === 'Azerbaijani'), langs.join());
    assert.equal(await page.getAttribute('#facets button.facet-value[data-value="az"]', 'aria-pressed'), 'true');
    await shot('facet-language-az');

    await page.click('#active-filters button.chip');
    await settled();
    assert.equal(new URL(page.url()).searchParams.get('lang'), null);
    assert.equal(await page.locator('#results li.result').count(), before);
  });

  test('pagination moves to the next page and the browser back button returns', async () => {
    await search(QUERY);
    const first = await texts('#results .result-title');
    const bars = await page.locator('#timeline rect.bar').count();
    const asked = [];
    const onRequest = r => { if (r.url().includes('/api/search?')) asked.push(new URL(r.url()).searchParams); };
    page.on('request', onRequest);
    await page.click('#pager a[rel="next"]');
    await settled();
    page.off('request', onRequest);
    assert.equal(new URL(page.url()).searchParams.get('page'), '2');
    assert.equal(asked.length, 1);
    assert.equal(asked[0].get('offset'), '10');
    assert.equal(asked[0].get('facets'), '0', 'the facets of page 1 are reused, not asked for again');
    assert.equal(await page.locator('#timeline rect.bar').count(), bars, 'the timeline stays');
    assert.ok(await page.locator('#facets button.facet-value').count() > 0, 'the facets stay');
    const second = await texts('#results .result-title');
    assert.equal(second.length, 3, '13 results: page 2 shows the last 3');
    assert.ok(second.every(t => !first.includes(t)), 'page 2 shows other transcripts');
    assert.equal(await page.textContent('#pager [aria-current="page"]'), '2');
    assert.equal(await page.locator('#pager a[rel="next"]').count(), 0, 'no next page after the last');
    await shot('page-2');
    await page.goBack();
    await settled();
    assert.equal(new URL(page.url()).searchParams.get('page'), null);
    assert.deepEqual(await texts('#results .result-title'), first);
  });

  test('sorting by date orders the results newest first', async () => {
    await search(QUERY);
    await page.selectOption('#sort', 'date');
    await settled();
    assert.equal(new URL(page.url()).searchParams.get('sort'), 'date');
    const dates = await page.$$eval('#results time', ts => ts.map(t => t.getAttribute('datetime')));
    assert.deepEqual(dates, [...dates].sort().reverse());
  });

  test('the date filters restrict the results to the range', async () => {
    await search(QUERY);
    await page.fill('#f-from', '2018');
    await page.fill('#f-to', '2020');
    await page.click('#filters button[type="submit"]');
    await settled();
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('from'), '2018');
    assert.equal(url.searchParams.get('to'), '2020');
    const dates = await page.$$eval('#results time', ts => ts.map(t => t.getAttribute('datetime')));
    assert.ok(dates.length > 0);
    assert.ok(dates.every(d => d >= '2018' && d < '2021'), dates.join());
    await page.fill('#f-from', '20x9');
    await page.click('#filters button[type="submit"]');
    assert.ok(await page.isVisible('#filter-error'), 'a malformed date is explained, not sent');
  });

  test('a transcript opens with its hits marked, and n / p and the buttons jump between hits', async () => {
    await search(HIT_QUERY);
    const listed = await page.locator('#results li.result').count();
    const { index: n, doc } = await resultWithHits();
    await page.locator('#results li.result .result-title a').nth(n).click();
    await page.waitForSelector('#doc-body .turn');
    await settled();
    assert.equal(new URL(page.url()).searchParams.get('doc'), doc.id);
    const hits = await page.locator('#doc-body mark').count();
    assert.equal(hits, doc.hits, 'every hit the daemon counted is marked');
    assert.equal(await page.textContent('#doc-title'), doc.title);
    assert.equal(await page.locator('#doc-body .turn .passage').count(), doc.passages.length, 'the whole text is shown');
    const speakers = await texts('#doc-body .turn > .speaker');
    assert.ok(speakers.length > 0, 'speakers are set apart');

    const currentIndex = () => page.$$eval('#doc-body mark', ms => ms.findIndex(m => m.classList.contains('current')));
    await page.keyboard.press('n');
    assert.equal(await currentIndex(), 0);
    assert.equal(await page.textContent('#hit-position'), `Hit 1 of ${hits}`);
    await page.keyboard.press('n');
    assert.equal(await currentIndex(), 1);
    assert.ok(await page.locator('#doc-body mark.current').isVisible());
    const inView = await page.$eval('#doc-body mark.current', m => {
      const r = m.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    assert.ok(inView, 'the current hit is scrolled into view');
    await page.click('#prev-hit');
    assert.equal(await currentIndex(), 0);
    await page.keyboard.press('p');
    assert.equal(await currentIndex(), hits - 1, 'previous from the first wraps to the last');
    await shot('transcript-hit');

    const original = await page.$$eval('#doc-links a', as => as.map(a => a.href));
    if (doc.url) assert.deepEqual(original, [doc.url]);
    else assert.deepEqual(original, []);

    await page.keyboard.press('Escape');
    await page.waitForSelector('#view-results:not([hidden])');
    await settled();
    assert.equal(new URL(page.url()).searchParams.get('doc'), null);
    assert.equal(await page.locator('#results li.result').count(), listed, 'the same results as before');
  });

  test('"in context" opens the transcript at that passage with its hit current', async () => {
    await search(QUERY);
    const link = page.locator('#results .said:has(mark) a.context').first();
    const href = await link.getAttribute('href');
    const passage = /#passage-(\d+)$/.exec(href)[1];
    await link.click();
    await page.waitForSelector('#doc-body .turn');
    await settled();
    const inPassage = await page.$eval('#doc-body mark.current', m => m.closest('.passage').id);
    assert.equal(inPassage, 'passage-' + passage);
  });

  test('a shared URL restores the whole state: query, filter, sort and page', async () => {
    await search(QUERY, '&lang=az&sort=date-asc');
    assert.equal(await page.inputValue('#q'), QUERY);
    assert.equal(await page.inputValue('#f-lang'), 'az');
    assert.equal(await page.inputValue('#sort'), 'date-asc');
    const dates = await page.$$eval('#results time', ts => ts.map(t => t.getAttribute('datetime')));
    assert.equal(dates.length, 5);
    assert.deepEqual(dates, [...dates].sort());
  });

  test('a misspelt query offers the spelling the index knows, and following it finds transcripts', async () => {
    const misspelt = 'cooperatoin';
    const suggestion = (await api({ q: misspelt, facets: '0', snippets: '0' })).suggestion;
    assert.ok(suggestion, 'the daemon suggests a spelling for ' + misspelt);
    await search(misspelt);
    assert.equal(await page.textContent('#notices .suggest'), `Did you mean ${suggestion}?`);
    await shot('did-you-mean');
    await page.click('#notices .suggest a');
    await page.waitForSelector('#results li.result');
    await settled();
    assert.equal(new URL(page.url()).searchParams.get('q'), suggestion);
    assert.equal(await page.inputValue('#q'), suggestion);
    assert.ok(await page.locator('#results mark').count() > 0);
  });

  test('"did you mean" and the relaxed notice are shown from the response', async () => {
    // The page's rendering of a suggestion is checked with a response whose suggestion is
    // set here, markup included: it must stay text.
    await page.route('**/api/search?*', async route => {
      const response = await route.fetch();
      const body = await response.json();
      body.suggestion = 'cooperation <img src=x onerror=alert(9)>';
      await route.fulfill({ response, json: body });
    });
    try {
      await search('coperation');
      assert.equal(await page.textContent('#notices .suggest'), 'Did you mean cooperation <img src=x onerror=alert(9)>?');
      assert.equal(await page.locator('#notices img').count(), 0);
    } finally {
      await page.unroute('**/api/search?*');
    }
    await search(QUERY + ' zzzqqqxx');
    assert.ok(await page.isVisible('#notices .relaxed'), 'relaxed results are announced');
    await search('(unbalanced');
    assert.match(await page.textContent('#notices .error'), /\(/);
    assert.equal(await page.getAttribute('#notices .error', 'role'), 'alert');
  });

  test('a query with <script> and a transcript full of markup render as text', async () => {
    const q = 'tribunal <script>alert(1)</script>';
    await search(q);
    assert.equal(await page.inputValue('#q'), q);
    const title = await page.textContent('#results .result-title');
    assert.equal(title, fixtures.MARKUP_RECORD.title);
    const noInjected = () => page.evaluate(() => ({
      // Scripts other than the page's own files under /static/ (inline ones have no src).
      scripts: [...document.scripts].map(s => s.getAttribute('src')).filter(src => !/^\/static\/[\w-]+\.js$/.test(src || '')),
      imgs: document.querySelectorAll('img').length,
      bold: document.querySelectorAll('#main b').length,
      italics: document.querySelectorAll('#results i, #view-doc i, #facets i').length,
      jsLinks: [...document.querySelectorAll('a')].filter(a => a.href.startsWith('javascript:')).length,
    }));
    assert.deepEqual(await noInjected(), { scripts: [], imgs: 0, bold: 0, italics: 0, jsLinks: 0 });
    assert.ok((await page.textContent('#results')).includes('<script>alert(1)</script>'), 'the markup is visible as text');
    await shot('markup-results');
    await page.click('#results .result-title a');
    await page.waitForSelector('#doc-body .turn');
    await settled();
    assert.equal(await page.textContent('#doc-title'), fixtures.MARKUP_RECORD.title);
    assert.ok((await page.textContent('#doc-body')).includes('<b>adjourned</b>'));
    assert.deepEqual(await noInjected(), { scripts: [], imgs: 0, bold: 0, italics: 0, jsLinks: 0 });
    assert.equal(await page.locator('#doc-links a').count(), 0, 'a javascript: URL is not made a link');
    await shot('markup-transcript');
    assert.deepEqual(dialogs, [], 'no dialog ever opened');
  });

  test('at phone width nothing overflows sideways and the filters fold away', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    try {
      await search(HIT_QUERY);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, 'page is ' + overflow + 'px wider than the screen');
      assert.equal(await page.getAttribute('#refine', 'open'), null, 'filters start folded on a phone');
      assert.ok(await page.isVisible('#search button[type="submit"]'));
      const box = await page.locator('#search button[type="submit"]').boundingBox();
      assert.ok(box.x + box.width <= 375, 'the search button is on screen');
      await shot('results-phone');
      const { index: n } = await resultWithHits();
      await page.locator('#results li.result .result-title a').nth(n).click();
      await page.waitForSelector('#doc-body .turn');
      await settled();
      await page.click('#next-hit');
      const docOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(docOverflow <= 0, 'transcript is ' + docOverflow + 'px wider than the screen');
      await shot('transcript-phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('the page is usable from the keyboard: / focuses the search box, controls are labelled', async () => {
    await search(QUERY);
    await page.click('body', { position: { x: 5, y: 600 } });
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select')]
      .filter(e => !e.labels || e.labels.length === 0).map(e => e.id));
    assert.deepEqual(unlabelled, []);
    // The timeline's bars are one tab stop, moved with the arrow keys.
    assert.equal(await page.locator('#timeline rect.bar[tabindex="0"]').count(), 1);
    await page.focus('#timeline rect.bar[tabindex="0"]');
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement.getAttribute('data-year'));
    const secondYear = await page.$$eval('#timeline rect.bar', rs => rs[1].getAttribute('data-year'));
    assert.equal(focused, secondYear);
    assert.deepEqual(pageErrors, [], 'no script errors on the page');
  });
});
