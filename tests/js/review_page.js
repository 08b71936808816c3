// Uses the review page as a curator would, in headless Chromium (Debian's, via playwright-core): filters,
// sorts, decides on two rows, opens the records weighed for a third and takes one, and downloads the decisions
// file. Prints what it saw as JSON.
// Usage: node review_page.js PAGE.html DOWNLOAD.json REJECT_RAW_PART NOT_REFERENCE_RAW_PART
const path = require('path')
const { launch } = require('./browser')

const visibleRows = (page) => page.$$eval('tr.ref', (els) => els.filter((e) => e.offsetParent !== null)
  .map((e) => ({ status: e.dataset.status, confidence: Number(e.dataset.confidence), raw: e.dataset.raw,
    attention: e.dataset.attention, file: e.dataset.file })))

;(async () => {
  const [file, out, rejectPart, notRefPart] = process.argv.slice(2)
  const browser = await launch()
  const context = await browser.newContext({ acceptDownloads: true })
  const page = await context.newPage()
  const errors = []
  const requests = []
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()) })
  page.on('pageerror', (err) => errors.push(String(err)))
  page.on('request', (req) => { if (!req.url().startsWith('file:') && !req.url().startsWith('blob:')) requests.push(req.url()) })
  await page.goto('file://' + path.resolve(file), { waitUntil: 'load' })
  const all = await visibleRows(page)
  await page.check('#f-attention')
  const attention = await visibleRows(page)
  await page.uncheck('#f-attention')
  await page.selectOption('#f-status', 'matched')
  const matched = await visibleRows(page)
  await page.selectOption('#f-status', '')
  await page.selectOption('#f-sort', 'confidence')
  const sorted = await visibleRows(page)
  const shown = await page.textContent('#shown')
  const row = (part) => page.locator('tr.ref', { hasText: part }).first()
  await row(rejectPart).locator('button.decide[data-action="reject-doi"]').click()
  await row(notRefPart).locator('button.decide[data-action="not-reference"]').click()
  const offers = page.locator('details.offers').first()
  await offers.locator('summary').click()
  const offerShown = await offers.locator('table').isVisible()
  const disagree = await offers.locator('td.disagree').count()
  await offers.locator('button.decide').first().click()
  const count = await page.textContent('#decided-count')
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')])
  await download.saveAs(out)
  await browser.close()
  process.stdout.write(JSON.stringify({ all, attention, matched, sorted, shown, count, errors, requests, offerShown, disagree,
    name: download.suggestedFilename() }))
})().catch((err) => { console.error(String(err)); process.exit(2) })
