// The three browser engines the reader tests run in, behind one small
// interface, so that a test is written once:
//
//   const eng = await engines.open('chromium' | 'firefox' | 'webkit');
//   if (eng.skipped) …                       // why it cannot run here
//   const page = await eng.page({ width: 360, height: 740, dark: false, js: true });
//   await page.goto(url); await page.eval(fn, arg); await page.key('Escape');
//   await page.url(); await page.close(); await eng.close();
//
// chromium: Debian's Chromium through playwright-core, in phone emulation
//           (isMobile, touch, the viewport meta tag honoured).
// firefox:  Debian's firefox-esr through puppeteer-core over WebDriver BiDi.
// webkit:   WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver,
//           spoken here over HTTP with Node's fetch) under xvfb-run. Its
//           window cannot be narrower than about 450 px, so each page is
//           shown in an iframe of the wanted width inside a harness page and
//           the test runs inside that frame (WebDriver's "switch to frame").
//
// An engine that cannot start gives { skipped: 'reason' }: the test then
// reports it as skipped, never as passed.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

async function chromium() {
  const { launch } = require('./chromium');
  const browser = await launch();
  return {
    name: 'chromium',
    async page(o = {}) {
      const ctx = await browser.newContext({
        viewport: { width: o.width || 360, height: o.height || 740 },
        isMobile: o.mobile !== false, hasTouch: o.mobile !== false,
        colorScheme: o.dark ? 'dark' : 'light', javaScriptEnabled: o.js !== false,
        locale: o.lang,
      });
      const p = await ctx.newPage();
      const errors = [];
      p.on('pageerror', e => errors.push(String(e)));
      return {
        errors,
        goto: url => p.goto(url),
        eval: (fn, arg) => p.evaluate(fn, arg),
        key: async k => { await p.keyboard.press(k); },
        tap: async sel => { await p.tap(sel); },
        print: () => p.emulateMedia({ media: 'print' }),
        waitUrl: re => p.waitForURL(re, { timeout: 5000 }),
        url: async () => p.url(),
        raw: p,
        close: () => ctx.close(),
      };
    },
    close: () => browser.close(),
  };
}

async function firefox() {
  const exe = '/usr/bin/firefox-esr';
  if (!fs.existsSync(exe)) return { skipped: 'firefox-esr is not installed (apt-get install firefox-esr)' };
  let puppeteer;
  try { puppeteer = require('puppeteer-core'); } catch (e) { return { skipped: 'npm puppeteer-core is missing (npm ci)' }; }
  // Over BiDi, puppeteer cannot emulate prefers-color-scheme: the dark
  // scheme is a second browser with Firefox's own override (0 = dark).
  // Nor turn scripts off: that too is a browser of its own (a preference).
  const start = (dark, js) => puppeteer.launch({
    browser: 'firefox', executablePath: exe, headless: true,
    extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false, 'javascript.enabled': js,
      'layout.css.prefers-color-scheme.content-override': dark ? 0 : 1 },
  });
  const browsers = { 'false true': await start(false, true) };
  return {
    name: 'firefox',
    async page(o = {}) {
      const key = `${!!o.dark} ${o.js !== false}`;
      const browser = browsers[key] || (browsers[key] = await start(!!o.dark, o.js !== false));
      const ctx = await browser.createBrowserContext();
      const p = await ctx.newPage();
      await p.setViewport({ width: o.width || 360, height: o.height || 740 });
      const errors = [];
      p.on('pageerror', e => errors.push(String(e)));
      return {
        errors,
        goto: url => p.goto(url, { waitUntil: 'load' }),
        eval: (fn, arg) => p.evaluate(fn, arg),
        key: k => p.keyboard.press(k),
        tap: sel => p.click(sel),
        waitUrl: re => p.waitForFunction(s => new RegExp(s).test(location.href),
          { timeout: 5000 }, re.source),
        url: async () => p.url(),
        raw: p,
        close: () => ctx.close(),
      };
    },
    close: () => Promise.all(Object.values(browsers).map(b => b.close())),
  };
}

// --- WebKit over plain W3C WebDriver -------------------------------------

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

async function webkit() {
  const driver = which('WebKitWebDriver'), xvfb = which('xvfb-run');
  const mini = ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser'].find(f => fs.existsSync(f));
  if (!driver) return { skipped: 'WebKitWebDriver is not installed (apt-get install webkit2gtk-driver)' };
  if (!xvfb) return { skipped: 'xvfb-run is not installed (apt-get install xvfb xauth)' };
  if (!mini) return { skipped: 'MiniBrowser is not installed (webkit2gtk-driver brings it)' };
  const port = 40000 + (process.pid % 20000);
  const proc = spawn(xvfb, ['-a', '-s', '-screen 0 1280x1024x24', driver, `--port=${port}`],
    { stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}`;
  async function cmd(method, url, body) {
    const r = await fetch(base + url, { method, headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const j = await r.json();
    if (!r.ok) throw new Error(`WebDriver ${url}: ${j.value && j.value.message}`);
    return j.value;
  }
  const stop = () => { try { process.kill(-proc.pid, 'SIGTERM'); } catch (e) { /* gone */ } };
  let session = null;
  for (let i = 0; i < 50 && !session; i++) {
    await new Promise(r => setTimeout(r, 200));
    try {
      session = (await cmd('POST', '/session', { capabilities: { alwaysMatch: {
        'webkitgtk:browserOptions': { binary: mini, args: ['--automation'] } } } })).sessionId;
    } catch (e) { if (i === 49) { stop(); return { skipped: 'WebKitWebDriver did not start: ' + e.message }; } }
  }
  const s = (m, u, b) => cmd(m, `/session/${session}${u}`, b);
  const harnessDir = fs.mkdtempSync(path.join(os.tmpdir(), 'webkit-harness-'));
  let n = 0;
  return {
    name: 'webkit',
    async page(o = {}) {
      // A harness page holding an iframe of the wanted size.
      const w = o.width || 360, h = o.height || 740;
      const harness = path.join(harnessDir, `h${n++}.html`);
      fs.writeFileSync(harness, `<!doctype html><meta charset="utf-8"><body style="margin:0">` +
        `<iframe id="f" style="border:0;width:${w}px;height:${h}px"></iframe>`);
      await s('POST', '/url', { url: 'file://' + harness });
      const errors = [];
      async function frame() {
        await s('POST', '/frame', { id: null });
        const el = await s('POST', '/element', { using: 'css selector', value: '#f' });
        await s('POST', '/frame', { id: el });
      }
      async function loaded() {
        for (let i = 0; i < 100; i++) {
          try {
            await frame();
            if (await s('POST', '/execute/sync', { script: 'return document.readyState', args: [] }) === 'complete') return;
          } catch (e) { /* between documents */ }
          await new Promise(r => setTimeout(r, 50));
        }
      }
      const self = {
        errors,
        async goto(url) {
          await s('POST', '/frame', { id: null });
          await s('POST', '/execute/sync', { script: 'document.getElementById("f").src = arguments[0]', args: [url] });
          await new Promise(r => setTimeout(r, 100));
          await loaded();
        },
        async eval(fn, arg) {
          return s('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments)`, args: [arg] });
        },
        async key(k) {
          const value = k === 'Escape' ? '\uE00C' : k === 'Tab' ? '\uE004' : k;
          await s('POST', '/actions', { actions: [{ type: 'key', id: 'kb', actions: [
            { type: 'keyDown', value }, { type: 'keyUp', value }] }] });
          await new Promise(r => setTimeout(r, 300));
          await loaded();
        },
        async tap(sel) {
          const el = await s('POST', '/element', { using: 'css selector', value: sel });
          await s('POST', `/element/${el[ELEMENT]}/click`, {});
          await new Promise(r => setTimeout(r, 300));
          await loaded();
        },
        async waitUrl(re) {
          for (let i = 0; i < 50; i++) {
            if (re.test(await self.url())) return;
            await new Promise(r => setTimeout(r, 100));
          }
          throw new Error('timeout waiting for ' + re);
        },
        url: () => self.eval(function () { return location.href; }),
        close: async () => {},
      };
      return self;
    },
    async close() {
      try { await s('DELETE', ''); } catch (e) { /* already gone */ }
      stop();
      fs.rmSync(harnessDir, { recursive: true, force: true });
    },
  };
}

module.exports.open = async function open(name) {
  try {
    if (name === 'chromium') return await chromium();
    if (name === 'firefox') return await firefox();
    if (name === 'webkit') return await webkit();
  } catch (e) {
    return { skipped: `${name} could not start: ${String(e.message || e).split('\n')[0]}` };
  }
  return { skipped: `unknown engine ${name}` };
};
