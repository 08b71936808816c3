"""Is one candidate a reference? The reasons a candidate is not one (prose, boilerplate, too short, no year or locator), and the evidence score with its thresholds."""

from __future__ import annotations

import re
from functools import lru_cache

from acuref.normalize.shapes import split_authors
from acuref.normalize.text import CJK_RE as _CJK_RE
from acuref.normalize.vocabulary import EARLY_YEAR, MONTHS, YEAR_ANY_RE
from acuref.read.evidence import evidence

YEAR_RE = re.compile(rf"(?<![\d/.-]){EARLY_YEAR}(?:[a-z]|/\d{2,4})?(?![\d])")

# A family name (one or two capitalised words), a comma and a capital: "Amsel, Karin", "Roe, J.", "Le Corvo, L.".
NAME_FAMILY = r"[A-ZÀ-ÞĀ-Ž][\w'’-]+(?:[ -][A-ZÀ-ÞĀ-Ž][\w'’-]+)?"
NAME_FIRST_RE = re.compile(NAME_FAMILY + r",\s+[A-ZÀ-ÞĀ-Ž]")


# The reasons judged() gives that callers act on (one spelling for the skipped list and the tests).
PROSE = "running text, not a reference"
BARE_LINK = "a bare link: too short to be a reference"
NO_YEAR = "no year, identifier, locator or legal citation"
ABOUT_LIST = "a sentence about the list, not a reference"


# The case-blind patterns are written in lower case and searched in lower-cased text: Python's re is many
# times slower with IGNORECASE, and these run on every paragraph of a page.
IDENT_RE = re.compile(
    r"\b10\.\d{4,9}/|\bpmid\b|\bpmc\s?\d{4,}|\barxiv\s*:|\bisbn\b|\bissn\b|\bhttps?://|\bwww\.|\brfc\s?\d|"
    r"\bhdl\.handle\.net|\burn:nbn:|\bssrn\b|\bbiorxiv\b|\bmedrxiv\b|\becli:")


_WEB_ADDRESS = frozenset({"http://", "https://", "www."})


_URL_RE = re.compile(r"(?:https?://|www\.)\S+")


_LOCATOR_RE = re.compile(r"\b\d{1,4}\s*(?:\(\s*[\w/-]{1,9}\s*\))?\s*[:,]\s*[eS]?\d{1,6}(?:\s*[-–]\s*\d{1,6})?\b|"
                         r"\b(?:pp?|S|s|С|с|стр)\.\s*\d|\bvol\.\s*\d|\b[TТт]\.\s*\d|№\s*\d|(?<!\d)\d{1,5}\s*(?:pp|p|S|с|页)\b\.?")


_LEGAL_RE = re.compile(r"\bv\.?\s+[A-Z]|§|\bU\.?S\.?C\b|\bStat\.|\bOJ\s+[LC]\b|\bStb\.|\bBVerf|\bBGH\b|\bS\.\s?Ct\.|"
                       r"\bF\.\s?(?:2d|3d|4th|Supp)|\bWLR\b|\bEWCA\b|\bUKSC\b|\bA\.?C\.?\s+\d|\bAll\s+ER\b|\bC-\d+/\d\d")


_UNDATED_RE = re.compile(r"\b(?:n\.\s?d\.|s\.\s?f\.|s\.\s?d\.|o\.\s?j\.|s\.\s?a\.|z\.\s?j\.|b\.\s?r\.|б\.\s?г\.|in\s+press|forthcoming|im\s+druck|sous\s+presse|"
                         r"abruf|zugriff|zugegriffen|visitado|citado|consultato|dostęp|обращения|"
                         r"en\s+prensa|ter\s+perse|accessed|retrieved|abgerufen|consulté|geraadpleegd|consultado)")  # lower case


_BOILERPLATE_RE = re.compile(r"©|\bcopyright\b|all\s+rights\s+reserved|\bprivacy\b|\bcookies?\b|back\s+to\s+top|"
                             r"terug\s+naar\s+boven|\bdisclaimer\b|\bnewsletter\b|\bsubscribe\b")  # lower case


_REPEAT_RE = re.compile(r"^(?:ibid|ibidem|idem|id\.|op\.\s?cit|loc\.\s?cit|art\.\s?cit|ebd\.|ebenda|a\.\s?a\.\s?O\.|aaO)\b",
                        re.IGNORECASE)
# "See above", "Cf. supra note 3", "Vgl. oben": a pointer elsewhere in the text; a repeat only when no citation
# follows it ("See above, Smith 2010, p. 3" still cites).
_POINTER_RE = re.compile(r"^(?:cf\.?|voir|vgl\.?|see|siehe|vedi|véase|zie)\s+(?:supra|infra|oben|unten|above|below|"
                         r"plus\s+(?:haut|bas)|ci-dessus|ci-dessous|sopra|sotto|arriba|abajo|boven|hieronder|"
                         r"note\s+\d+)\b", re.IGNORECASE)


def _repeats(s: str) -> bool:
    """A note that repeats or points to an earlier one and cites nothing new."""
    if _REPEAT_RE.match(s):
        return True
    pointer = _POINTER_RE.match(s)
    return bool(pointer) and not has_core(s[pointer.end():])


_GOES_ON_RE = re.compile(r"(?:https?://|www\.)\S*?(?:[,;]\s|\s+[a-zà-ÿ])")  # the sentence around a link goes on


_QUOTED_RE = re.compile(r"[\"“„«][^\"“”„«»]{8,300}[\"”»“]")


_STOP_RE = re.compile(r"[.,;:](?=\s|$)")


_FUNCTION = frozenset(
    "the of to in is that with for on are was be this it as by an at from which we were has have not but or and "
    "de het een van en is dat op te met voor zijn niet ook als bij wordt worden "
    "der die das und ist nicht mit von zu den dem für auf sich wird eine "
    "le la les des du et est une pour dans que qui sur pas "
    "el los las y es una por con para que se del "
    "il di che è per una con sono "
    "o os as um é para com não uma "
    "w i z na się jest nie do "
    "и в не на что с по как при для".split())


STANDALONE = 7  # a paragraph on its own must look very much like a reference


IN_LIST = 4


SOURCE_LINE = 3


JOURNAL_LINE = 4


def _is_prose(text: str, low: str | None = None) -> bool:
    """Running text: sentences of mostly lower-case words with few stops between them, and none of a
    reference's marks (identifiers, locators, an author list, a volume/pages block)."""
    words = text.split()
    if len(words) < 12:
        return False
    if len(words) < 60 and _QUOTED_RE.search(text):
        # A title in quotation marks is often in sentence case: the words around it decide.
        words = _QUOTED_RE.sub(" ", text).split()
        if len(words) < 12:
            return False
    # A long paragraph is read by its density: a link or a number in it does not make it a reference.
    long = len(words) > 60
    if len(_STOP_RE.findall(text)) / len(words) >= (0.2 if long else 0.15):
        return False
    # The word counts first: they are cheap, and most text that is not prose fails them.
    function = sum(w.strip(".,;:()").lower() in _FUNCTION for w in words) / len(words)
    later = [w for w in words[1:] if w[:1].isalpha()]
    lower = sum(w[0].islower() for w in later) / max(1, len(later))
    if not ((function >= 0.2 and lower >= 0.45) or lower >= 0.6):
        return False
    if not long and len(words) <= 40 and split_authors(text)[0] is not None:
        return False  # "C G Windsor, A programme for analysing …, Unpublished report": an author list, then the work
    head = " ".join(words[:40]) if long else text
    if long and has_core(head) and evidence_of(head) >= 3:
        return False  # an entry with a note after it (an annotated bibliography)
    found = IDENT_RE.findall(low if low is not None else text.lower())
    if (len(found) > 2 or _LOCATOR_RE.search(text)) if long else (found or _LOCATOR_RE.search(text)):
        # A link inside a sentence that goes on for long after it does not make the sentence a reference:
        # "Inspired by [a page](https://…), I compile a list of …" (a reference ends at its link, or a note
        # after it starts a sentence of its own).
        if long or set(found) - _WEB_ADDRESS or has_core(text) or _LOCATOR_RE.search(text) \
                or not _GOES_ON_RE.search(text) or len(_URL_RE.split(text)[-1].split()) < 12:
            return False
    # A long one's start was scored above; a short one scores as a reference only with a year or identifier.
    return long or not has_core(text) or evidence_of(text) < IN_LIST


# "[Isla, 2005]", "(Erol et al., 1994; Nau, 2003)": author-year citations as a text cites, not as a list prints.
_CITE_MARK_RE = re.compile(r"[\[(]\s*(?:[A-ZÀ-Þ][^\[\]()\d;]{0,60}?,?\s+" + EARLY_YEAR + r"[a-z]?\s*(?:;\s*|(?=[\])])))+[\])]")


_LABEL_COLON_RE = re.compile(r"^[^:()\[\]]{1,60}:\s")
_SEVERAL_RE = re.compile(r";|\bet al\b|&|\sand\s")  # a citation of two works or of several authors


# "Date de création : 2023-11-08", "Last updated: 2026-03-01": a page's own dates under a label.
_KEY_DATE_RE = re.compile(r"(?:^|\s)([^\W\d][\w' -]{0,30}?)\s?:\s*(?:1[5-9]|20)\d\d-\d\d-\d\d\b")
_DATE_PART_RE = re.compile(r"\b(?:1[5-9]|20)\d\d(?:-\d\d){0,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\b|\b(?:years?|ago)\b",
                           re.IGNORECASE)


# "Dernière mise à jour : mars 2024", "Last updated on 3 March 2024", "Stand: Juni 2023": a page's date stamp in words.
_STAMP_RE = re.compile(r"\b(?:last\s+)?(?:updated|update|modified|revised|created|published|posted|mise\s+à\s+jour|"
                       r"mis\s+à\s+jour|modifié|créé|publié|aktualisiert|aktualisierung|stand|erstellt|bijgewerkt|"
                       r"actualizado|actualización|aggiornat[oa]|aggiornamento|atualizado|atualização|"
                       r"zaktualizowano|обновлено|обновление|更新|最終更新)\b")  # lower case
_STAMP_FILLER = frozenset("last dernière derniere letzte laatst última ultimo ultima ostatnio page seite pagina "
                          "on am op le el il em".split())


_STAMP_BY_RE = re.compile(r"\s(?:by|von|par|door|por|da|przez)\s+[^\s\d]+(?:\s+[^\s\d]+)?\s*$")  # lower case


# A sentence, not a list entry: "The next update of this list is planned for 2025." — six words or more, every
# word after the first in lower case, no stop, comma or bracket inside, and its year run into the sentence.
_SENTENCE_YEAR_RE = re.compile(r"\b[a-zà-ÿ]{2,}\s+" + EARLY_YEAR + r"\b")
# A sentence that runs into a link: "The current version will be available at https://…".
_LEADS_TO_LINK_RE = re.compile(r"^([^\W\d_][^:/]*?)\s(?:https?://|www\.)\S+\s*[.!]?$")


# Words a sentence about the list itself uses: the list, this page, its next update or version.
_SELF_WORDS = frozenset("this these list page site update updated updates version edition next current we our "
                        "diese dieser dieses liste seite aktualisierung version nächste cette ce liste page mise "
                        "prochaine esta este lista página actualización próxima deze dit lijst pagina versie "
                        "volgende".split())


def _about_the_list(s: str) -> bool:
    """A sentence about the list (its next update, where the current version is), not an entry of it."""
    lead = _LEADS_TO_LINK_RE.match(s)
    text = lead.group(1) if lead else s.rstrip(".!")
    words = text.split()
    if len(words) < (8 if lead else 6) or not words[0][:1].isupper():
        return False
    later = [w for w in words[1:] if not w.isdigit()]
    if any(not w[:1].islower() for w in later) or sum(w.lower().strip(",") in _FUNCTION for w in words) < 2:
        return False
    if not any(w.lower().strip(",") in _SELF_WORDS for w in words):
        return False  # "A survey of heron nests carried out in 2019": a work's title, not a word on the list
    if lead:
        return not has_core(text) and not re.search(r"[.:;()\[\]\"“”«»]", text)
    return not re.search(r"[.,:;()\[\]\"“”«»]", text) and bool(_SENTENCE_YEAR_RE.search(text))


# What makes "a | b | c" a page's particulars and not a work's: a labelled part ("Autorin: …") or a term of study.
_PARTICULAR_RE = re.compile(r"(?:^|\|\s)[^\W\d_][\w ]{0,20}:\s|\b(?:WS|SS|WiSe|SoSe|semester|term|trimester)\b",
                            re.IGNORECASE)


def _not_a_list_entry(s: str, low: str) -> str | None:
    """Lines with a year that are not references: a page's date stamps, a date alone, in-text citations."""
    if "-" in s and _KEY_DATE_RE.match(s):  # the line opens with its label and date
        rest = _KEY_DATE_RE.sub(" ", s)
        keys = " ".join(m.group(1) for m in _KEY_DATE_RE.finditer(s)).lower()
        if not _UNDATED_RE.search(keys) and not (YEAR_RE.search(rest) or IDENT_RE.search(rest.lower())
                                                 or _LOCATOR_RE.search(rest)):
            return "a date stamp of the page (created, updated), not a reference"
    if len(s) <= 60:
        words = re.findall(r"[^\W\d_]+", _DATE_PART_RE.sub(" ", s).lower())
        if YEAR_RE.search(s) and all(w in MONTHS for w in words):
            return "a date, not a reference"
    if len(s) <= 80 and _STAMP_RE.search(low):
        stamp = _STAMP_BY_RE.sub("", low)  # "Posted on 3 March 2024 by Admin": the stamp and who made it
        words = re.findall(r"[^\W\d_]+", _DATE_PART_RE.sub(" ", _STAMP_RE.sub(" ", stamp)))
        if all(w in MONTHS or w in _FUNCTION or w in _STAMP_FILLER for w in words):
            return "a date stamp of the page (created, updated), not a reference"
    if s.count(" | ") >= 2 and not re.search(r"[,;]", s) and all(len(part.split()) <= 5 for part in s.split(" | ")) \
            and _PARTICULAR_RE.search(s):
        return "a line of the page's particulars (author | school | term), not a reference"
    if _about_the_list(s):
        return ABOUT_LIST
    if "[" in s or "(" in s:
        marks = list(_CITE_MARK_RE.finditer(s))
        # "(Seeverlag, 2011)" closes many a book reference: in parentheses only after a label ("Crows: (…)"),
        # and never in a string that opens with an author list.
        if marks and marks[0].start() > 0 and (s[marks[0].start()] == "[" or (
                _LABEL_COLON_RE.match(s) and split_authors(s)[0] is None
                and (len(marks) > 1 or _SEVERAL_RE.search(marks[0].group())))):
            rest = _CITE_MARK_RE.sub(" ", s)
            if len(rest.split()) <= 10 and not (YEAR_RE.search(rest) or IDENT_RE.search(rest.lower())
                                                or _LOCATOR_RE.search(rest)):
                return "in-text citations (Author, year), not a reference"
    return None


_ENDS_WITH_YEAR_RE = re.compile(r",\s*" + EARLY_YEAR + r"[a-z]?\s*\.?$")


def opens_a_sentence(text: str) -> bool:
    """Text that opens as a sentence does ("The term is used for …", "La notion désigne …"): among its first six
    words two function words, and four of the five after the first in lower case; a citation opens with names
    or a title."""
    words = text.split()[:6]
    if len(words) < 6 or not words[0][:1].isupper():
        return False
    later = sum(w[:1].islower() for w in words[1:])
    return later >= 4 and sum(w.lower().strip(",;:") in _FUNCTION for w in words) >= 2


# A short-form citation: "Smith 2010", "(Smith 2010)", "Roe et al. 2003a".
_NAME_YEAR_RE = re.compile(r"\b([A-ZÀ-ÞĀ-Ž][\w'’-]+)(?:\s+et\s+al\.?)?,?\s+\(?" + EARLY_YEAR + r"[a-z]?\b")


def _short_form(text: str) -> bool:
    """A name and a year as a text cites a work ("see Smith 2010"), not a month or a sentence's first word."""
    return any(m.group(1).lower() not in MONTHS and m.group(1).lower() not in _FUNCTION
               for m in _NAME_YEAR_RE.finditer(text))


def is_remark(text: str) -> bool:
    """A footnote that is a plain sentence, not a citation: "Counted by hand in 2019." — no identifier, locator,
    quotation or author list, and its words after the first in lower case."""
    words = text.split()
    if not 3 <= len(words) <= 40 or re.search(r"[\"“„«(『「]", text) or _LOCATOR_RE.search(text):
        return False
    if IDENT_RE.search(text.lower()) or _ENDS_WITH_YEAR_RE.search(text) or _short_form(text):
        return False  # "Name, Title in Book, 2020", "see Smith 2010": a citation, whole or short
    later = [w for w in words[1:] if w[:1].isalpha()]
    if len(later) < 2 or sum(w[0].islower() for w in later) < 0.7 * len(later):
        return False
    return not (re.search(r"[,:;]", text) and evidence_of(text) >= 3)  # "Roe, J.: Crows, Kassel 2011" cites


def is_note_not_citation(text: str) -> bool:
    """A note that says something rather than cites something: a plain remark, or a sentence with no year."""
    return is_remark(text) or (not has_core(text) and opens_a_sentence(text))


def judge(text: str) -> str | None:
    """Inside a reference section or list: ``None`` when ``text`` is taken as a reference, else the reason."""
    s = text.strip()
    low = s.lower()
    if len(s) < 200 and _BOILERPLATE_RE.search(low) and not IDENT_RE.search(low):
        return "page boilerplate (copyright, privacy, navigation)"
    if _repeats(s):
        return "repeats an earlier note (ibid., op. cit.)"
    if _is_prose(s, low):
        return PROSE
    letters = sum(map(str.isalpha, s))
    cjk = bool(_CJK_RE.search(s))
    ident = bool(IDENT_RE.search(low))
    if ident and not YEAR_RE.search(s) and set(IDENT_RE.findall(low)) <= _WEB_ADDRESS:
        if sum(map(str.isalpha, _URL_RE.sub(" ", s))) < (6 if cjk else 12):
            return BARE_LINK  # "Xindy https://…", "PDF https://…"
    if YEAR_RE.search(s) or ident or _LOCATOR_RE.search(s) or _LEGAL_RE.search(s) or _UNDATED_RE.search(low):
        other = _not_a_list_entry(s, low)
        if other:
            return other
        if letters < (2 if cjk else 4) and not ident:
            return "too short to be a reference"
        return None
    if letters < (6 if cjk else 12):
        return "too short to be a reference"
    if len(s.split()) >= 5 and evidence_of(s) >= 2:
        return None  # an author list and a publisher, say, with no year printed
    return NO_YEAR


# A document's candidates are judged and scored several times (lists, runs, sections); the caches hold one
# document's worth and extraction clears them when it is done (see extract._extract).
@lru_cache(maxsize=1 << 18)
def judged(text: str) -> str | None:
    return judge(text)


@lru_cache(maxsize=1 << 18)
def evidence_of(text: str) -> int:
    return evidence(text)


_CORE_ID_RE = re.compile(r"\b10\.\d{4,9}/|PMID|\bPMC\d")


def has_core(text: str) -> bool:
    """A reference names something: at least a year, an identifier or a volume."""
    return bool(YEAR_ANY_RE.search(text) or _CORE_ID_RE.search(text))
