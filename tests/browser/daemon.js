// Test fixtures for the browser tests: an index built by the real indexer, the real
// daemon on a free loopback port, and headless Debian Chromium with a fresh profile.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');

const SOURCE_DIR = path.resolve(__dirname, '..', '..');
const BUILD_DIR = process.env.DRAGOMAN_BUILD_DIR || path.join(SOURCE_DIR, 'build');
const CHROMIUM = process.env.DRAGOMAN_CHROMIUM || '/usr/bin/chromium';

/// Screenshots and other artifacts go under the build directory.
const ARTIFACTS = process.env.DRAGOMAN_BROWSER_ARTIFACTS || path.join(BUILD_DIR, 'tests', 'browser-artifacts');

/// A transcript whose every field carries markup: it must show as text, never as elements.
const MARKUP_RECORD = {
  id: 'test:markup-<b>1</b>',
  source: 'test<script>',
  language: 'en',
  date: '2021-06-01',
  title: "Tribunal <script>alert('title')</script> and <img src=x onerror=alert(2)> in a title",
  speakers: ['<i>Mallory</i>'],
  country: 'XSS',
  url: 'javascript:alert(3)',
  text: '<i>Mallory</i>: The tribunal heard <script>alert(1)</script> and <img src=x onerror=alert(4)> ' +
    'during the hearing &amp; more &lt;b&gt; text.\n\n<i>Mallory</i>: The tribunal <b>adjourned</b>.',
};

function binary(name) {
  return path.join(BUILD_DIR, name === 'dragoman-index' ? 'indexer' : 'searchd', name);
}

/// Builds an index of corpus/sample plus the markup record and the `records` a suite adds,
/// in a fresh temporary directory.
function buildIndex(records = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dragoman-browser-'));
  const extra = path.join(dir, 'markup.jsonl');
  fs.writeFileSync(extra, [MARKUP_RECORD, ...records].map(r => JSON.stringify(r) + '\n').join(''));
  const db = path.join(dir, 'db');
  const p = spawnSync(binary('dragoman-index'), ['--db', db, path.join(SOURCE_DIR, 'corpus', 'sample'), extra],
    { encoding: 'utf8', timeout: 600000 });
  if (p.status !== 0) throw new Error(`dragoman-index exited ${p.status}: ${p.stderr}`);
  return { dir, db };
}

/// Starts dragoman-searchd on 127.0.0.1 with port 0 and resolves with its base URL.
function startDaemon(db) {
  return new Promise((resolve, reject) => {
    const proc = spawn(binary('dragoman-searchd'), ['--db', db, '--listen', '127.0.0.1:0', '--no-access-log'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error('daemon did not start: ' + err)); }, 20000);
    proc.stderr.on('data', d => { err += d; });
    proc.stdout.on('data', d => {
      out += d;
      const m = /serving (http:\/\/[^\s]+?)\/?\s/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1], stderr: () => err });
      }
    });
    proc.on('exit', code => { clearTimeout(timer); reject(new Error(`daemon exited ${code}: ${err}`)); });
  });
}

/// Sends SIGTERM and resolves with the exit code.
function stopDaemon(daemon) {
  return new Promise(resolve => {
    if (daemon.proc.exitCode !== null) return resolve(daemon.proc.exitCode);
    daemon.proc.removeAllListeners('exit');
    daemon.proc.on('exit', code => resolve(code));
    daemon.proc.kill('SIGTERM');
  });
}

/// GETs `url`: { status, headers, body } with the body as text.
function getText(url) {
  return new Promise((resolve, reject) => {
    http.get(url, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', d => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    }).on('error', reject);
  });
}

/// GETs `url` and parses the JSON body: { status, body }.
async function getJson(url) {
  const r = await getText(url);
  return { status: r.status, body: JSON.parse(r.body) };
}

/// Headless Chromium (Debian's) with a fresh profile directory, through playwright-core.
async function launchBrowser() {
  const { chromium } = require('playwright-core');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: scripts/install-deps.sh installs Debian's chromium`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dragoman-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  return { context, profile };
}

/// Chromium logs every 4xx answer as a console error; suites whose tests cause one on
/// purpose (a bad query: 400, a missing transcript: 404) pass this as `ignoreConsole`.
const statusError = status => new RegExp('^Failed to load resource: the server responded with a status of ' + status + ' ');

/// The set-up every browser suite shares, registered on the enclosing describe(): before
/// its tests, an index (`makeIndex()`: { dir, db }, by default corpus/sample with the markup
/// record), the daemon over it, and one page of a fresh browser that records dialogs, page
/// errors and console errors (bar `ignoreConsole`); after them, the browser closed, the
/// daemon asserted to exit 0 on SIGTERM, the index removed. Returns the suite's state,
/// filled in before the first test: { index, daemon, browser, page, dialogs, pageErrors },
/// with shot(name) (a full-page screenshot into ARTIFACTS), texts(selector) (the text of
/// each match) and api(params) (the body of /api/search).
function pageSuite({ makeIndex = buildIndex, permissions = [], ignoreConsole = null } = {}) {
  const { before, after } = require('node:test');
  const assert = require('node:assert/strict');
  const suite = { dialogs: [], pageErrors: [] };
  before(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    suite.index = makeIndex();
    suite.daemon = await startDaemon(suite.index.db);
    suite.browser = await launchBrowser();
    if (permissions.length) await suite.browser.context.grantPermissions(permissions, { origin: suite.daemon.url });
    const page = await suite.browser.context.newPage();
    page.on('dialog', d => { suite.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    page.on('pageerror', e => { suite.pageErrors.push(e.message); });
    page.on('console', m => {
      if (m.type() === 'error' && !(ignoreConsole && ignoreConsole.test(m.text())))
        suite.pageErrors.push('console: ' + m.text());
    });
    suite.page = page;
  });
  after(async () => {
    if (suite.browser) {
      await suite.browser.context.close();
      fs.rmSync(suite.browser.profile, { recursive: true, force: true });
    }
    if (suite.daemon) assert.equal(await stopDaemon(suite.daemon), 0, 'the daemon exits 0 on SIGTERM');
    if (suite.index) fs.rmSync(suite.index.dir, { recursive: true, force: true });
  });
  suite.shot = name => suite.page.screenshot({ path: path.join(ARTIFACTS, name + '.png'), fullPage: true });
  suite.texts = sel => suite.page.$$eval(sel, els => els.map(e => e.textContent));
  suite.api = async params => (await getJson(suite.daemon.url + '/api/search?' + new URLSearchParams(params))).body;
  return suite;
}

module.exports = {
  ARTIFACTS, MARKUP_RECORD, statusError, binary, buildIndex, startDaemon, stopDaemon, getJson, getText, launchBrowser, pageSuite,
};
