// A reader on a small phone, in one browser engine, from file://:
//
//  1. no page is wider than the screen at 320 and 360 px (chooser, home,
//     chapters, search with results, print, leave page);
//  2. the leave control is on every page a reader can land on, at least
//     44 x 44 px, still on screen and uncovered half-way down the longest
//     chapter, hidden only when printing; Esc and a tap leave; a heading
//     reached by a link is not hidden under it; the help links beside it are
//     at least 24 px tall with room between them; its focus ring contrasts
//     at least 3:1 with the strip in the light and the dark scheme; the
//     leave page says what leaving does not do;
//  3. an old engine (the stylesheet without custom properties, logical
//     properties, :focus-visible, gap or grid) and no JavaScript: the page
//     still reads, the skip link does not cover the leave control and the
//     language names stay apart.
//
// usage: node tests/reader.js ENGINE DIST [--sample] LOCALE...
//   ENGINE: chromium | firefox | webkit (see engines.js); --sample: a few
//   pages per locale instead of every page (the slower engines).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const engines = require('./engines');

const args = process.argv.slice(2);
const engineName = args.shift();
const dist = path.resolve(args.shift());
const sample = args[0] === '--sample' ? !!args.shift() : false;
const locales = args;
const suite = 'reader-' + engineName;
let passed = 0, failed = 0, skipped = 0;
const check = (ok, what) => { if (ok) passed++; else { failed++; console.log(`FAIL ${suite} ${what}`); } };
const skip = what => { skipped++; console.log(`SKIP ${suite}: ${what}`); };
const url = (...p) => 'file://' + path.join(...p);

// The chapters of a locale, in order, and the longest one (by bytes).
function chapters(dir) {
  return fs.readdirSync(dir).filter(f => /^\d.*\.html$/.test(f)).sort();
}
function longest(dir) {
  return chapters(dir).map(f => [fs.statSync(path.join(dir, f)).size, f]).sort((a, b) => b[0] - a[0])[0][1];
}
// A word of the locale's own index that finds results, for search.html.
function searchWord(dir) {
  const src = fs.readFileSync(path.join(dir, 'search-index.js'), 'utf8');
  const m = /\[\s*"[^"]*",\s*"[^"]*",\s*"([^"]+)"/.exec(src);
  return m ? m[1].split(/\s+/)[0] : 'a';
}

function pagesOf(loc) {
  const dir = path.join(dist, loc);
  const q = '?q=' + encodeURIComponent(searchWord(dir));
  const all = ['index.html', ...chapters(dir), 'search.html' + q, 'print.html', 'leave.html'];
  return sample ? ['index.html', longest(dir), 'search.html' + q, 'print.html', 'leave.html'] : all;
}

// --- measurements run inside the page ---

function measure() {
  const d = document.documentElement;
  const q = document.getElementById('quick-exit');
  const r = q && q.getBoundingClientRect();
  return { scroll: d.scrollWidth, client: d.clientWidth,
    exit: r ? { w: r.width, h: r.height } : null };
}

function midChapter() {
  const d = document.documentElement;
  window.scrollTo(0, Math.floor(d.scrollHeight / 2));
  const q = document.getElementById('quick-exit');
  const r = q.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  return { y: window.scrollY, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
    vw: d.clientWidth, vh: window.innerHeight, onTop: !!hit && (hit === q || q.contains(hit)) };
}

// Follows a link to a heading (as the help links and search results do):
// the heading must start below the sticky strip.
function headingBelowStrip() {
  const hs = document.querySelectorAll('main h2[id]');
  const h = hs[Math.floor(hs.length / 2)];
  if (!h) return null;
  location.hash = '#' + h.id;
  const bar = document.querySelector('.exit-bar').getBoundingClientRect();
  return { heading: h.getBoundingClientRect().top, bar: bar.bottom };
}

function helpLinks() {
  return Array.prototype.map.call(document.querySelectorAll('.help-link'), a => {
    const r = a.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, h: r.height };
  });
}

function focusRing() {
  const q = document.getElementById('quick-exit');
  const s = getComputedStyle(q);
  const bar = getComputedStyle(q.parentNode);
  return { color: s.outlineColor, width: parseFloat(s.outlineWidth), style: s.outlineStyle,
    active: document.activeElement === q, bg: bar.backgroundColor };
}

function rgb(s) {
  const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(s);
  return m ? [+m[1], +m[2], +m[3]] : null;
}
function contrast(a, b) {
  const lum = c => {
    const v = c.map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  };
  const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}
const gapBetween = (a, b) => Math.max(b.top - a.bottom, a.top - b.bottom, b.left - a.right, a.left - b.right);

// --- 1 and 2: widths and the leave control ---

async function widths(eng) {
  const targets = [['', 'index.html']];
  for (const loc of locales) for (const p of pagesOf(loc)) targets.push([loc, p]);
  for (const width of [320, 360]) {
    const page = await eng.page({ width, height: 740 });
    for (const [loc, p] of targets) {
      await page.goto(url(dist, loc, p));
      const m = await page.eval(measure);
      const where = `${loc || 'chooser'}/${p} at ${width} px`;
      check(m.scroll <= Math.min(m.client, width),
        `${where}: the page is ${m.scroll} px wide, the screen ${Math.min(m.client, width)} px`);
      // The budget: CSS and JS beside a reading page (the search page
      // adds the search script and is measured in make bench).
      if (width === 320 && !p.startsWith('search.html')) {
        const files = await page.eval(() => Array.prototype.map.call(
          document.querySelectorAll('link[rel=stylesheet], script[src]'), e => e.href || e.src));
        const bytes = files.reduce((n, f) => n + fs.statSync(decodeURIComponent(f.replace(/^file:\/\//, ''))).size, 0);
        check(bytes <= 25 * 1024, `${where}: ${bytes} bytes of CSS and JS beside the page, want 25 KB at most`);
      }
      if (!p.startsWith('leave.html')) {
        check(m.exit && m.exit.w >= 44 && m.exit.h >= 44,
          `${where}: leave control ${m.exit ? Math.round(m.exit.w) + 'x' + Math.round(m.exit.h) : 'missing'}, want 44x44`);
      }
    }
    await page.close();
  }
}

async function leaveControl(eng, loc) {
  const dir = path.join(dist, loc);
  const ch = longest(dir);
  for (const dark of [false, true]) {
    const scheme = dark ? 'dark' : 'light';
    // WebKitWebDriver has no way to ask for the dark scheme.
    if (dark && eng.name === 'webkit') {
      if (loc === locales[0]) skip('the dark scheme: WebKitWebDriver cannot emulate it');
      continue;
    }
    const page = await eng.page({ width: 360, height: 740, dark });
    await page.goto(url(dir, ch));
    const mid = await page.eval(midChapter);
    check(mid.y > 1000 && mid.top >= 0 && mid.bottom <= mid.vh && mid.left >= 0 && mid.right <= mid.vw && mid.onTop,
      `${loc}/${ch} (${scheme}): half-way down (y ${mid.y}) the leave control is at ` +
      `${Math.round(mid.left)},${Math.round(mid.top)}-${Math.round(mid.right)},${Math.round(mid.bottom)}` +
      `${mid.onTop ? '' : ', covered'}, not on the ${mid.vw}x${mid.vh} screen`);
    // Focus by keyboard: skip link, then the leave control.
    await page.goto(url(dir, ch));
    await page.key('Tab');
    await page.key('Tab');
    const f = await page.eval(focusRing);
    const c = f.active && rgb(f.color) && rgb(f.bg) ? contrast(rgb(f.color), rgb(f.bg)) : 0;
    check(f.active && f.style !== 'none' && f.width >= 2 && c >= 3,
      `${loc} (${scheme}): focus ring of the leave control ${f.style} ${f.width}px ${f.color} on ${f.bg}: ${c.toFixed(2)}:1, want 3:1`);
    if (!dark) {
      const h = await page.eval(headingBelowStrip);
      if (h) check(h.heading >= h.bar - 1, `${loc}/${ch}: a heading reached by a link starts at ${Math.round(h.heading)} px, under the leave strip (${Math.round(h.bar)} px)`);
      await page.goto(url(dir, ch));
      const links = await page.eval(helpLinks);
      check(links.length >= 1, `${loc}: no help links beside the leave control`);
      for (let i = 0; i < links.length; i++) {
        check(links[i].h >= 24, `${loc}: help link ${i + 1} is ${links[i].h.toFixed(1)} px tall, want 24`);
        if (i) check(gapBetween(links[i - 1], links[i]) >= 8,
          `${loc}: help links ${i} and ${i + 1} are ${gapBetween(links[i - 1], links[i]).toFixed(1)} px apart, want 8`);
      }
    }
    await page.close();
  }
  // Esc leaves from a chapter, the print page and the search page; a tap from a chapter.
  for (const [p, how] of [[ch, 'Escape'], ['print.html', 'Escape'], ['search.html', 'Escape'], [chapters(dir)[0], 'tap']]) {
    const page = await eng.page({ width: 360 });
    await page.goto(url(dir, p));
    let ok = true;
    try {
      if (how === 'tap') await page.tap('#quick-exit'); else await page.key('Escape');
      await page.waitUrl(/\/leave\.html$/);
    } catch (e) { ok = false; }
    check(ok, `${loc}/${p}: ${how} does not leave (at ${await page.url()})`);
    await page.close();
  }
  // The print page: its title names the book once; the licence address is
  // isolated left to right (in Arabic its slash stayed at the end).
  {
    const page = await eng.page({ width: 360 });
    await page.goto(url(dir, 'print.html'));
    const pr = await page.eval(() => {
      const book = document.querySelector('.title-page h1').textContent.trim();
      const a = document.querySelector('.title-page .rights a');
      const st = a && getComputedStyle(a);
      return { times: document.title.split(book).length - 1, title: document.title,
        dir: st && st.direction, bidi: st && st.unicodeBidi };
    });
    check(pr.times === 1, `${loc}/print.html: the title "${pr.title}" names the book ${pr.times} times`);
    check(!pr.dir || (pr.dir === 'ltr' && /isolate|plaintext/.test(pr.bidi)),
      `${loc}/print.html: the licence address is ${pr.dir} ${pr.bidi}, not an isolated left-to-right run`);
    await page.close();
  }
  // The leave page says plainly what leaving does not do.
  const page = await eng.page({ width: 360 });
  await page.goto(url(dir, 'leave.html'));
  const note = await page.eval(() => { const n = document.querySelector('.leave-note'); return n ? n.textContent : ''; });
  check(note.length > 40, `${loc}/leave.html: no note on what leaving does and does not do`);
  // Hidden when printing (only where the engine can emulate print).
  if (!page.print) {
    if (loc === locales[0]) skip('the leave strip hidden in print: this engine (driver) cannot emulate print media');
  } else {
    await page.goto(url(dir, ch));
    await page.print();
    const shown = await page.eval(() => getComputedStyle(document.querySelector('.exit-bar')).display !== 'none');
    check(!shown, `${loc}: the leave strip is printed`);
  }
  await page.close();
}

async function chooser(eng) {
  const page = await eng.page({ width: 360 });
  await page.goto(url(dist, 'index.html'));
  await page.key('Escape');
  let ok = true;
  try { await page.waitUrl(/\/leave\.html$/); } catch (e) { ok = false; }
  check(ok, `chooser: Escape does not leave (at ${await page.url()})`);
  await page.close();
  // The heading in the reader's language (Chromium: its browser language
  // is set per context; the others keep their own).
  if (eng.name !== 'chromium') return;
  for (const loc of locales.filter(l => l !== 'en').slice(0, 3)) {
    const p = await eng.page({ width: 360, lang: loc });
    await p.goto(url(dist, 'index.html'));
    const h = await p.eval(l => {
      const h1 = document.querySelector('h1');
      const li = document.querySelector('.locales li');
      return { text: h1.textContent, lang: h1.getAttribute('lang'), want: li.getAttribute('data-title'),
        first: li.querySelector('a').getAttribute('lang') };
    });
    check(h.first === loc && h.want && h.text === h.want && h.lang === loc,
      `chooser in ${loc}: first ${h.first}, heading "${h.text}" (${h.lang}), want "${h.want}"`);
    await p.close();
  }
}

// --- 3: an old engine and no JavaScript ---

// What an engine of about 2017 does not know, removed from the stylesheet:
// custom properties and var(), logical properties, :focus-visible, gap, grid.
function oldCss(css) {
  css = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const out = [];
  const re = /([^{}]+)\{([^{}]*)\}/g;
  let m;
  while ((m = re.exec(css)) !== null) {
    const sel = m[1].trim();
    if (/:focus-visible|@supports/.test(sel)) { out.push(''); continue; }
    const decls = m[2].split(';').map(d => d.trim()).filter(d => d && !(
      /^--/.test(d) || /var\(/.test(d) ||
      /^(inset|margin-inline|margin-block|padding-inline|padding-block|border-inline|border-block|inset-inline|inset-block|(min-|max-)?(inline|block)-size)\b/.test(d) ||
      /^(row-|column-)?gap\s*:/.test(d) || /:\s*(inline-)?grid\b/.test(d) ||
      /:\s*(start|end)\s*$/.test(d) || /scroll-padding|scroll-margin/.test(d)));
    out.push(`${sel} { ${decls.join('; ')} }`);
  }
  // Media queries keep their braces: re-wrap the rules that were inside.
  return css.replace(re, () => out.shift());
}

async function oldEngine(eng) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oldcss-'));
  const locs = locales.filter(l => ['en', 'ar'].includes(l));
  for (const loc of locs) fs.cpSync(path.join(dist, loc), path.join(tmp, loc), { recursive: true });
  const css = fs.readFileSync(path.join(dist, locs[0] || locales[0], 'assets', 'handbook.css'), 'utf8');
  const stripped = oldCss(css);
  for (const loc of locs) fs.writeFileSync(path.join(tmp, loc, 'assets', 'handbook.css'), stripped);
  check(!/var\(|inset-|focus-visible|gap:/.test(stripped), 'the old-engine stylesheet still has new rules');
  for (const loc of locs) {
    const dir = path.join(tmp, loc);
    const ch = chapters(dir)[2];
    const page = await eng.page({ width: 360 });
    await page.goto(url(dir, ch));
    const r = await page.eval(() => {
      const rect = e => { const b = e.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, left: b.left, right: b.right, w: b.width, h: b.height }; };
      const sk = rect(document.querySelector('.skip-link'));
      const q = rect(document.getElementById('quick-exit'));
      const langs = Array.prototype.map.call(document.querySelectorAll('.languages li'), rect);
      return { sk, q, langs, width: document.documentElement.scrollWidth, client: document.documentElement.clientWidth };
    });
    const overlap = !(r.sk.bottom <= r.q.top || r.sk.top >= r.q.bottom || r.sk.right <= r.q.left || r.sk.left >= r.q.right);
    check(r.sk.bottom <= 0 || !overlap, `${loc} (old CSS): the skip link is on screen over the leave control`);
    check(r.q.w >= 44 && r.q.h >= 44, `${loc} (old CSS): leave control ${Math.round(r.q.w)}x${Math.round(r.q.h)}`);
    let close = 0;
    for (let i = 1; i < r.langs.length; i++) {
      const a = r.langs[i - 1], b = r.langs[i];
      if (Math.abs(a.top - b.top) < 2 && Math.max(b.left - a.right, a.left - b.right) < 4) close++;
    }
    check(r.langs.length > 1 && close === 0, `${loc} (old CSS): ${close} language names run together`);
    check(r.width <= r.client, `${loc} (old CSS): the page is ${r.width} px wide at 360 px`);
    await page.close();
  }
  // No JavaScript: the chapter reads, the leave control is a plain link,
  // search says it needs JavaScript.
  const loc = locales[0], dir = path.join(dist, loc);
  const page = await eng.page({ width: 360, js: false });
  await page.goto(url(dir, chapters(dir)[0]));
  const r = await page.eval(() => 0).catch(() => null);
  if (r === null) skip('no JavaScript: this engine cannot measure a page with scripts off');
  else {
    // Scripts are off for the page; the driver's own evaluation still works.
    const nojs = await page.eval(() => ({
      text: document.querySelector('main').innerText.length,
      exit: document.getElementById('quick-exit').getAttribute('href'),
      h: document.getElementById('quick-exit').getBoundingClientRect().height,
    }));
    check(nojs.text > 500 && nojs.exit === 'leave.html' && nojs.h >= 44,
      `${loc} (no JavaScript): text ${nojs.text}, leave link ${nojs.exit} ${nojs.h}px`);
    await page.goto(url(dir, 'search.html?q=x'));
    // With scripts off, <noscript> holds elements (with scripts on, text).
    const ns = await page.eval(() => { const p = document.querySelector('noscript p'); return p ? p.offsetHeight : -1; });
    check(ns > 0, `${loc} (no JavaScript): the search page does not say it needs JavaScript (${ns})`);
  }
  await page.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

(async () => {
  const eng = await engines.open(engineName);
  if (eng.skipped) {
    skip(eng.skipped);
  } else {
    try {
      await widths(eng);
      await chooser(eng);
      for (const loc of locales) await leaveControl(eng, loc);
      if (engineName === 'webkit') skip('old CSS and no JavaScript: checked in Chromium and Firefox only');
      else await oldEngine(eng);
    } finally {
      await eng.close();
    }
  }
  console.log(`${suite}: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
  process.exit(failed ? 1 : 0);
})().catch(e => { console.error(e); console.log(`${suite}: ${passed} passed, ${failed + 1} failed`); process.exit(1); });

module.exports = { oldCss };
