// Reads a BibTeX or CSL-JSON file with citation-js and prints the CSL-JSON it understood.
// Usage: node read.js FILE (bibtex|csljson)
const fs = require('fs')
const { Cite } = require('@citation-js/core')
require('@citation-js/plugin-bibtex')
require('@citation-js/plugin-csl')

const [file, kind] = process.argv.slice(2)
const text = fs.readFileSync(file, 'utf8')
const input = kind === 'csljson' ? JSON.parse(text) : text
const options = kind === 'csljson' ? { forceType: '@csl/list+object' } : { forceType: '@biblatex/text' }
const cite = new Cite(input, options)
process.stdout.write(JSON.stringify(cite.format('data', { format: 'object' })))
