// Search from file:// in headless Chromium, for every built locale, with
// queries taken from that locale's own text. Also checks that search.js
// tokenizes exactly like the generator (test vectors from "handbook
// tokens"), that a locale folder copied alone still searches, and that
// hostile queries neither inject markup nor hang.
//
// usage: node tests/search.js HANDBOOK DIST LOCALE...
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const vm = require('vm');
const { execFileSync } = require('child_process');
const { launch } = require('./chromium');

const [handbook, distArg, ...locales] = process.argv.slice(2);
const dist = path.resolve(distArg);
let passed = 0, failed = 0, skipped = 0;
const check = (ok, what) => { if (ok) passed++; else { failed++; console.log('FAIL ' + what); } };
// A check that does not apply to a locale's text is counted, with why.
const skip = (what, why) => { skipped++; console.log(`SKIP ${what}: ${why}`); };

function loadIndex(dir) {
  const sandbox = { window: {} };
  vm.runInNewContext(fs.readFileSync(path.join(dir, 'search-index.js'), 'utf8'), sandbox);
  return sandbox.window.hbSearchIndex;
}

async function results(page, dir, query) {
  await page.goto('file://' + path.join(dir, 'search.html') + '?q=' + encodeURIComponent(query));
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status');
    return s && s.textContent && s.textContent !== s.getAttribute('data-searching');
  }, null, { timeout: 10000 });
  return page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    links: Array.from(document.querySelectorAll('#search-results li h2 a')).map(a => a.getAttribute('href')),
    marks: Array.from(document.querySelectorAll('#search-results mark')).map(m => m.textContent),
    imgs: document.querySelectorAll('#search-results img, #search-status img').length,
  }));
}

function anchorExists(dir, href) {
  const [file, frag] = href.split('#');
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) return false;
  return !frag || fs.readFileSync(p, 'utf8').includes(`id="${frag}"`);
}

function stripAccents(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

async function checkLocale(browser, loc) {
  const dir = path.join(dist, loc);
  const index = loadIndex(dir);
  const context = await browser.newContext();
  const outside = [], errors = [];
  context.on('request', r => { if (!r.url().startsWith('file://')) outside.push(r.url()); });
  const page = await context.newPage();
  page.on('pageerror', e => errors.push(String(e)));
  page.on('dialog', d => { errors.push('dialog: ' + d.message()); d.dismiss(); });

  // 1. The browser's tokenizer agrees with the generator's.
  const vectorsFile = path.join(os.tmpdir(), `vectors-${loc}.json`);
  execFileSync(handbook, ['tokens', '--locale', loc, '-o', vectorsFile,
    '--translations', process.env.TRANSLATIONS || 'translations']);
  const vectors = JSON.parse(fs.readFileSync(vectorsFile, 'utf8'));
  await page.goto('file://' + path.join(dir, 'search.html'));
  // Scripts without spaces between words (Thai, Lao, Myanmar, Khmer): the
  // generator splits them with ICU's dictionaries, the browser against the
  // index's own words. Those tokens must all be index words; every other
  // token must be the generator's, in order.
  const unspaced = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]/u;
  const mismatches = await page.evaluate(([vs, terms, re]) => {
    const unsp = new RegExp(re, 'u');
    return vs.filter(v => {
      const js = window.hbTokenize(v.text, terms);
      if (!unsp.test(v.text)) return JSON.stringify(js) !== JSON.stringify(v.tokens);
      const other = a => JSON.stringify(a.filter(t => !unsp.test(t)));
      return other(js) !== other(v.tokens) ||
        !js.filter(t => unsp.test(t)).every(t => Object.prototype.hasOwnProperty.call(terms, t));
    }).slice(0, 3);
  }, [vectors, index.terms, unspaced.source]);
  check(mismatches.length === 0, `${loc}: tokenizer differs from the generator: ` +
    JSON.stringify(mismatches).slice(0, 400));
  // Arabic-script variants fold alike (the vectors above hold them too).
  const folded = await page.evaluate(() => [['میتوانید', 'می\u200cتوانید'],
    ['زندگي', 'زندگی'], ['كتاب', 'کتاب'], ['مـــادر', 'مادر']].filter(p =>
    JSON.stringify(window.hbTokenize(p[0])) !== JSON.stringify(window.hbTokenize(p[1]))));
  check(folded.length === 0, `${loc}: Arabic-script variants tokenize differently: ` +
    JSON.stringify(folded));

  // 2. A section's own title finds it among the first results.
  const n = index.sections.length;
  for (const k of [1, Math.floor(n / 3), Math.floor(n / 2), n - 2]) {
    const s = index.sections[k];
    const r = await results(page, dir, s[2]);
    const want = s[0] + '.html' + (s[1] ? '#' + s[1] : '');
    check(r.links.slice(0, 5).includes(want), `${loc}: '${s[2]}' does not find ${want} (got ${r.links.slice(0, 5)})`);
    check(r.links.slice(0, 10).every(h => anchorExists(dir, h)), `${loc}: a result anchor is missing`);
  }

  // 2a. The result count in the locale's own digits where CLDR's default
  //     numbering has them (Arabic, Persian, Bengali), as the generator's
  //     percentages are.
  {
    const digits = new Intl.NumberFormat(loc).format(1234567890).replace(/[^\p{Nd}]/gu, '');
    const s = index.sections[1];
    const r = await results(page, dir, s[2]);
    const counted = r.status.replace(s[2], '');
    if (digits !== '1234567890') {
      check(/\p{Nd}/u.test(counted) && !/[0-9]/.test(counted),
        `${loc}: the result count is not in the locale's digits: ${r.status}`);
    } else {
      check(/[0-9]/.test(counted), `${loc}: the result count has no digits: ${r.status}`);
    }
  }

  // 2b. In a script without spaces, a section title typed without its
  //     spaces still finds the section, in a browser without
  //     Intl.Segmenter (older Android WebViews): the query is split against
  //     the index's words.
  const unspacedTitle = index.sections.slice(1).find(s => unspaced.test(s[2]) && /\s/.test(s[2].trim()));
  if (unspacedTitle) {
    const plain = await browser.newContext();
    const p2 = await plain.newPage();
    await p2.addInitScript(() => { delete Intl.Segmenter; });
    const q = unspacedTitle[2].replace(/\s+/g, '');
    const r2 = await results(p2, dir, q);
    const want = unspacedTitle[0] + '.html' + (unspacedTitle[1] ? '#' + unspacedTitle[1] : '');
    check(r2.links.slice(0, 5).includes(want), `${loc}: '${q}' (no spaces, no Intl.Segmenter) does not find ${want}`);
    await plain.close();
  } else if (index.sections.some(s => unspaced.test(s[2]))) {
    check(false, `${loc}: no section title in a script without spaces has a space to remove`);
  } else {
    skip(`search unspaced ${loc}`, 'not a script written without spaces');
  }

  // 3. An accent-less query finds the accented word.
  const accented = index.sections.map(s => (s[4].match(/[\p{L}]*[À-ÿ][\p{L}]*/u) || [])[0]).find(w => w && w.length > 4);
  if (accented) {
    const r = await results(page, dir, stripAccents(accented));
    check(r.links.length > 0 && r.marks.some(m => m.toLowerCase() === accented.toLowerCase()),
      `${loc}: '${stripAccents(accented)}' does not find '${accented}'`);
  } else {
    skip(`search accents ${loc}`, 'no accented Latin word of 5+ letters in the text');
  }

  // 4. Two Chinese characters find their section (a Chinese locale must
  //    have them).
  const han = index.sections.find(s => /[\u4e00-\u9fff]{2}/.test(s[2]));
  if (han) {
    const two = han[2].match(/[\u4e00-\u9fff]{2}/)[0];
    const r = await results(page, dir, two);
    const want = han[0] + '.html' + (han[1] ? '#' + han[1] : '');
    check(r.links.includes(want), `${loc}: '${two}' does not find ${want}`);
  } else if (/^(zh|ja)\b/.test(loc)) {
    check(false, `${loc}: no section title with two Han characters`);
  } else {
    skip(`search han ${loc}`, 'no Han characters in the section titles');
  }

  // 5. Prefix of the word being typed; no results; hostile queries.
  const word = index.sections.slice(2).map(s => s[2].split(/\s+/)
    .find(w => [...w].length >= 6 && /^[\p{L}\p{M}]+$/u.test(w) && !/[\u3040-\u9fff]/.test(w))).find(w => w);
  if (word) {
    const prefix = [...word].slice(0, 4).join('');
    const r = await results(page, dir, prefix);
    check(r.links.length > 0, `${loc}: prefix '${prefix}' finds nothing`);
  } else {
    skip(`search prefix ${loc}`, 'no section title word of 6+ letters outside Han and kana');
  }
  let r = await results(page, dir, 'qqxqzz');
  check(r.links.length === 0 && r.status.includes('qqxqzz'), `${loc}: no-result message missing`);
  r = await results(page, dir, '<img src=x onerror=alert(1)>');
  check(r.imgs === 0 && r.status.includes('<img'), `${loc}: a query became markup`);
  const t0 = Date.now();
  r = await results(page, dir, '(a+)+$ [ ' + 'a'.repeat(10000));
  check(Date.now() - t0 < 5000, `${loc}: hostile query too slow`);
  check(errors.length === 0, `${loc}: script errors or dialogs: ${errors.join('; ')}`);
  check(outside.length === 0, `${loc}: requests left the device: ${outside.join(', ')}`);
  await context.close();
}

(async () => {
  const browser = await launch();
  try {
    for (const loc of locales) await checkLocale(browser, loc);
    // A locale folder copied alone onto a "card" still searches.
    const card = fs.mkdtempSync(path.join(os.tmpdir(), 'card-'));
    fs.cpSync(path.join(dist, locales[0]), path.join(card, locales[0]), { recursive: true });
    const page = await browser.newPage();
    const index = loadIndex(path.join(card, locales[0]));
    const r = await results(page, path.join(card, locales[0]), index.sections[3][2]);
    check(r.links.length > 0, 'a copied locale folder does not search');
    await page.close();
    fs.rmSync(card, { recursive: true, force: true });
  } finally {
    await browser.close();
  }
  console.log(`search: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed ? 1 : 0);
})().catch(e => { console.error(e); process.exit(1); });
