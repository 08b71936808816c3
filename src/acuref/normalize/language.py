"""The language of one cited work, from its own title's script and words (CSL ``language``, anystyle#234).

A Dutch page may cite English papers: each reference is judged on its own text, never on the document's.
The script decides first (Cyrillic, Greek, Arabic, Hebrew, CJK, Thai …, told apart by their own letters);
a Latin-script title is judged by its function words and the letters only some languages write. Where the
evidence is weak — a title of three words, an author list, two languages alike — the answer is None: a wrong
language is worse than none.

Codes are bare BCP 47 language subtags (``en``, ``nl``), not ``en-US``: the string shows the language, not
the region, and CSL processors and Zotero read ``en`` as English (citeproc-js title-cases ``en`` and
``en-*`` alike). biblatex's ``langid`` wants a babel or polyglossia name instead: :func:`babel_name`.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["BABEL_NAMES", "babel_name", "detect", "detect_reference"]

# Function words of titles, one set per language; a word in several sets counts for each.
_WORDS = {
    "en": "the of a and in for with on to from by at an is are as its their between among using during after "
          "versus into through under within without how what why does do can not or new towards toward via "
          "study analysis effect effects patients treatment review trial randomized randomised clinical disease "
          "health care risk based system systems approach evidence outcomes children women use role early "
          "management assessment evaluation report case model models data theory development",
    "nl": "de het een van en in voor met op bij naar over door zijn niet als aan uit tot na tussen onderzoek "
          "behandeling patiënten ziekte zorg gezondheid kinderen jaar welke wat hoe wordt worden naar eerste "
          "nederland nederlandse",
    "de": "der die das und in zu vom am für mit von zur zum im des dem den bei auf ein eine einer eines über nach "
          "als aus "
          "ist sind nicht oder wie untersuchung behandlung patienten therapie einfluss bedeutung zwischen "
          "deutschland deutschen beitrag neue neuen",
    "fr": "le la les des du de et en pour dans sur une un par au aux avec chez est sont entre son ses leur "
          "que qui ce ou pas plus l' d' qu' "
          "étude traitement maladie santé sur approche analyse enfants française france nouvelle",
    "es": "el la los las de del y en para con por una un sobre entre al su sus como estudio tratamiento "
          "pacientes enfermedad salud análisis desde hacia según españa niños",
    "it": "il lo la gli le di del della dei delle degli e in per con nel nella nei una un sulla sul tra da "
          "dopo sono come alla alle dal dalla nelle sui l' dell' all' nell' dall' un' d' "
          "studio trattamento pazienti malattia salute analisi italia italiana",
    "pt": "o a os as de do da dos das e em no na nos nas para com um uma por sobre entre ao estudo "
          "tratamento pacientes doença saúde análise brasil crianças não",
    "pl": "i w z na do się oraz jako dla przez od po nie jest ze we badania leczenie pacjentów polsce "
          "analiza wpływ",
    "cs": "a v z na do se pro při jako od po je ve ze k o léčba pacientů studie analýza vliv",
    "sv": "och i av för med på till en ett som om vid från hos inte behandling patienter studie svenska",
    "da": "og i af for med på til en et som om ved fra hos ikke behandling patienter undersøgelse danske",
    "no": "og i av for med på til en et som om ved fra hos ikke behandling pasienter studie norske",
    "fi": "ja on ei sekä kanssa että tai tutkimus hoito potilaiden suomessa",
    "tr": "ve bir ile için bu da de olarak üzerine ilişkin bir tedavi hastalarda çalışma türkiye",
    "hu": "a az és egy hogy nem is van meg vagy kezelés betegek vizsgálat magyar",
    "ro": "și în de la cu pentru din pe un o al ale studiu tratament pacienți românia",
}
_WORD_SETS = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}

# Letters only some of these languages write: each is evidence for those languages and against the rest.
_LETTERS = {
    "ß": {"de"}, "ñ": {"es"}, "ã": {"pt"}, "õ": {"pt"}, "ł": {"pl"}, "ą": {"pl"}, "ę": {"pl"}, "ś": {"pl"},
    "ź": {"pl"}, "ż": {"pl"}, "ř": {"cs"}, "ů": {"cs"}, "ě": {"cs"}, "ő": {"hu"}, "ű": {"hu"}, "ğ": {"tr"},
    "ş": {"tr", "ro"}, "ı": {"tr"}, "ț": {"ro"}, "ă": {"ro"}, "ø": {"da", "no"}, "æ": {"da", "no"},
    "å": {"sv", "da", "no"}, "ä": {"de", "sv", "fi"}, "ö": {"de", "sv", "fi", "hu", "tr"},
    "ü": {"de", "tr", "hu"}, "è": {"fr", "it"}, "ê": {"fr", "pt"}, "à": {"fr", "it", "pt"}, "ç": {"fr", "pt", "tr"},
    "œ": {"fr"}, "ë": {"nl", "fr"}, "ï": {"nl", "fr"},
}
_TOKENS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        script = next((s for s in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "CYRILLIC", "GREEK", "ARABIC", "HEBREW",
                                   "THAI", "DEVANAGARI", "LATIN") if s in name), "OTHER")
        counts[script] = counts.get(script, 0) + 1
    return counts


def _cyrillic(text: str) -> str | None:
    lower = text.lower()
    if re.search("[ђћџљњј]", lower):
        return "sr"
    if re.search("[ѓќѕ]", lower):
        return "mk"
    if re.search("[ієїґ]", lower) and not re.search("[ыэъё]", lower):
        return "uk"
    if "ў" in lower:
        return "be"
    if re.search("[ыэё]", lower):
        return "ru"
    if lower.count("ъ") >= 2:
        return "bg"  # Bulgarian writes ъ as a vowel; Russian only as a rare hard sign
    return None


def _by_script(text: str) -> str | None | bool:
    """The language a non-Latin script tells, None when it cannot tell which, False for a Latin text."""
    counts = _script_counts(text)
    letters = sum(counts.values())
    latin = counts.get("LATIN", 0)
    others = letters - latin
    if not letters or others < 4 and latin >= others or others < letters * 0.25:
        return False  # a Latin-script text (a Japanese title's "XML" or "Data on the Web" does not make it one)
    kana = counts.get("HIRAGANA", 0) + counts.get("KATAKANA", 0)
    if kana:
        return "ja"
    if counts.get("HANGUL"):
        return "ko"
    top = max((s for s in counts if s != "LATIN"), key=lambda s: counts[s])
    if counts[top] < 2:
        return None
    if top == "CJK":
        return "zh"
    if top == "CYRILLIC":
        return _cyrillic(text) if counts[top] >= 12 else None
    if top == "ARABIC":
        return "fa" if re.search("[پچژگ]", text) else "ur" if re.search("[ٹڈڑںے]", text) else "ar"
    return {"GREEK": "el", "HEBREW": "he", "THAI": "th", "DEVANAGARI": "hi"}.get(top)


def detect(text: str | None) -> str | None:
    """The language of a title (or a reference string's words), or None when the evidence is weak."""
    if not text or not text.strip():
        return None
    script = _by_script(text)
    if script is not False:
        return script  # type: ignore[return-value]
    words = []
    for token in _TOKENS.findall(text):
        token = token.lower().replace("’", "'")
        head, _, rest = token.partition("'")
        words += [head + "'", rest] if rest and len(head) <= 4 else [token]  # l'alluvione: l' and alluvione
    if len(words) < 4:
        return None  # "Measurement of pain": too short to tell
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _WORD_SETS.items()}
    lowered = text.lower()
    for letter, langs in _LETTERS.items():
        if letter in lowered:
            for lang in scores:
                scores[lang] += 2 if lang in langs and len(langs) == 1 else 1 if lang in langs else -1
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 2 or (top < 2 * second and top - second < 3) or top < len(words) * 0.15:
        return None
    return best


def detect_reference(title: str | None, raw: str | None = None) -> str | None:
    """A parsed reference's language: its title's, or (a title in a non-Latin script, or none read) the raw
    string's script alone. Names, journal abbreviations and page numbers are no evidence of a language."""
    found = detect(title) if title else None
    if found or raw is None:
        return found
    script = _by_script(raw)
    return script if isinstance(script, str) else None


# babel (and polyglossia) language names for biblatex's langid, which takes names, not codes.
BABEL_NAMES = {
    "ar": "arabic", "be": "belarusian", "bg": "bulgarian", "cs": "czech", "da": "danish", "de": "ngerman",
    "el": "greek", "en": "english", "es": "spanish", "fa": "persian", "fi": "finnish", "fr": "french",
    "he": "hebrew", "hi": "hindi", "hu": "magyar", "it": "italian", "ja": "japanese", "ko": "korean",
    "mk": "macedonian", "nl": "dutch", "no": "norsk", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "th": "thai", "tr": "turkish", "uk": "ukrainian",
    "ur": "urdu", "zh": "chinese",
}


def from_babel(name: str | None) -> str | None:
    """The language code for a biblatex ``langid`` (``english`` → ``en``); a code, or a name babel does not
    know, stays as written (kept, never dropped)."""
    if not name or not name.strip():
        return None
    return _BABEL_CODES.get(name.strip().lower(), name.strip())


def babel_name(code: str | None) -> str | None:
    """biblatex's ``langid`` for a language code (``en`` → ``english``), or None when babel has no name for it."""
    return BABEL_NAMES.get((code or "").split("-")[0].lower()) if code else None


# babel's names back to codes; babel's other spellings of the same languages too
_BABEL_CODES = {**{name: code for code, name in BABEL_NAMES.items()}, "german": "de", "british": "en",
                "american": "en", "usenglish": "en", "ukenglish": "en", "naustrian": "de", "austrian": "de",
                "swissgerman": "de", "nswissgerman": "de", "hungarian": "hu", "brazil": "pt", "brazilian": "pt",
                "portuges": "pt", "francais": "fr", "frenchb": "fr", "canadien": "fr", "acadian": "fr", "nynorsk": "nn"}
