// make bench: a reader on a slow phone, simulated. Chromium with its CPU
// slowed 6x, from file://, per locale: first contentful paint of the
// longest chapter, and search from navigation to the first result in the
// page. Medians of RUNS runs, in ms. Figures only, never a pass or fail.
//
// usage: node tests/bench-reader.js DIST LOCALE[=QUERY]...
'use strict';
const fs = require('fs');
const path = require('path');
const { launch } = require('./chromium');

const [distArg, ...locales] = process.argv.slice(2);
const dist = path.resolve(distArg);
const RUNS = +(process.env.RUNS || 5);
const median = a => a.slice().sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)];

function longest(dir) {
  return fs.readdirSync(dir).filter(f => /^\d.*\.html$/.test(f))
    .map(f => [fs.statSync(path.join(dir, f)).size, f]).sort((a, b) => b[0] - a[0])[0][1];
}
// The title of the glossary's second entry: a word the reader might look up.
function query(dir) {
  const src = fs.readFileSync(path.join(dir, 'search-index.js'), 'utf8');
  const m = src.match(/\["13-glossary","[^"]+","([^"]+)"/);
  return m ? m[1].split(/\s+/)[0] : 'a';
}

(async () => {
  const browser = await launch();
  console.log(`  ${'locale'.padEnd(8)} ${'chapter'.padEnd(30)} ${'FCP ms'.padStart(7)} ${'search ms'.padStart(10)} ${'index KB'.padStart(9)}  query`);
  for (const arg of locales) {
    // LOCALE or LOCALE=QUERY
    const loc = arg.split('=')[0], dir = path.join(dist, loc), ch = longest(dir);
    const q = arg.includes('=') ? arg.slice(loc.length + 1) : query(dir);
    const fcp = [], first = [];
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
      // The moment the first result enters the page, seen from inside it.
      await ctx.addInitScript(() => {
        new MutationObserver((m, o) => {
          const r = document.getElementById('search-results');
          if (r && r.querySelector('li')) { window.hbFirstResult = performance.now(); o.disconnect(); }
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
      await page.goto('file://' + path.join(dir, ch));
      fcp.push(await page.evaluate(() => new Promise(res => {
        const e = performance.getEntriesByName('first-contentful-paint')[0];
        if (e) return res(e.startTime);
        new PerformanceObserver(l => res(l.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true });
      })));
      await page.goto('file://' + path.join(dir, 'search.html') + '?q=' + encodeURIComponent(q));
      await page.waitForSelector('#search-results li', { timeout: 20000 });
      first.push(await page.evaluate(() => window.hbFirstResult));
      await ctx.close();
    }
    const kb = fs.statSync(path.join(dir, 'search-index.js')).size / 1024;
    console.log(`  ${loc.padEnd(8)} ${ch.padEnd(30)} ${median(fcp).toFixed(0).padStart(7)} ${median(first).toFixed(0).padStart(10)} ${kb.toFixed(0).padStart(9)}  ${q}`);
  }
  console.log('  (6x slower CPU; FCP of the longest chapter; search: navigation start to the first result in the page;');
  console.log(`   load average when done: ${require('os').loadavg()[0].toFixed(1)} on ${require('os').cpus().length} CPUs: other work inflates the figures)`);
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
