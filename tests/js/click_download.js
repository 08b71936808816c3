// Clicks the given selectors in order on a page in headless Chromium, then "Download decisions", and saves
// the download. Prints the console errors and the suggested file name as JSON.
// Usage: node click_download.js PAGE.html OUT.json STEP...   (a STEP is a selector to click, or fill:SELECTOR::VALUE)
const path = require('path')
const { launch } = require('./browser')

;(async () => {
  const [file, out, ...selectors] = process.argv.slice(2)
  const browser = await launch()
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage()
  const errors = []
  page.on('pageerror', (err) => errors.push(String(err)))
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()) })
  await page.goto('file://' + path.resolve(file), { waitUntil: 'load' })
  for (const step of selectors) {
    if (step.startsWith('fill:')) {  // fill:SELECTOR::VALUE
      const [selector, ...value] = step.slice(5).split('::')
      await page.locator(selector).first().fill(value.join('::'))
    } else {
      await page.locator(step).first().click()
    }
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')])
  await download.saveAs(out)
  await browser.close()
  process.stdout.write(JSON.stringify({ errors, name: download.suggestedFilename() }))
})().catch((err) => { console.error(String(err)); process.exit(2) })
