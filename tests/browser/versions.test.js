// Browser tests of language versions: "Also in" links under a result, the versions in a
// transcript's view, and two versions side by side, aligned row by row, as text only.
'use strict';
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const fixtures = require('./daemon.js');

const RU = ['Сергей Лавров: Мы встретились с министром Ван И в Москве 12 марта и обсудили резолюцию 2231.',
  'Министры договорились провести 14 раундов консультаций до 2017 года.',
  'Вопрос: Примет ли Казахстан переговоры в Астане?',
  'Сергей Лавров: Астана предложила их принять; 37 делегаций подтвердили участие.'];
const EN = ['Sergey Lavrov: We met Minister Wang Yi in Moscow on 12 March and discussed resolution 2231.',
  'The Ministers agreed to hold 14 rounds of consultations before 2017.',
  'Question: Will Kazakhstan host the talks in Astana?',
  'Sergey Lavrov: Astana offered to host them; 37 delegations have confirmed <b>attendance</b>.'];
const ZH = ['拉夫罗夫：我们3月12日在莫斯科会见了王毅部长，讨论了第2231号决议。',
  '外长们同意在2017年之前举行14轮磋商。',
  '问：哈萨克斯坦会在阿斯塔纳主办会谈吗？',
  '拉夫罗夫：阿斯塔纳提出主办；已有37个代表团确认。'];

function record(id, language, paragraphs, title) {
  return { id, source: 'mfa', language, date: '2016-03-12', title, text: paragraphs.join('\n\n') };
}

describe('language versions in a real browser', () => {
  const suite = fixtures.pageSuite({
    ignoreConsole: fixtures.statusError(404),  // the comparison with a missing version
    makeIndex() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dragoman-versions-'));
      const src = path.join(dir, 'talks.jsonl');
      fs.writeFileSync(src, [
        record('talks-ru', 'ru', RU, 'Переговоры в Москве'),
        record('talks-en', 'en', EN, 'Talks in Moscow <img src=x onerror=alert(1)>'),
        record('talks-zh', 'zh', ZH, '莫斯科会谈'),
      ].map(r => JSON.stringify(r)).join('\n') + '\n');
      const db = path.join(dir, 'db');
      const p = spawnSync(fixtures.binary('dragoman-index'), ['--db', db, src], { encoding: 'utf8' });
      assert.equal(p.status, 0, p.stderr);
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

  test('a Russian query shows the Russian version once, with links to the others', async () => {
    await page.goto(daemon.url + '/?q=' + encodeURIComponent('переговоры Астане'));
    await page.waitForSelector('#results li.result');
    assert.equal(await page.locator('#results li.result').count(), 1);
    assert.equal(await page.textContent('#results .result-title'), 'Переговоры в Москве');
    assert.deepEqual(await texts('#results .versions a.version'), ['English', 'Chinese']);
    assert.equal(await page.getAttribute('#results .versions a.version >> nth=0', 'hreflang'), 'en');
    await shot('versions-results');
    await page.click('#results .versions a.version >> nth=0');
    await page.waitForSelector('#doc-body .turn');
    assert.equal(new URL(page.url()).searchParams.get('doc'), 'talks-en');
    assert.equal(await page.textContent('#doc-title'), 'Talks in Moscow <img src=x onerror=alert(1)>', 'a title is text');
    assert.equal(await page.locator('img').count(), 0);
    assert.deepEqual(await texts('#doc-versions a.version'), ['Russian', 'Chinese'], 'by language code');
  });

  test('two versions side by side are aligned row by row, as text', async () => {
    await page.goto(daemon.url + '/?doc=talks-ru&compare=talks-en');
    await page.waitForSelector('#compare-view table');
    await shot('versions-side-by-side');
    assert.ok(await page.isHidden('#doc-body'), 'the single view makes way for the comparison');
    assert.deepEqual(await texts('#compare-view th .compare-lang'), ['Russian', 'English']);
    const rows = await page.$$eval('#compare-view tbody tr', trs => trs.map(tr => [...tr.cells].map(td => td.textContent)));
    assert.equal(rows.length, 4);
    // Row i holds paragraph i of each version (their speaker labels set apart).
    assert.ok(rows[0][0].includes('12 марта') && rows[0][1].includes('12 March'), JSON.stringify(rows[0]));
    assert.ok(rows[1][0].includes('14 раундов') && rows[1][1].includes('14 rounds'), JSON.stringify(rows[1]));
    assert.ok(rows[3][1].includes('<b>attendance</b>'), 'markup in the text is shown as text');
    assert.equal(await page.locator('#compare-view b').count(), 0);
    assert.equal(await page.getAttribute('#compare-view tbody tr >> nth=0 >> td >> nth=0', 'lang'), 'ru');
    assert.equal(await page.getAttribute('#compare-view tbody tr >> nth=0 >> td >> nth=1', 'lang'), 'en');
    await page.click('#compare-view .compare-close');
    await page.waitForSelector('#doc-body .turn');
    assert.equal(await page.locator('#compare-view').count(), 0);
    assert.equal(new URL(page.url()).searchParams.get('compare'), null);
  });

  test('a comparison with a missing version says so', async () => {
    await page.goto(daemon.url + '/?doc=talks-ru&compare=no-such-id');
    await page.waitForFunction(() => /cannot be shown/.test((document.querySelector('#compare-view .status') || {}).textContent || ''));
  });
});
