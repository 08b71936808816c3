// Renders a CSL-JSON file's bibliography with citeproc-js (the CSL reference processor), every item cited once in
// file order, and prints the entries as a JSON list of strings.
// Usage: node csl.js STYLE.csl ITEMS.json LOCALES_DIR (text|html)
const fs = require('fs')
const path = require('path')
const CSL = require('citeproc')

const [stylePath, itemsPath, localesDir, format] = process.argv.slice(2)
const items = JSON.parse(fs.readFileSync(itemsPath, 'utf8'))
const byId = Object.fromEntries(items.map(item => [String(item.id), item]))
const sys = {
  retrieveItem: id => byId[id],
  retrieveLocale: lang => {
    const file = path.join(localesDir, `locales-${lang}.xml`)
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : false
  }
}
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, 'utf8'))
engine.setOutputFormat(format)
engine.updateItems(items.map(item => String(item.id)))
const [, entries] = engine.makeBibliography()
process.stdout.write(JSON.stringify(entries))
