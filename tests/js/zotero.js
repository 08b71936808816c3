// Imports a BibTeX, RIS or CSL-JSON file with Zotero's own current import translators, run in translation-server's
// framework as vendored in ./zotero (see zotero/NOTICE.md for the commits), and prints the Zotero items as JSON:
// {"translator": label, "items": [API JSON items, each with "discarded": fields Zotero threw away]}.
// Usage: node zotero.js FILE
const fs = require('fs')
// the framework logs its debug lines with console.log: keep stdout for the items
console.log = () => {}
const { importString } = require('./zotero/boot')

importString(fs.readFileSync(process.argv[2], 'utf8'))
  .then(result => process.stdout.write(JSON.stringify(result)))
  .catch(err => { process.stderr.write(String(err && err.stack || err) + '\n'); process.exit(1) })
