"""The words and numbers every stage recognises references by, written once: years, months, publisher words.

Two year ranges, on purpose: a reference's own year (1600–2099) where a wrong year would mislead (parsing,
locator tails), and an early year (1500–2099) where a sixteenth-century work should not go unseen (judging
candidates, reading dates).
"""

from __future__ import annotations

import re

YEAR = r"(?:1[6-9]\d\d|20\d\d)"  # a year as a reference prints it
EARLY_YEAR = r"(?:1[5-9]\d\d|20\d\d)"  # … including sixteenth-century works
YEAR_ANY_RE = re.compile(rf"(?<!\d){YEAR}(?!\d)")

# Month names and abbreviations in the languages of the documents acuref reads, to month numbers.
MONTHS = {
    "jan": 1, "january": 1, "januari": 1, "janvier": 1, "januar": 1, "jänner": 1, "enero": 1, "gennaio": 1,
    "janeiro": 1, "ene": 1, "gen": 1,
    "feb": 2, "february": 2, "februari": 2, "februar": 2, "février": 2, "fevrier": 2, "févr": 2, "febrero": 2,
    "febbraio": 2, "fevereiro": 2, "fev": 2,
    "mar": 3, "march": 3, "maart": 3, "mars": 3, "märz": 3, "mrt": 3, "marzo": 3, "março": 3, "marco": 3,
    "apr": 4, "april": 4, "avril": 4, "abril": 4, "aprile": 4, "abr": 4,
    "may": 5, "mei": 5, "mai": 5, "mayo": 5, "maggio": 5, "maio": 5, "mag": 5,
    "jun": 6, "june": 6, "juni": 6, "juin": 6, "junio": 6, "giugno": 6, "junho": 6, "giu": 6,
    "jul": 7, "july": 7, "juli": 7, "juillet": 7, "julio": 7, "luglio": 7, "julho": 7, "juil": 7, "lug": 7,
    "aug": 8, "august": 8, "augustus": 8, "août": 8, "aout": 8, "agosto": 8, "ago": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9, "septiembre": 9, "setiembre": 9, "settembre": 9,
    "setembro": 9, "set": 9,
    "oct": 10, "october": 10, "okt": 10, "oktober": 10, "octobre": 10, "octubre": 10, "ottobre": 10,
    "outubro": 10, "ott": 10, "out": 10,
    "nov": 11, "november": 11, "novembre": 11, "noviembre": 11, "novembro": 11,
    "dec": 12, "december": 12, "dez": 12, "dezember": 12, "décembre": 12, "decembre": 12, "diciembre": 12,
    "dicembre": 12, "dezembro": 12, "déc": 12, "dic": 12,
}
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# The month and season words the shipped CRF model was trained to see as one feature: changing this set
# changes the model's input, so it changes only with a retrained model.
MODEL_MONTH_WORDS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
    "august september october november december spring summer fall autumn winter mei juni juli "
    "maart januari februari augustus oktober".split())
ENGLISH_MONTH_END_RE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$")

PUBLISHER_WORDS_RE = re.compile(
    r"\b(?:Press|Publish\w*|Verlag|Books|Wiley|Springer|Elsevier|Saunders|Lippincott|Mosby|Churchill|Thieme|"
    r"Academic|University|Sons|Ltd|Inc|GmbH|Uitgeverij|Bohn)\b")

# The words that name a journal or a meeting, one list for every pass that asks "is this a venue?" (a regex
# alternation: compile it with the word boundaries and the case the pass needs).
JOURNAL_WORDS = (r"Journal|Letters|Transactions|Review|Annals|Annali|Annales|Bulletin|Magazine|Newsletter|Zeitschrift|"
                 r"Revue|Rivista|Revista|Quarterly|Tijdschrift")
EVENT_WORDS = (r"Proc|Proceedings|Conference|Conf|Symposium|Symp|Workshop|Congress|Colloquium|Meeting|Tagung|"
               r"Tagungsband|Jahrestagung|Konferenz|Kongress|Congrès|Colloque|Actes|Conferentie|Congres|Atti|Anais")
# The words an abbreviated journal title opens with ("J Anat", "Proc Natl Acad Sci", "IEEE Trans", "Z Naturforsch"),
# and the subject words that follow a one-letter first word ("J Immunol", "Z Phys"): a one-letter word before any
# other name is a person's initial ("J. Wiley", "J. B. Lippincott").
JOURNAL_SUBJECT_WORDS = (r"Acoust|Agric|Am|Anal|Anat|Anim|Appl|Astron|Astrophys|Bacteriol|Biochem|Biol|Biomed|Biophys|"
                         r"Bone|Bot|Cell|Chem|Chromatogr|Clin|Comput|Dent|Ecol|Econ|Endocrinol|Eng|Environ|Evol|Exp|"
                         r"Gen|Genet|Geol|Geophys|Hered|Hist|Hum|Immunol|Infect|Lang|Ling|Mater|Math|Med|Microbiol|Mol|"
                         r"Nat|Neurochem|Neurol|Neurosci|Nucl|Nutr|Opt|Org|Pathol|Pediatr|Pharm|Pharmacol|Philos|Phys|"
                         r"Physiol|Plant|Polym|Psychiatr|Psychol|Soc|Sci|Stat|Surg|Theor|Urol|Virol|Zool")
JOURNAL_FIRST_WORDS = (r"J|Z|Zh|Ann|Annu|Proc|Trans|Bull|Rev|Front|Int|Eur|Br|Brit|Can|Jpn|Chin|Acta|Arch|Adv|Curr|"
                       r"Cancer|Nucleic|IEEE|ACM|Lett|Q|" + JOURNAL_SUBJECT_WORDS)
