// Times the review page in headless Chromium (Debian's, via the playwright-core that tests/js installs): load,
// the needs-attention filter, a sort by confidence, one decision and the download. Prints milliseconds as JSON.
// Usage: node benchmarks/review_page_timing.js PAGE.html DOWNLOAD.json
const path = require('path')
const { launch } = require(path.join(__dirname, '..', 'tests', 'js', 'browser'))

;(async () => {
  const [file, out] = process.argv.slice(2)
  const browser = await launch()
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage()
  const errors = []
  page.on('pageerror', (err) => errors.push(String(err)))
  const ms = {}
  const timed = async (name, step) => { const t0 = Date.now(); await step(); ms[name] = Date.now() - t0 }
  await timed('load', () => page.goto('file://' + path.resolve(file), { waitUntil: 'load', timeout: 600000 }))
  await timed('needs attention', () => page.check('#f-attention'))
  await timed('sort by confidence', () => page.selectOption('#f-sort', 'confidence'))
  await timed('all again', () => page.uncheck('#f-attention'))
  await timed('decide', () => page.locator('button.decide[data-action="not-reference"]').last().click())
  await timed('download', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')])
    await download.saveAs(out)
  })
  const shown = await page.textContent('#shown')
  await browser.close()
  process.stdout.write(JSON.stringify({ ms, errors, shown: Number(shown) }))
})().catch((err) => { console.error(String(err)); process.exit(2) })
