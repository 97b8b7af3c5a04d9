// Debian's Chromium, headless, as tests must run it: no sandbox (root in
// CI), and none of the background connections a closed network refuses.
'use strict';
const { chromium } = require('playwright-core');

module.exports.launch = () => chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
