"""Author lists: recognise them and split them into CSL names.

Handles Vancouver (``San Miguel JF``), initials first (``P. J. Dendek``), APA (``Keane, T. M.``),
given names first with degrees (``Brian M. Berman, M.D.``), particles and ``et al.``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from acuref.model import Name
from acuref.normalize.capsnames import LOW as _LOW
from acuref.normalize.capsnames import PARTICLE as _PARTICLE
from acuref.normalize.capsnames import UP as _UP
from acuref.normalize.capsnames import caps_family, caps_name, case_family, inverted_first

_L = f"{_UP}{_LOW}"
# One family word, without inner hyphen: hyphenated names are words joined by the separator ("Pichard-Leandri").
_FAMWORD = rf"(?:[{_UP}]|[dl]['’](?=[{_UP}])|[a-z]{{2,3}}['’]?(?=[{_UP}]))[{_L}'’]*"
_WORD = rf"(?:{_FAMWORD}|{_PARTICLE})"
_FAM = rf"{_FAMWORD}(?:-{_FAMWORD})*"
_INIT = rf"(?:[{_UP}]{{1,4}}(?:-[{_UP}]{{1,2}})?|[{_UP}](?:\.\s?-?[{_UP}]){{1,3}}\.?)"
_SUFFIX = r"(?:Jr|Sr|II|III|IV|2nd|3rd)\.?"
# Vancouver: family words (with particles) then bare initials: "San Miguel JF", "van de Pas-Schoonen K".
_VANC = re.compile(rf"{_WORD}(?:[\s\-]{_WORD})*\s+({_INIT})(?:\s+{_SUFFIX})?")
# Initials first: "P. J. Dendek", "J.-P. Martin", "Ł. Bolikowski", "D H Bailey".
_INITFIRST = re.compile(
    rf"((?:[{_UP}]\.\s?-?\s?){{1,4}}|[{_UP}]{{1,3}}\s|(?:[{_UP}]\s){{2,3}})\s*((?:{_PARTICLE}\s+)*[{_UP}][{_LOW}'’][{_L}'’]*(?:-{_FAMWORD})*"
    rf"(?:\s+(?:{_PARTICLE}\s+)*[{_UP}][{_L}'’]+(?:-{_FAMWORD})*){{0,2}})"
)
_SUFFIX_PART = re.compile(r"(?:Jr|Sr|II|III|IV|2nd|3rd)\.?")
# Group authors: "World Health Organization", "… Virella G, Diabetes Control and Complications Trial Group".
_ORG_WORDS_RE = re.compile(
    r"\b(?:Group|Consortium|Committee|Investigators|Collaborators|Collaboration|Network|Society|Association|"
    r"Organi[sz]ation|Institute|Institut|Council|Task Force|Team|Panel|Working Party|College|Agency|Department|Ministry|"
    r"Centre|Center|Foundation|Federation|Board|Office|Excellence|Academy|Service|Commission|Authority|Programme|"
    r"Program|Alliance|Union|Gezondheidsraad|Inspectie|Rijksinstituut|Zorginstituut|Federatie|Vereniging|"
    r"Genootschap|Raad|Ministerie|Stichting|"
    # the same institutions in the other languages acuref reads
    r"Gouvernement|Government|Regierung|Gobierno|Governo|Université|Universität|Universidad|Università|Universidade|"
    r"Uniwersytet|University|Ministère|Ministerio|Ministero|Ministério|Bundesministerium|Bundesamt|Landesamt|"
    r"Landesanstalt|Bundesanstalt|Agence|Agencia|Agenzia|Agência|Instituto|Istituto|Société|Sociedad|Società|"
    r"Sociedade|Gesellschaft|Verband|Verein|Associação|Asociación|Associazione|Comité|Comisión|Commissione|Kommission|"
    r"Conseil|Consejo|Consiglio|Conselho|Zentrum|Fondation|Fundación|Fondazione|Stiftung|Fundação|Bureau|Developers|"
    r"Corporation|GmbH|Statistik|Bibliothèque|Biblioteca|Bibliothek|Museum|Musée|Museo|Parliament|Parlement|"
    r"Bundestag|Nations|Fonds|Instituut|Centrum|Planbureau|Kenniscentrum|Bundeszentrale|Umweltbundesamt|Trust|"
    r"Kammer|Bundesärztekammer|Agentschap|Rijksoverheid|Overheid|Santé\s+publique|"
    # more bodies: offices, regions, congregations, editorial teams ("Redakcja X.pl", "Redaktion Y")
    r"Administration|Company|Compagnie|Commissie|Komisja|Kongregacja|Congregatio|Konferencja|Instytut|"
    r"Ministerstwo|Urząd|Towarzystwo|Stowarzyszenie|Fundacja|Redakcja|Redaktion|Rédaction|Redazione|Redactie|Redação|"
    r"Redacción|Regione|Région|Provincia|Provincie|Landkreis|Gemeente|Comune|Département|Dipartimento|"
    r"Departamento|Statistiek|Statistique|Statistics|"
    r"Bundesinstitut|Bundesverband|Landesverband|"
    # plurals ("National Institutes of Health", "National Academies of …") and legislatures
    r"Institutes|Academies|Societies|Associations|Councils|Universities|Laboratories|Agencies|Ministries|Committees|"
    r"Congress|Senate|Sénat|Senato|Senado|Sejm|Bundesrat|Landtag|House of (?:Representatives|Commons|Lords)|"
    r"White House|"
    # German federal and state bodies are compounds: "Bundesinformationszentrum", "Landesgesundheitsanstalt" (not
    # any compound: "Wissensgesellschaft" is a society in the other sense)
    r"(?:Bundes|Landes|Staats)\w*(?:zentrum|zentrale|ministerium|anstalt|verband|gesellschaft|stiftung|behörde|"
    r"kommission|kammer|institut|amt)|"
    # companies: "Fog Creek Software", "Writelatex Limited", "Adobe Inc."
    r"Inc|Ltd|Limited|LLC|Corp|Software|Labs|Technologies)\b"
)
# A journal's or a meeting's name holds an institution's word too ("Statistics in Medicine", "Public Administration
# Review", "World Congress on Pain"): such a name is a work or an event, never a body.
_WORK_RE = re.compile(r"\b(?:Journal|Review|Quarterly|Letters|Annals|Proceedings|Transactions|Bulletin|Congress\s+on)\b"
                      r"|\sin\s")


def _work(part: str) -> bool:
    """Whether a name with an institution's word is a journal's or a meeting's; a name that ends in an institution's
    word is a body still ("Architecture Review Board"), unless a work's word opens it ("Journal of … Statistics")."""
    m = _WORK_RE.search(part)
    return m is not None and (m.start() == 0 or _ORG_WORDS_RE.fullmatch(part.split()[-1]) is None)
# An encyclopaedia is a work, but one whose name leads a reference stands as its author ("L'Encyclopédie canadienne")
_WORK_LED_RE = re.compile(r"Encyclopédie|Encyclopedia|Enciclopedia|Enzyklopädie")
_ORG_PART = re.compile(
    r"(?:[Tt]he\s+)?[A-ZÀ-Þ][\w&'’()./-]*(?:\s+(?:[A-ZÀ-Þ(][\w&'’()./-]*|of|for|and|on|in|the|de|het|van|voor|en|&|der|"
    r"für|und|du|des|la|le|del|della|delle|dei|degli|di|da|do|dos|das|et|y|e|zur|zum|pour|per|sur|i|ds\.|d\.s\.|"
    r"dla|w|na|d[’'][\w-]+|l[’'][\w-]+))+"
)

# The last word of a body named after the country or region it serves, or of a project or team, which no personal
# name ends in: "Health Canada", "Cancer Australia", "Dapde Project". (Not "Research" or "Sciences": "Cancer Research"
# is a journal.) Countries that are also family names are left out, at the cost of "Public Health England": "Anatole
# France", "Paula England", "John Ireland", "Jimmy Wales" (after a middle name too, so no count of words tells them).
_ORG_TAIL_RE = re.compile(
    r"\s(?:Canada|Québec|Quebec|Ontario|Alberta|Manitoba|Saskatchewan|Nova Scotia|New Brunswick|Australia|"
    r"Queensland|New South Wales|Tasmania|New Zealand|India|Pakistan|Bangladesh|Nigeria|Kenya|Ghana|Uganda|"
    r"South Africa|Africa|Asia|Europe|America|Brasil|Brazil|Mexico|México|Argentina|Chile|Colombia|Perú|Peru|"
    r"Japan|China|Korea|Singapore|Malaysia|Indonesia|Philippines|Thailand|Vietnam|Deutschland|Österreich|Schweiz|"
    r"Suisse|Svizzera|Vlaanderen|Wallonie|Belgique|België|Nederland|Italia|España|Portugal|Polska|Sverige|Norge|"
    r"Danmark|Suomi|Finland|Sweden|Norway|Denmark|Project|Projekt|Projet|Progetto|Proyecto|Team|Initiative|Watch|"
    r"Portal)$"
)
# A corporate form after a comma is part of the body's name: "Google, Inc.", "Wolfram Research, Inc.". Forms that
# are also initials ("Silva, S.A.", "Meyer, AG") count only after a body's name ("Nordic Steel, AG").
_CORPORATE_RE = re.compile(r"(?:Inc|Ltd|LLC|Corp|GmbH|plc|PLC|SpA|S\.p\.A|Srl|S\.r\.l)\.?")
_CORPORATE_OR_INITIALS_RE = re.compile(r"(?:Co|AG|SA|S\.A|BV|B\.V|NV|N\.V|SE|KG)\.?")
# Given names first: "Brian M. Berman", "Helene H. Langevin".
_GIVENFIRST = re.compile(rf"([{_UP}][{_LOW}]+(?:[\s\-][{_UP}][{_LOW}]+)?(?:\s+[{_UP}]\.|\s+[{_UP}]{{1,2}}(?=\s))*)\s+((?:{_PARTICLE}\s+)*{_FAM})")
_FAMONLY = re.compile(rf"{_WORD}(?:[\s\-]{_WORD})*")
_ETAL_RE = re.compile(r"[,;]?\s*(?:et\.?\s*al\.?|and\s+others|…|\.\.\.)\s*$", re.IGNORECASE)
_SEP_RE = re.compile(r"\s*(?:[,;]\s*(?:&|and\b|en\b|und\b|(?:et|y|e|i|och|og|и)(?=\s))?|&|\band\b|\ben\b|\bund\b"
                     r"|(?<=\s)(?:et|y|e|i|och|og|и)(?=\s))\s*")  # "Valls-i-Soler" keeps its "i"
_DEGREES = (
    "M.D.", "Ph.D.", "M.B.A.", "D.D.S.", "M.P.H.", "M.S.", "M.Sc.", "B.Sc.", "R.N.", "D.O.", "Pharm.D.",
    "F.R.C.P.", "M.B.", "B.S.", "Ch.B.", "D.Phil.", "M.A.", "B.A.", "L.Ac.", "Dr.P.H.", "D.M.D.", "D.V.M.",
    "M.S.N.", "F.A.C.P.", "M.B.B.S.", "M.R.C.P.", "D.C.", "N.D.", "Dipl.Ac.", "M.Phil.", "Sc.D.", "D.Sc.",
    "M.Ed.", "Ed.D.", "Psy.D.", "P.T.", "O.T.", "R.D.", "M.H.S.", "M.Sc.N.", "F.R.C.S.", "Dipl.O.M.",
)
# Degrees are only read as degrees after a comma and written with dots, so Vancouver "Smith MD" stays a name.
DEGREE_RE = re.compile(r"\s*,\s*(?:" + "|".join(re.escape(d) for d in sorted(_DEGREES, key=len, reverse=True)) + r")")



_INIT_PART_RE = re.compile(rf"(?:[{_UP}]\.?\s?-?\s?){{1,4}}")
_MIDDLE_INITIAL_RE = re.compile(r"\s[A-Z]\.")
_FULL_GIVEN_RE = re.compile(rf"[{_UP}][{_LOW}]+.*")
_DOTTED_INITIALS_RE = re.compile(rf"(?:[{_UP}]\.\s?)+")
_INITIAL_CHUNK_RE = re.compile(rf"[{_UP}][{_LOW}]*\.?|-")
_SUFFIX_END_RE = re.compile(rf"\s+({_SUFFIX})$")
_VANC_SPLIT_RE = re.compile(rf"^(.*?)\s+({_INIT})$")
_DEGREE_CUE_RE = re.compile(r",\s*[A-Z][a-z]{0,5}\.[A-Z]")


def strip_degrees(text: str) -> str:
    """``Brian M. Berman, M.D., Ph.D. and X`` → ``Brian M. Berman and X``."""
    if not _DEGREE_CUE_RE.search(text):
        return text
    return DEGREE_RE.sub("", text)


def split_etal(text: str) -> tuple[str, bool]:
    if not ("et" in text or "others" in text or "…" in text or "..." in text):
        return text, False
    m = _ETAL_RE.search(text)
    if m:
        return text[: m.start()].rstrip(" ,;"), True
    return text, False


@lru_cache(maxsize=8192)
def _parts(text: str) -> tuple[str, ...]:
    return tuple(p for p in _SEP_RE.split(text.strip(" .,;")) if p)


_ARTICLE_RE = re.compile(r"^(?:[LlDd]['’]|(?:The|La|Le|Les|Il|Lo|El|Der|Die|Das|De|Het)\s+)")


def org_led(part: str) -> bool:
    """Whether a name opens with an institution's word (``Fondation québécoise de la schizophrénie``, ``Institut
    universitaire en santé mentale Douglas``): French, Italian and Spanish bodies write their other words lower-case."""
    body = _ARTICLE_RE.sub("", part, count=1)  # "L'Encyclopédie canadienne", "Le Conseil des arts"
    return len(part) > 12 and (_ORG_WORDS_RE.match(body) or _WORK_LED_RE.match(body)) is not None and len(
        part.split()) <= 12 and not _work(part)


@lru_cache(maxsize=4096)
def classify(part: str) -> str | None:
    """The shape of one name: ``vanc``, ``initfirst``, ``givenfirst``, ``fam``, ``init`` or None."""
    part = part.strip(" .")
    if _SUFFIX_PART.fullmatch(part):
        return "suffix"
    if len(part) > 8 and _ORG_WORDS_RE.search(part) and (_ORG_PART.fullmatch(part) or _ORG_WORDS_RE.fullmatch(
            part)) and not _work(part):
        return "org"  # "World Health Organization", or one word such as "Gezondheidsraad"
    if len(part) > 8 and _ORG_TAIL_RE.search(part) and len(part.split()) <= 4 and _ORG_PART.fullmatch(part) and \
            not _work(part):
        return "org"
    if caps_family(part):
        return "fam"
    if _VANC.fullmatch(part):
        return "vanc"
    if _INITFIRST.fullmatch(part):
        return "initfirst"
    if _INIT_PART_RE.fullmatch(part + "."):
        return "init"
    if _GIVENFIRST.fullmatch(part):
        return "givenfirst"
    if _FAMONLY.fullmatch(part) and any(c.isupper() for c in part):
        return "fam"
    return None


def is_author_list(text: str, *, allow_given_first: bool = True, permissive: bool = False) -> bool:
    """True when ``text`` reads as a list of personal names (optionally ending in ``et al.``).

    ``permissive`` accepts any mix of name shapes; callers use it where the context (a year
    right after, as in ``Fagerberg, Jan. 1988.``) already says "this is the author list".
    """
    if len(text) > 2000 or not text.strip():
        return False
    body, truncated = split_etal(strip_degrees(text))
    if classify(body.strip(" .")) == "org":
        return True
    parts = _parts(body)
    if not parts:
        return truncated
    kinds = [k for k in (classify(p) for p in parts) if k != "suffix"]
    if None in kinds:
        return False
    if "org" in kinds:
        if kinds.count("org") > 2:
            return False
        kinds = [k for k in kinds if k != "org"]
        if not kinds:
            return True
    if permissive:
        return True
    if all(k in ("vanc", "initfirst") for k in kinds):
        return True
    if _alternating(kinds) or _chicago(parts, kinds, permissive):
        return True
    if "givenfirst" in kinds:
        if not allow_given_first:
            return False
        # Two capitalised words could be a title ("Chinese Acupuncture"): demand more evidence.
        given = [p for p, k in zip(parts, kinds) if k == "givenfirst"]
        if not (len(parts) >= 2 or any(_MIDDLE_INITIAL_RE.search(p) for p in given) or text != strip_degrees(text)):
            return False
        return all(k in ("vanc", "initfirst", "givenfirst") for k in kinds)
    return False


_GIVEN_WITH_INITIAL_RE = re.compile(rf"[{_UP}][{_LOW}]+(?:\s[{_UP}]\.?)+")


def _is_given(part: str, kind: str | None) -> bool:
    """A given name after an inverted family name: ``John``, ``Richard C.``, ``J. A.``."""
    return kind in ("fam", "givenfirst", "init") or (kind == "vanc" and bool(_GIVEN_WITH_INITIAL_RE.fullmatch(part.strip(" ."))))


def _chicago(parts: list[str], kinds: list[str | None], permissive: bool) -> bool:
    """Chicago/MLA: the first author inverted, the others not — ``Smith, John, and Kate Jones``."""
    if len(kinds) < 2 or kinds[0] != "fam" or not _is_given(parts[1], kinds[1]):
        return False
    if len(parts[1].split()) > 3:
        return False
    rest = kinds[2:]
    if not rest:
        return permissive
    return all(k in ("givenfirst", "initfirst") for k in rest)


def _alternating(kinds: list[str]) -> bool:
    """APA lists alternate family and initials: ``Keane, T. M., Wolfe, J.``."""
    if len(kinds) < 2:
        return False
    i = 0
    while i < len(kinds):
        if kinds[i] in ("vanc", "initfirst"):
            i += 1
        elif kinds[i] in ("fam", "givenfirst") and i + 1 < len(kinds) and kinds[i + 1] == "init":
            i += 2
        else:
            return False
    return True


@lru_cache(maxsize=4096)
def format_initials(initials: str) -> str:
    """``JF`` → ``J. F.``; ``J-P`` → ``J.-P.``; ``T.M.`` → ``T. M.``; full names are kept."""
    s = initials.strip()
    if _FULL_GIVEN_RE.fullmatch(s) and not _DOTTED_INITIALS_RE.fullmatch(s):
        return s
    out = []
    for chunk in _INITIAL_CHUNK_RE.findall(s):
        if chunk == "-":
            out.append("-")
            continue
        letters = chunk.rstrip(".")
        if len(letters) > 1 and letters.isupper():
            out.extend(f"{c}." for c in letters)
        else:
            out.append(letters + ".")
    text = " ".join(out).replace(" - ", "-").replace("- ", "-")
    return text


_THE_RE = re.compile(r"^[Tt]he\s+")


def _without_the(name: str) -> str:
    """A body's name as filed, without its English article: ``The Royal Society`` → ``Royal Society``."""
    return _THE_RE.sub("", name, count=1)


@lru_cache(maxsize=8192)
def parse_name(part: str) -> Name:
    part = part.strip(" .,;")
    suffix = ""
    sm = _SUFFIX_END_RE.search(part)
    if sm:
        suffix = sm.group(1).rstrip(".") + ("." if sm.group(1).rstrip(".") in ("Jr", "Sr") else "")
        part = part[: sm.start()]
    caps = None if _ORG_WORDS_RE.search(part) else caps_name(part)
    if caps:
        return Name(family=caps[0], given=caps[1], suffix=suffix)
    kind = classify(part)
    if kind == "vanc":
        m = _VANC_SPLIT_RE.match(part)
        if m:
            return Name(family=case_family(m.group(1)), given=format_initials(m.group(2)), suffix=suffix)
    if kind == "initfirst":
        m = _INITFIRST.fullmatch(part)
        if m:
            return Name(family=case_family(m.group(2).strip()), given=format_initials(m.group(1)), suffix=suffix)
    if kind == "givenfirst":
        m = _GIVENFIRST.fullmatch(part)
        if m:
            return Name(family=case_family(m.group(2)), given=m.group(1), suffix=suffix)
    if kind == "fam":
        return Name(family=case_family(part), suffix=suffix)
    return Name(literal=_without_the(part) if kind == "org" else part)


# A date the reader left at the end of the names: "Bundesamt X. (o. J.)", "Body. (2019", "Body (n.d.)".
_DATE_TAIL_RE = re.compile(r"[.,]?\s*\((?:[onsz]\.\s?[JdDf]\.?|b\.\s?r\.?|[12]\d{3}[a-z]?(?:,[^()]{0,24})?)\)?[.,]?\s*$")


def _without_date_tail(text: str) -> str:
    """``text`` less a date at its end; only its last characters are searched (a run of spaces is quadratic)."""
    if "(" not in text[-60:]:
        return text
    head, tail = text[:-60], text[-60:]
    return head + _DATE_TAIL_RE.sub("", tail) if len(text) > 60 else _DATE_TAIL_RE.sub("", text)


def parse_author_list(text: str) -> tuple[tuple[Name, ...], bool]:
    """Split an author list into names; the flag tells whether it ended in ``et al.``."""
    body, truncated = split_etal(strip_degrees(_without_date_tail(text)))
    whole = body.strip(" .")
    # "National Institute for Health and Care Excellence", "Centre de toxicomanie et de santé mentale (CAMH)": one name
    if classify(whole) == "org" or (org_led(whole) and not re.search(r"[,;]", whole)):
        return (Name(literal=_without_the(whole)),), truncated
    parts = _parts(body)
    if len(parts) == 2 and (_CORPORATE_RE.fullmatch(parts[1]) or (
            _CORPORATE_OR_INITIALS_RE.fullmatch(parts[1]) and classify(parts[0]) == "org")):  # "Google, Inc."
        return (Name(literal=body.strip(" ,;")),), truncated
    kinds = [classify(p) for p in parts]
    names: list[Name] = []
    if "suffix" in kinds:  # "Bueno, C. R., Jr." — the suffix belongs to the name before it
        merged_parts: list[str] = []
        merged_kinds: list[str | None] = []
        for p, k in zip(parts, kinds):
            if k == "suffix" and merged_parts:
                merged_parts[-1] += " " + p
            else:
                merged_parts.append(p)
                merged_kinds.append(k)
        parts, kinds = merged_parts, merged_kinds
    i = 0
    while i < len(parts):
        kind = kinds[i]
        if kind in ("fam", "givenfirst") and i + 1 < len(parts) and kinds[i + 1] in ("init", "givenfirst", "fam") \
                and not all(k in ("givenfirst",) for k in kinds):
            fam = parts[i]
            given = parts[i + 1]
            if kinds[i + 1] == "init" or (kinds[i + 1] == "givenfirst" and kind == "fam") or (
                    i == 0 and kinds[i + 1] == "fam" and len(parts[i + 1].split()) == 1 and inverted_first(parts, kinds, body)):
                names.append(Name(family=case_family(fam.strip()), given=format_initials(given)))
                i += 2
                continue
        if i == 0 and kind == "fam" and len(parts) > 1 and kinds[1] == "vanc" and _is_given(parts[1], "vanc"):
            names.append(Name(family=case_family(parts[0].strip()), given=format_initials(parts[1])))  # Levin, Richard C.
            i += 2
            continue
        names.append(parse_name(parts[i]))
        i += 1
    return tuple(names), truncated


# "Jones K, Smith L, editors. Book" · "A and B (eds) Book" · "Abraham (ed. and trans.), Book"
_EDITORS_RE = re.compile(
    r"^(?P<eds>.+?)\s*(?:,\s*(?:eds?|editors?|red|Hrsg)\.?|\((?:eds?|editors?|red|Hrsg|dir|ed\. and trans)\.?\))"
    r"\s*[.,:]?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


def split_editors(text: str) -> tuple[str, str] | None:
    """``Jones K, editor. Textbook of Pain`` → (``Jones K``, ``Textbook of Pain``); None without an editor word."""
    m = _EDITORS_RE.match(text)
    return (m.group("eds"), m.group("rest")) if m else None


_LEADING_PARTICLES_RE = re.compile(rf"^(?:{_PARTICLE}\s+)+", re.IGNORECASE)


def without_particles(family: str) -> str:
    """``De Coster`` → ``Coster``, ``van der Berg`` → ``Berg``: the family name as indexes that drop particles file it."""
    return _LEADING_PARTICLES_RE.sub("", family)
