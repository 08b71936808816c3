/*
	Boots the vendored translation-server framework (modules/translate, modules/utilities, schema v29) without
	its HTTP server, config files or DOM, and imports a string the way its /import endpoint does.

	Adapted from zotero/translation-server src/zotero.js, src/utilities.js, src/translation/translate.js and
	src/importEndpoint.js (commit in NOTICE.md). Copyright © 2009-2018 Center for History and New Media /
	Corporation for Digital Scholarship. This file is part of the vendored Zotero code and, like it, free software
	under the GNU Affero General Public License version 3 or later (see COPYING).

	What differs from translation-server: preferences are a fixed object (no `config` package), no proxies, HTTP or
	RDF (import of BibTeX, RIS and CSL JSON uses none of them); jsdom only where the utilities unescape HTML (a direct dependency in package.json).
*/
const path = require('path')

const PREFS = { translatorsDirectory: './modules/translators' }

const Zotero = global.Zotero = {
	isNode: true,
	isServer: true,
	locale: 'en-US',
	version: '5.0.97',
	// what itemToAPIJSON discards (a field the item type has no place for) is kept for the caller to report
	discarded: [],
	debug (message, level) {
		if (typeof message === 'string' && message.startsWith('itemToAPIJSON: Discarded')) Zotero.discarded.push(message)
		Zotero.Debug.log(message, level)
	},
	logError (err) { Zotero.debug(err) },
	setTimeout,
	Prefs: { get: (pref) => PREFS[pref], set: (pref, value) => { PREFS[pref] = value }, clear: (pref) => { delete PREFS[pref] } },
	requireTranslate: (p) => require(path.resolve(__dirname, 'modules/translate/src/', p)),
	requireUtilities: (p) => require(path.resolve(__dirname, 'modules/utilities/', p)),
}

Zotero.Promise = Zotero.requireTranslate('./promise')
Zotero.Debug = Zotero.requireTranslate('./debug')
Zotero.Translators = require('./src/translators')

// src/utilities.js of translation-server
Zotero.OpenURL = Zotero.requireUtilities('./openurl')
Zotero.Date = Zotero.requireUtilities('./date')
Zotero.Utilities = Zotero.requireUtilities('./utilities')
Zotero.Utilities = { ...Zotero.Utilities,
	XRegExp: Zotero.requireUtilities('xregexp-all'),
	Item: Zotero.requireUtilities('./utilities_item'),
}
Zotero.Utilities.Translate = Zotero.requireTranslate('./utilities_translate')
Zotero.requireUtilities('xregexp-unicode-zotero')(Zotero.Utilities.XRegExp)
Zotero.Schema = Zotero.requireUtilities('./schema.js')
Zotero.Schema.init(require('./modules/zotero-schema/schema.json'))

// src/zotero.js of translation-server
Zotero.Date.init(Zotero.requireUtilities('./resource/dateFormats.json'))
Zotero.Translator = Zotero.requireTranslate('./translator')

// src/translation/translate.js of translation-server, less the DOM shims
Zotero.Translate = { ...Zotero.requireTranslate('./translation/translate'),
	SandboxManager: require('./src/translation/sandboxManager'),
	...require('./src/translation/translate_item'),
}
Zotero.Translate.ItemSaver.prototype.saveItems = async function (jsonItems) {
	this.items = (this.items || []).concat(jsonItems)
	return jsonItems
}
Object.assign(Zotero, Zotero.requireUtilities('./cachedTypes'))
Zotero.setTypeSchema(Zotero.requireUtilities('./resource/zoteroTypeSchemaData'))

/** The items Zotero makes of `text`, as translation-server's /import endpoint returns them (API JSON). */
async function importString (text) {
	await Zotero.Translators.init()
	const translate = new Zotero.Translate.Import()
	translate.setString(text)
	const translators = await translate.getTranslators()
	if (translators.length === 0) throw new Error('No suitable translators found')
	translate.setTranslator(translators[0])
	const items = await translate.translate({ libraryID: 1 })
	const out = []
	Zotero.discarded = []
	for (const item of items) {
		const converted = Zotero.Utilities.Item.itemToAPIJSON(item)
		// tie each discarded field to its item (a child note's own items come after its parent)
		converted[0].discarded = Zotero.discarded.map(m => m.replace('itemToAPIJSON: Discarded ', ''))
		Zotero.discarded = []
		out.push(...converted)
	}
	return { translator: translators[0].label, items: out }
}

module.exports = { importString }
