// Imports a BibTeX, RIS or CSL-JSON file with Zotero's own import translators (translation-server's code, as
// zotero-translators bundles it) and prints the Zotero items as JSON.
// Usage: node zotero.js FILE
// package.json overrides wicked-good-xpath: zotero-translators names it by a GitHub URL, which CI does not reach,
// and the same release is on npm.
const fs = require('fs')
// translation-server logs its debug lines with console.log: keep stdout for the items
console.log = () => {}
const translators = require('zotero-translators')

translators.referenceImport(fs.readFileSync(process.argv[2], 'utf8'))
  .then(items => process.stdout.write(JSON.stringify(items)))
  .catch(err => { process.stderr.write(String(err) + '\n'); process.exit(1) })
