// Opens built pages from file:// in headless Chromium, as a reader with no
// network would: no request may leave the folder, no script error may
// occur, the skip link must be the first thing the keyboard reaches, and
// axe-core must find no accessibility violation.
//
// usage: node tests/browser.js DIST LOCALE...
'use strict';
const path = require('path');
const fs = require('fs');
const { launch } = require('./chromium');

const dist = path.resolve(process.argv[2]);
const locales = process.argv.slice(3);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let passed = 0, failed = 0;

function fail(where, msg) {
  failed++;
  console.log(`FAIL ${where}: ${msg}`);
}

async function checkPage(browser, file, wantSkipLink = true) {
  const where = path.relative(dist, file);
  const page = await browser.newPage();
  const errors = [], outside = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', r => { if (!r.url().startsWith('file://')) outside.push(r.url()); });
  await page.goto('file://' + file);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement &&
    document.activeElement.getAttribute('href'));
  // What the page did on its own, before axe adds its own requests.
  const pageErrors = errors.slice(), pageOutside = outside.slice();
  // axe is injected through the debugger, as the page's CSP forbids inline scripts.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  const before = failed;
  if (pageErrors.length) fail(where, `script errors: ${pageErrors.join('; ')}`);
  if (pageOutside.length) fail(where, `requests left the device: ${pageOutside.join(', ')}`);
  if (wantSkipLink && focused !== '#main') fail(where, `first Tab reaches ${focused}, not the skip link`);
  for (const v of result.violations) {
    fail(where, `axe ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0].target})`);
  }
  if (failed === before) passed++;
  await page.close();
}

(async () => {
  const browser = await launch();
  try {
    for (const scheme of ['light', 'dark']) {
      for (const loc of locales) {
        const dir = path.join(dist, loc);
        const pages = ['index.html', 'print.html'].concat(
          fs.readdirSync(dir).filter(f => /^[^.].*\.html$/.test(f) &&
            f !== 'index.html' && f !== 'print.html').sort());
        // Every page in the light scheme; a sample in the dark one.
        const list = scheme === 'light' ? pages : pages.slice(0, 3);
        const context = await browser.newContext({ colorScheme: scheme });
        for (const p of list) await checkPage(context, path.join(dir, p), p !== 'leave.html');
        await context.close();
      }
    }
    const context = await browser.newContext();
    await checkPage(context, path.join(dist, 'index.html'), false);
    // Leaving quickly: Escape replaces the chapter with a neutral page,
    // and Back does not bring the chapter back.
    for (const loc of locales) {
      const page = await context.newPage();
      const dir = path.join(dist, loc);
      await page.goto('file://' + path.join(dir, 'index.html'));
      await page.click('.full-toc a');
      await page.waitForLoadState('load');
      const chapter = page.url();
      await page.keyboard.press('Escape');
      await page.waitForURL(/leave\.html$/);
      await page.goBack();
      const back = page.url();
      const ok = back.endsWith('/index.html') && back !== chapter;
      if (ok) passed++; else fail(loc, `after leaving, Back shows ${back}`);
      await page.close();
    }
    await context.close();
  } finally {
    await browser.close();
  }
  console.log(`browser: ${passed} passed, ${failed} failed, 0 skipped`);
  process.exit(failed ? 1 : 0);
})().catch(e => { console.error(e); process.exit(1); });
