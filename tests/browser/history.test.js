// Browser tests of a transcript's history in its view: "changed N times since first seen",
// the versions with their notes, and the diff of two versions with insertions and deletions
// marked, in Latin and Arabic text, as text only.
'use strict';
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const fixtures = require('./daemon.js');

function record(id, language, text, title, group) {
  return { id, source: 'mfa', language, date: '2024-05-01', title, text, group };
}

function run(dir, db, records) {
  const src = path.join(dir, 'src.jsonl');
  fs.writeFileSync(src, records.map(r => JSON.stringify(r)).join('\n') + '\n');
  const p = spawnSync(fixtures.binary('dragoman-index'), ['--db', db, '--incremental', src], { encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
}

describe('a transcript\'s history in a real browser', () => {
  const suite = fixtures.pageSuite({
    makeIndex() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dragoman-history-'));
      const db = path.join(dir, 'db');
      const en = record('b-en', 'en', 'We regret the incident. We call for calm.', 'Border', 'border');
      run(dir, db, [record('b-ar', 'ar', 'نحن نعتذر عن الحادث. شكرا لكم.', 'الحدود', 'border'), en,
        record('plain', 'en', 'We met. We disagreed on <b>quotas</b>. We parted.', 'Talks')]);
      run(dir, db, [record('b-ar', 'ar', 'نحن نأسف للحادث. شكرا لكم.', 'الحدود', 'border'), en,
        record('plain', 'en', 'We met. We parted. We will meet again.', 'Talks')]);
      return { dir, db };
    },
  });
  const { dialogs, pageErrors, shot, texts } = suite;
  let daemon;
  let page;
  before(() => { ({ daemon, page } = suite); });
  after(() => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, [], 'no markup ever ran');
  });

  test('the view says how often it changed and marks what was deleted and inserted', async () => {
    await page.goto(daemon.url + '/?doc=plain');
    await page.waitForSelector('#doc-history .diff-unit', { state: 'attached' });
    assert.match(await page.textContent('#doc-history summary'), /Changed 1 time since first seen/);
    await page.click('#doc-history summary');
    assert.deepEqual(await texts('#doc-history .diff del'), ['We disagreed on <b>quotas</b>.']);
    assert.deepEqual(await texts('#doc-history .diff ins'), ['We will meet again.']);
    assert.equal(await page.locator('#doc-history .diff b').count(), 0, 'markup in a transcript stays text');
    assert.equal(await page.locator('#doc-history .history-versions li').count(), 2);
    await shot('history-latin');
  });

  test('an Arabic version changed alone: pointed out, its words marked in isolates', async () => {
    await page.goto(daemon.url + '/?doc=b-ar');
    await page.waitForSelector('#doc-history .diff-unit', { state: 'attached' });
    await page.click('#doc-history summary');
    assert.match(await page.textContent('#doc-history .history-alone'), /changed in ar only/);
    const changed = page.locator('#doc-history .diff-changed').first();
    assert.equal(await changed.getAttribute('dir'), 'auto');
    assert.match(await changed.locator('del').first().textContent(), /نعتذر/);
    assert.match(await changed.locator('ins').first().textContent(), /نأسف/);
    // The version picker asks for another pair: version 1 with itself has no marks.
    await page.selectOption('select[aria-label="Compare to"]', '1');
    await page.waitForFunction(() => document.querySelectorAll('#doc-history .diff ins').length === 0);
    await shot('history-arabic');
  });

  test('results say which transcripts changed, changed:yes finds them, and the mark opens the history', async () => {
    await page.goto(daemon.url + '/?q=' + encodeURIComponent('changed:yes'));
    await page.waitForSelector('li.result');
    assert.deepEqual((await texts('li.result .meta a.changed')).sort(), ['changed 1 time', 'changed 1 time']);
    assert.equal(await page.locator('li.result').count(), 2, 'b-en never changed');
    await page.goto(daemon.url + '/?q=' + encodeURIComponent('calm'));
    await page.waitForSelector('li.result');
    assert.equal(await page.locator('li.result .meta a.changed').count(), 0, 'b-en never changed');
    await page.goto(daemon.url + '/?q=' + encodeURIComponent('parted'));
    await page.click('li.result .meta a.changed');
    await page.waitForSelector('#doc-history summary');
    assert.match(await page.textContent('#doc-history summary'), /Changed 1 time since first seen/);
  });

  test('a transcript seen in one version shows no history', async () => {
    await page.goto(daemon.url + '/?doc=b-en');
    await page.waitForSelector('#doc-body .passage');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#doc-history').count(), 0);
  });
});
