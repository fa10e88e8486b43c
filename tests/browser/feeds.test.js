// Browser tests of a search's feed and exports on the page: "Follow this search" and the
// Export menu link the feed and the exports of the query and filters shown, the head
// announces the feed, and the links follow the search as it changes.
'use strict';
const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const fixtures = require('./daemon.js');

describe('the feed and exports of a search in a real browser', () => {
  const suite = fixtures.pageSuite();
  const { dialogs, pageErrors, shot } = suite;
  let daemon;
  let page;
  before(() => { ({ daemon, page } = suite); });

  async function search(params) {
    await page.goto(daemon.url + '/?' + new URLSearchParams(params));
    await page.waitForSelector('#results li.result');
  }

  const query = href => Object.fromEntries(new URL(href, daemon.url).searchParams);

  test('Follow this search links the feed of the query and filters, and the head announces it', async () => {
    await search({ q: 'cooperation', lang: 'en', from: '2015', sort: 'date' });
    const follow = page.locator('#follow');
    assert.ok(await follow.isVisible());
    const href = await follow.getAttribute('href');
    assert.ok(href.startsWith('/feed?'), href);
    // The search's query and filters; the page's sort and page number are no part of it.
    assert.deepEqual(query(href), { q: 'cooperation', lang: 'en', from: '2015' });
    assert.equal(await page.getAttribute('head link[rel="alternate"][type="application/atom+xml"]', 'href'), href);
    const feed = await fixtures.getText(daemon.url + href);
    assert.equal(feed.status, 200);
    assert.equal(feed.headers['content-type'], 'application/atom+xml; charset=utf-8');
    assert.match(feed.body, /<entry><id>http:\/\/127\.0\.0\.1:\d+\/p\/[^<]+<\/id>/);
    // A new search moves the link; the empty page has none.
    await search({ q: 'Aliyev' });
    assert.deepEqual(query(await follow.getAttribute('href')), { q: 'Aliyev' });
    await page.goto(daemon.url + '/');
    await page.waitForSelector('#intro');
    assert.equal(await page.locator('head link[type="application/atom+xml"]').count(), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
  });

  test('the Export menu offers every format of the search, each an export the daemon writes', async () => {
    await search({ q: 'cooperation', country: 'AZE', sort: 'date-asc' });
    await page.click('#export summary');
    const formats = { csv: 'text/csv', jsonl: 'application/jsonl', ris: 'application/x-research-info-systems',
      bibtex: 'application/x-bibtex' };
    for (const [format, type] of Object.entries(formats)) {
      const link = page.locator('#export-' + format);
      assert.ok(await link.isVisible(), format);
      const href = await link.getAttribute('href');
      assert.deepEqual(query(href), { q: 'cooperation', country: 'AZE', format, sort: 'date-asc' });
      const got = await fixtures.getText(daemon.url + href);
      assert.equal(got.status, 200, format);
      assert.ok(got.headers['content-type'].startsWith(type), got.headers['content-type']);
    }
    await shot('export-menu');
    // The JSON Lines export holds the search's passages, stated in its first line.
    const lines = (await fixtures.getText(daemon.url + await page.locator('#export-jsonl').getAttribute('href')))
      .body.trim().split('\n').map(JSON.parse);
    assert.deepEqual(lines[0].export.filters, { country: 'AZE' });
    assert.ok(lines.length > 2, 'passages are exported');
    assert.ok(lines.slice(1, -1).every(p => p.country === 'AZE'));
    assert.equal(lines.at(-1).end.passages, lines.length - 2);
    // Clicking a format downloads the file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    assert.equal(download.suggestedFilename(), 'dragoman-export.csv');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
  });
});
