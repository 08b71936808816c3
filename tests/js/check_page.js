// Opens an HTML file in headless Chromium (Debian's, via playwright-core) and prints what a reader sees:
// the counts at the top, the rows by status, and every console error or page error.
// Usage: node check_page.js FILE [SCREENSHOT.png]
const path = require('path')
const { launch } = require('./browser')

;(async () => {
  const [file, shot] = process.argv.slice(2)
  const browser = await launch()
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const errors = []
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()) })
  page.on('pageerror', (err) => errors.push(String(err)))
  await page.goto('file://' + path.resolve(file), { waitUntil: 'load' })
  const counts = await page.$$eval('.count', (els) => Object.fromEntries(
    els.map((e) => [e.id.replace(/^count-/, ''), Number(e.dataset.count)])))
  const rows = await page.$$eval('tr.ref', (els) => els.map((e) => e.dataset.status))
  const visible = await page.isVisible('h1')
  if (shot) await page.screenshot({ path: shot, fullPage: false })
  await browser.close()
  process.stdout.write(JSON.stringify({ counts, rows, errors, visible }))
})().catch((err) => { console.error(String(err)); process.exit(2) })
