// Debian's Chromium, headless, through playwright-core (no browser download): what every page script opens.
const { chromium } = require('playwright-core')

exports.launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
})
