// Browser tests of citations: the Cite button under a snippet shows the plain quotation and
// the CSL-JSON of that passage, copies the quotation, keeps markup as text, and the
// permalink opens the transcript at the passage.
'use strict';
const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const fixtures = require('./daemon.js');

describe('citations in a real browser', () => {
  const suite = fixtures.pageSuite({ permissions: ['clipboard-read', 'clipboard-write'] });
  const { dialogs, pageErrors, shot, api } = suite;
  let daemon;
  let page;
  before(() => { ({ daemon, page } = suite); });

  async function search(q) {
    await page.goto(daemon.url + '/?q=' + encodeURIComponent(q));
    await page.waitForSelector('#results li.result');
  }

  test('Cite shows the quotation with its question and the CSL-JSON, and copies the quotation', async () => {
    const q = 'asked:(pandemic) speaker:aliyev';
    const result = (await api({ q, facets: '0' })).results[0];
    assert.equal(result.id, 'press:2021-03-18-aliyev');
    const sn = result.snippets[0];
    assert.ok(sn.question && sn.passage_id, 'the API gives the snippet its question and passage id');
    await search(q);
    const block = page.locator('#results li.result').first().locator('.snippet').first();
    assert.equal(await block.locator('.question').textContent(), 'Question: ' + sn.question,
      'the question is shown above the answer');
    const button = block.locator('.cite-button');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await button.click();
    await block.locator('.cite-text').waitFor();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const expected = (await fixtures.getJson(daemon.url + '/api/passage/' + encodeURIComponent(sn.passage_id))).body;
    const text = await block.locator('.cite-text').textContent();
    assert.equal(text, expected.cite.text);
    assert.ok(text.startsWith('Question: “' + sn.question + '”\n“We have adapted by cooperating more'), text);
    assert.match(text, /— Elmar Aliyev, “Interview with Foreign Minister of Azerbaijan Elmar Aliyev: ‘Cooperation is the only road that leads somewhere’”, press, 2021-03-18\.\n/);
    assert.match(text, new RegExp('Permalink: ' + daemon.url.replace(/[.]/g, '\\.') + '/p/press:2021-03-18-aliyev~[0-9a-f]{10} \\(accessed \\d{4}-\\d\\d-\\d\\d\\)'));
    const csl = JSON.parse(await block.locator('.cite-csl pre').textContent());
    assert.equal(csl.length, 1);
    assert.equal(csl[0].type, 'speech');
    assert.equal(csl[0].id, sn.passage_id);
    assert.deepEqual(csl[0].author, [{ literal: 'Elmar Aliyev' }]);
    assert.deepEqual(csl[0].issued, { 'date-parts': [[2021, 3, 18]] });
    assert.equal(csl[0].custom.question, sn.question);
    assert.equal(await block.locator('.cite-permalink').getAttribute('href'), sn.permalink);

    await block.locator('.cite-copy').click();
    await page.waitForFunction(el => /copied|Select/.test(el.textContent), await block.locator('.cite-status').elementHandle());
    assert.equal(await block.locator('.cite-status').textContent(), 'Citation copied.');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected.cite.text);
    await shot('cite-panel');

    await button.click();
    assert.equal(await block.locator('.cite-panel').isHidden(), true, 'a second click folds the panel');
  });

  test('markup in a cited transcript stays text', async () => {
    await search('tribunal adjourned');
    const block = page.locator('#results li.result').first().locator('.snippet').first();
    await block.locator('.cite-button').click();
    await block.locator('.cite-text').waitFor();
    const text = await block.locator('.cite-text').textContent();
    assert.match(text, /<script>alert\('title'\)<\/script>/, 'the title is quoted as text');
    assert.match(text, /<i>Mallory<\/i>/);
    assert.equal(await page.locator('.cite-panel script, .cite-panel img, .cite-panel b, .cite-panel i').count(), 0);
    assert.equal(await block.locator('.cite-csl pre').evaluate(e => e.children.length), 0);
    assert.deepEqual(dialogs, [], 'no script from the data ran');
  });

  test('a permalink opens the transcript at its passage', async () => {
    const sn = (await api({ q: 'asked:(polarized)', facets: '0' })).results[0].snippets[0];
    await page.goto(daemon.url + sn.permalink);
    await page.waitForSelector('#doc-body .passage.target');
    assert.equal(new URL(page.url()).searchParams.get('doc'), 'press:2021-03-18-aliyev');
    assert.equal(await page.locator('#doc-body .passage.target').getAttribute('id'), 'passage-' + sn.passage);
    assert.match(await page.locator('#doc-body .passage.target').textContent(), /^There are tensions, of course\./);
    // Every passage links to its own permalink; the one led to can be cited at once.
    const links = await page.$$eval('#doc-body .passage-permalink', as => as.map(a => a.getAttribute('href')));
    assert.equal(links.length, await page.locator('#doc-body .passage').count());
    assert.ok(links.includes(sn.permalink.replace(':', '%3A')), links.join(' '));
    assert.equal(await page.locator('#doc-body .cite-button').count(), 1);
    await page.click('#doc-body .cite-button');
    await page.waitForSelector('#doc-body .cite-text');
    assert.match(await page.textContent('#doc-body .cite-text'),
      /^Question: “Some analysts say the region is becoming more polarized\. Do you agree\?”\n“There are tensions/);
    await shot('cite-transcript');
  });

  test('an unknown passage id answers 404 and the page shows no error', async () => {
    const res = await page.goto(daemon.url + '/p/press:2021-03-18-aliyev~0000000000');
    assert.equal(res.status(), 404);
    assert.deepEqual(pageErrors.filter(e => !/status of 404/.test(e)), []);
  });
});
