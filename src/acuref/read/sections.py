"""Where reference sections start and end: heading words in many languages, and what ends a section.

A heading is recognised by its words, not by one fixed list of titles: a short line whose words include a
reference word of some language ("Research Citations", "Quellen und Literatur", "Список использованных
источников") opens a reference section. Numbering (``7.``, ``VII.``, ``§ 3``), markup (``==``, ``**``, ``#``) and a
trailing colon are ignored.
"""

from __future__ import annotations

import re

from acuref.read.cjk import appendix_heading

# Words (lower case, accents kept) that make a short heading a reference heading. A word matches a heading
# word that starts with it, so "literatur" covers Literaturverzeichnis, Literaturhinweise, Literaturangaben.
_PREFIXES = (
    # English
    "reference", "bibliograph", "literature", "citation", "cited", "sources", "source", "publications",
    "papers", "paper list", "footnote", "endnote", "further reading", "suggested reading", "recommended reading", "reading list",
    "works consulted", "notes", "books", "bücher", "livres", "libri", "libros", "livros", "boeken", "książki", "книги",
    # Dutch, German, Scandinavian, Finnish
    "literatuur", "bronnen", "bronvermelding", "referenties", "bibliografie", "geraadpleegde", "voetnoten",
    "noten", "literatur", "quellen", "einzelnachweise", "nachweise", "anmerkungen", "fußnoten", "schrifttum", "belege",
    "referenser", "litteratur", "källor", "kilder", "referencer", "lähteet", "kirjallisuus", "viitteet",
    "referanser", "bibliografi", "pustaka", "referințe", "tài liệu tham khảo",
    # Romance
    "références", "referências", "referencias", "referencia", "riferiment", "bibliografía", "bibliografia",
    "bibliographie", "fuentes", "fontes", "fonti", "obras citadas", "obras consultadas", "ouvrages cités",
    "literatura", "note", "notas", "webgrafía", "webgrafia", "sitografia", "sitografía", "webographie",
    "letture", "lecturas", "leituras", "sitographie", "ouvrages", "travaux cités", "œuvres citées", "oeuvres citées",
    "articles cités", "textes cités", "documents cités", "ouvrages consultés", "documents consultés",
    "sources consultées", "lectures complémentaires", "zum weiterlesen", "verder lezen",
    # Slavic, Greek, Turkish, Hungarian, Czech
    "piśmiennictwo", "przypisy", "źródła", "zdroje", "použitá literatura", "список литературы", "литература",
    "библиография", "источники", "список использованных", "примечания", "список джерел", "джерела", "публикаци", "издани", "труды",
    "примітки", "використан", "przeczytaj", "bibliográfia", "poznámky",
    "βιβλιογραφία", "αναφορές", "πηγές", "kaynaklar", "kaynakça", "irodalom", "hivatkozások", "források",
)
_CJK = ("参考文献", "参考资料", "参考書目", "引用文献", "文献", "注释", "参考", "출처", "참고문헌", "참고 문헌", "각주", "المراجع",
        "مراجع", "מקורות", "脚注", "出典", "注釈", "引用", "典拠", "註釋", "脚註", "延伸阅读", "扩展阅读", "读物", "読書案内")
# A CJK heading that names literature anywhere in it: "関連文献", "主要文献", "推薦図書".
_CJK_ANY = ("文献", "文獻", "書目", "図書", "参考", "書籍", "图书", "圖書", "书目", "読書")
_CJK_LIST = ("出版物", "研究業績", "業績一覧", "論文一覧", "発表論文", "著書・論文", "发表论文", "论文列表")
# Words that name a reference section only when they are most of its heading ("Notes", "Recommended books").
_WEAK = frozenset({"notes", "note", "noten", "source", "sources", "books", "bücher", "livres", "libri", "libros", "ouvrages",
                   "livros", "boeken", "książki", "книги"})
_PAGE_SUFFIXES = frozenset({"md", "markdown", "rst", "rest", "txt", "text", "html", "htm", "xhtml"})
# Words German and Dutch put at the end of a compound: "Sekundärliteratur", "Primärquellen", "Vakliteratuur".
_COMPOUNDED = frozenset({"literatur", "literatuur", "quellen", "nachweise", "bibliographie", "litteratur"})
_NOT = re.compile(r"\b(?:open\s+source|data\s+sources?|source\s+code|funding\s+sources?|energy\s+sources?|"
                  r"sources?\s+of\s+(?:funding|support|error|bias|pain|light|energy|heat)|release\s+notes|"
                  r"lecture\s+notes|notes?\s+on\s+the\s+\w+|patient\s+notes|call\s+for\s+papers)\b", re.IGNORECASE)
_NUMBERING = re.compile(r"^(?:§\s*)?(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVXLC]{1,6}\.|[A-H]\.)\s+")
_MARKUP = re.compile(r"^[=#*_\s]+|[=#*_\s:：]+$")
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)

# Headings after which a reference list has ended, whatever follows.
_END = re.compile(
    r"^(?:see\s+also|external\s+links|about\s+the\s+authors?|authors?['’]?\s+addresse?s?|acknowledge?ments?|appendix|appendices|author\s+"
    r"information|conflicts?\s+of\s+interest|competing\s+interests|funding|disclaimer|comments?|reacties|"
    r"related\s+(?:posts|articles|pages)|navigation(?:\s+menu)?|share|contact|over\s+de\s+auteurs?|"
    r"weblinks|siehe\s+auch|voir\s+aussi|liens\s+externes|véase\s+también|enlaces\s+externos|"
    r"collegamenti\s+esterni|voci\s+correlate|ligações\s+externas|ver\s+também|zobacz\s+też|linki\s+zewnętrzne|"
    r"см\.\s*также|ссылки|相关条目|外部链接|関連項目|外部リンク|über\s+(?:den|die)\s+autor\w*|"
    r"à\s+propos|sobre\s+(?:el|la|o|a)\s+autor\w*|l'autore|gli\s+autori|o\s+autorze|об\s+авторе|"
    r"作者简介|著者|"
    # A journal page's and a wiki's parts after the list: other works than the page's own references.
    r"cited\s+by|citing\s+(?:articles|literature|papers)|similar\s+articles|recommended\s+articles|"
    r"more\s+(?:like|from)\s+this|you\s+may\s+also\s+like|rights\s+and\s+permissions|about\s+this\s+article|"
    r"ethics\s+declarations|additional\s+information|article\s+metrics|articles\s+connexes|externe\s+links|"
    r"zie\s+ook|altri\s+progetti|andere\s+projekte|autres\s+projets|"
    r"cite\s+this|how\s+to\s+cite\s+this|zitiervorschlag|zitierweise|citer\s+cet|pour\s+citer|come\s+citare|"
    r"cómo\s+citar|como\s+citar|jak\s+cytować|как\s+цитировать|引用方法|引用格式)",
    re.IGNORECASE,
)


# Headings over the page's own citation ("Cite this article"): what follows cites the page, not a work it cites.
_OWN = re.compile(r"^(?:cite\s+this|how\s+to\s+cite\s+this|zitiervorschlag|zitierweise|citer\s+cet|pour\s+citer|"
                  r"come\s+citare|cómo\s+citar|como\s+citar|jak\s+cytować|как\s+цитировать|引用方法|引用格式)",
                  re.IGNORECASE)


def heading_text(text: str) -> str:
    """A heading without numbering, markup and trailing colon: ``7. REFERENCES:`` → ``REFERENCES``."""
    text = _MARKUP.sub("", text.strip())
    text = _NUMBERING.sub("", text)
    return _MARKUP.sub("", text).strip()


def is_reference_heading(text: str) -> bool:
    """True for a short line that names a reference section in one of the languages above."""
    if len(text) > 80:
        return False
    core = heading_text(text)
    if not core or _NOT.search(core) or _END.match(core):
        return False  # "Cited by", "Cite this article": other works, or the page itself
    low = core.lower()
    if len(core) <= 12 and (low.startswith(_CJK) or any(word in core for word in _CJK_ANY)):
        return True
    if len(core) <= 16 and any(word in core for word in _CJK_LIST):
        return True  # "出版物、論文、学会発表など", "研究業績": a publication list
    words = _WORD_RE.findall(low)
    if not words or len(words) > 10:
        return False
    joined = " ".join(words)
    if any(" " in prefix and prefix in joined for prefix in _PREFIXES):
        return True  # a phrase says it plainly, among other words: "My (More or Less) Academic Reading List"
    if len(words) > 6:
        return False
    for prefix in _PREFIXES:
        if " " in prefix:
            continue
        if any(w.startswith(prefix) for w in words) or (prefix in _COMPOUNDED and any(w.endswith(prefix) for w in words)):
            # A lone "notes"/"note"/"source"/"books" word must be most of the heading ("Notes", "Notes and sources").
            if prefix in _WEAK and len(words) > 3:
                continue
            return True
    return False


# Headings over works a page lists that are not its references: those citing it, those like it.
_OTHERS = re.compile(r"^(?:cited\s+by|citing\s+(?:articles|literature|papers)|similar\s+articles|recommended\s+articles|"
                     r"related\s+(?:posts|articles|pages)|more\s+(?:like|from)\s+this|you\s+may\s+also\s+like)",
                     re.IGNORECASE)


def not_cited_heading(text: str) -> str | None:
    """Why what follows a heading is no reference of the page: it cites the page ("Cite this article") or cites
    or resembles it ("Cited by", "Similar articles"); None for any other heading."""
    core = heading_text(text)
    if _OWN.match(core):
        return "the page's own citation (under \"Cite this article\"), not a work it cites"
    if _OTHERS.match(core):
        return "a work citing or like the page (under \"Cited by\", \"Similar articles\"), not one it cites"
    return None


def is_reference_name(path: str) -> bool:
    """True for a file named as a reference section is ("references.md", "参考文献.md", "reading-list.txt"), not
    with a word that names one only as most of a heading ("notes.md", "sources.txt")."""
    base = re.split(r"[\\/]", path)[-1]
    if "." not in base or base.rsplit(".", 1)[1].lower() not in _PAGE_SUFFIXES:
        return False  # a Word or OpenDocument file is a paper, whatever its name
    stem = re.sub(r"[-_.\s]+", " ", base.rsplit(".", 1)[0]).strip()
    words = _WORD_RE.findall(stem.lower())
    return bool(stem) and not (set(words) & (_WEAK | {"cited", "citation"})) and is_reference_heading(stem)


def is_end_heading(text: str) -> bool:
    """True for a heading that closes any reference section before it ("See also", "About the author")."""
    head = heading_text(text)
    return bool(_END.match(head)) or appendix_heading(head)


# Words that name a section of notes (explanations and citations mixed), not a list of works only.
_NOTES_HEADS = frozenset(("notes", "note", "noten", "anmerkungen", "fußnoten", "fussnoten", "voetnoten", "notas",
                          "przypisy", "примечания", "примітки", "poznámky", "footnotes", "endnotes"))
# The same in Chinese, Japanese and Korean: the whole heading, or its first word before a space or a stop
# ("注意事项", precautions, and "註冊", registration, are other things: the character alone is not enough).
_NOTES_CJK_RE = re.compile(r"^(?:注|注释|注釋|注釈|注解|脚注|腳註|註|註釋|각주)(?:$|[\s、，,:：・（(])")
# Words that join a second name to a heading ("Notes and references", "Sources et notes").
_AND = frozenset("and und et y e en i и &".split())


def is_notes_heading(text: str) -> bool:
    """True for a heading over notes ("Notes", "Notes et références", "Anmerkungen", "脚注"): what stands under it
    may explain rather than cite. The notes word opens the heading or follows an "and": "Release notes" and
    "Lecture notes" name other things."""
    core = heading_text(text).lower()
    words = _WORD_RE.findall(core)
    if words and (words[0] in _NOTES_HEADS
                  or any(w in _NOTES_HEADS and words[k - 1] in _AND for k, w in enumerate(words) if k)):
        return True
    return bool(_NOTES_CJK_RE.match(core))


# Headings of the back matter that follows a bibliography, in the languages of the theses acuref reads: an
# appendix's or index's words alone or with a letter ("Anhang A"), never a bare word a subheading may use
# ("Register", "Biography") or a title opening with one ("A Declaration of Independence").
_BACK_MATTER_RE = re.compile(
    r"^(?:[A-Z]\.?\s+|[IVX]+\.?\s+|\d+\.?\s+)?(?:(?:author|subject|name)\s+(?:index|register)|"
    r"index(?:\s+of\s+(?:names|subjects|authors))?|indices|indexes|namensregister|personenregister|sachregister|"
    r"stichwortverzeichnis|anhang|anh[aä]nge|annex(?:es?)?|anexos?|ap[ée]ndices?|appendic[ei]|appendix|appendices|"
    r"glossar(?:y|io|e)?|glossaire|danksagung|remerciements|agradecimientos|ringraziamenti|"
    r"(?:eidesstattliche|ehrenwörtliche|selbstständigkeits|selbständigkeits|eigenständigkeits)?\s*erklärung|"
    r"(?:statutory\s+)?declaration(?:\s+of\s+(?:authorship|originality|academic\s+integrity|honou?r))?|"
    r"lebenslauf|curriculum\s+vitae|supplementary\s+materials?|nomenclature|"
    r"abkürzungsverzeichnis|list\s+of\s+(?:figures|tables|abbreviations|symbols|acronyms)|"
    r"abbildungsverzeichnis|tabellenverzeichnis)(?:\s+(?-i:[A-Z0-9]{1,3})\b.*|\s*[:.–-].*)?$", re.IGNORECASE)


def is_back_matter(heading: str) -> bool:
    """A heading of what follows a bibliography ("Anhang A", "Eidesstattliche Erklärung", "Index", "Glossary"):
    wherever such a heading stands, the bibliography above it has ended (Cyrillic, Polish and CJK appendices:
    :func:`acuref.read.cjk.appendix_heading`, through :func:`is_end_heading`)."""
    return bool(_BACK_MATTER_RE.match(heading.strip()))
