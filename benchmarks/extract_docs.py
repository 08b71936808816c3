"""Documents of every kind, built around real reference strings, for measuring extraction.

Each document is written the way people publish reference lists: plain text, Markdown, HTML or
reStructuredText; numbered, bracketed, bulleted or bare; under a heading in one of eleven languages, under
an unusual heading, under a heading with a rule below it, with topic subheadings inside the list, with
entries separated only by ``<br>``, with a ``[LABEL]`` on its own line, as footnotes, or with no heading at
all; wrapped at 80 columns or not; with prose (and in-text citations, which are not references) before and
after. The reference strings are real: the held-out split of the annotated sets (never trained on) and the
hand-written table of other kinds (legal, web pages, Wikipedia, RFC, theses, Cyrillic, CJK) in
``tests/data/reference_kinds.tsv``. Every document knows which strings it holds.
"""

from __future__ import annotations

import html
import random
import re
import textwrap
from dataclasses import dataclass

# Heading words as real documents print them; deliberately more than one per language.
HEADINGS = {
    "en": ["References", "REFERENCES", "Bibliography", "Works Cited", "Literature Cited", "Reference list",
           "Sources", "Notes and references", "Related publications", "Research Citations", "Further reading",
           "Selected bibliography", "Cited literature", "Citations", "Footnotes", "Key references"],
    "nl": ["Literatuur", "Literatuurlijst", "Bronnen", "Referenties", "Bronvermelding", "Geraadpleegde literatuur",
           "Bibliografie"],
    "de": ["Literatur", "Literaturverzeichnis", "Quellen", "Quellenverzeichnis", "Literaturhinweise",
           "Weiterführende Literatur", "Einzelnachweise", "Bibliographie", "Quellen und Literatur"],
    "fr": ["Références", "Bibliographie", "Références bibliographiques", "Notes et références", "Sources"],
    "es": ["Referencias", "Bibliografía", "Referencias bibliográficas", "Obras citadas", "Fuentes"],
    "it": ["Bibliografia", "Riferimenti bibliografici", "Riferimenti", "Fonti"],
    "pt": ["Referências", "Referências bibliográficas", "Bibliografia"],
    "pl": ["Bibliografia", "Literatura", "Piśmiennictwo", "Przypisy"],
    "ru": ["Список литературы", "Литература", "Библиография", "Список использованных источников"],
    "zh": ["参考文献", "参考资料"],
    "ja": ["参考文献", "引用文献"],
}
PROSE = {
    "en": ["Acupuncture has been studied for chronic pain for several decades, and the results remain mixed "
           "(Smith 2010). Several reviews found small effects over sham treatment [3].",
           "In this article we summarise what is known about peripheral neuropathy and the treatments that "
           "patients ask about most often. The evidence is described below."],
    "nl": ["Acupunctuur wordt al tientallen jaren onderzocht bij chronische pijn, maar de resultaten zijn "
           "wisselend (Jansen 2015). Meerdere overzichten vonden kleine effecten.",
           "In dit artikel vatten we samen wat bekend is over neuropathie en de behandelingen waar patiënten "
           "het vaakst naar vragen. Het bewijs wordt hieronder beschreven."],
    "de": ["Die Akupunktur wird seit Jahrzehnten bei chronischen Schmerzen untersucht, und die Ergebnisse sind "
           "uneinheitlich (Müller 2012). Mehrere Übersichtsarbeiten fanden kleine Effekte.",
           "In diesem Beitrag fassen wir zusammen, was über die periphere Neuropathie und ihre Behandlung "
           "bekannt ist. Die Studienlage wird im Folgenden dargestellt."],
    "fr": ["L'acupuncture est étudiée depuis plusieurs décennies dans la douleur chronique, et les résultats "
           "restent contrastés (Dupont 2009). Plusieurs revues ont trouvé de petits effets.",
           "Dans cet article, nous résumons ce que l'on sait de la neuropathie périphérique et des traitements "
           "que les patients demandent le plus souvent."],
    "es": ["La acupuntura se ha estudiado durante décadas en el dolor crónico y los resultados siguen siendo "
           "dispares (García 2011). Varias revisiones encontraron efectos pequeños.",
           "En este artículo resumimos lo que se sabe sobre la neuropatía periférica y los tratamientos por los "
           "que más preguntan los pacientes."],
    "it": ["L'agopuntura è stata studiata per decenni nel dolore cronico e i risultati restano discordanti "
           "(Rossi 2013). Diverse revisioni hanno trovato effetti modesti.",
           "In questo articolo riassumiamo ciò che si sa sulla neuropatia periferica e sui trattamenti più "
           "richiesti dai pazienti."],
    "pt": ["A acupuntura tem sido estudada há décadas na dor crônica e os resultados continuam divergentes "
           "(Silva 2014). Várias revisões encontraram efeitos pequenos.",
           "Neste artigo resumimos o que se sabe sobre a neuropatia periférica e os tratamentos mais procurados "
           "pelos pacientes."],
    "pl": ["Akupunktura jest badana od dziesięcioleci w bólu przewlekłym, a wyniki pozostają niejednoznaczne "
           "(Kowalski 2016). Kilka przeglądów wykazało niewielkie efekty.",
           "W tym artykule podsumowujemy wiedzę o neuropatii obwodowej i metodach leczenia, o które pacjenci "
           "pytają najczęściej."],
    "ru": ["Иглорефлексотерапия изучается при хронической боли уже несколько десятилетий, однако результаты "
           "остаются противоречивыми (Иванов, 2015). Несколько обзоров показали небольшой эффект.",
           "В этой статье мы обобщаем сведения о периферической нейропатии и методах её лечения."],
    "zh": ["针刺治疗慢性疼痛的研究已有数十年历史，但结果仍不一致（刘保延，2010）。多项综述发现其效果较小。",
           "本文总结了周围神经病变及患者最常询问的治疗方法的现有证据。"],
    "ja": ["鍼治療は慢性疼痛に対して数十年にわたり研究されてきたが、結果は一致していない（山田, 2005）。",
           "本稿では末梢神経障害とその治療に関する知見をまとめる。"],
}
TOPICS = {"en": ["Books", "Journal articles", "Online sources"], "nl": ["Boeken", "Artikelen", "Websites"],
          "de": ["Bücher", "Zeitschriftenartikel", "Internetquellen"], "fr": ["Ouvrages", "Articles", "Sites web"],
          "es": ["Libros", "Artículos", "Recursos en línea"], "it": ["Libri", "Articoli", "Siti web"],
          "pt": ["Livros", "Artigos", "Sítios"], "pl": ["Książki", "Artykuły", "Strony internetowe"],
          "ru": ["Книги", "Статьи", "Электронные ресурсы"], "zh": ["专著", "期刊论文", "网络资源"],
          "ja": ["書籍", "論文", "ウェブサイト"]}
AFTER = {"en": "About the author", "nl": "Over de auteur", "de": "Über den Autor", "fr": "À propos de l'auteur",
         "es": "Sobre el autor", "it": "L'autore", "pt": "Sobre o autor", "pl": "O autorze", "ru": "Об авторе",
         "zh": "作者简介", "ja": "著者について"}

FORMATS = ("text", "markdown", "html", "rst")
STYLES = ("numbered", "bracketed", "paren", "bullet", "bare-blank", "bare-lines", "label-above", "br",
          "footnote", "rst-citation", "dl", "wikipedia", "div")
STYLE_FORMATS = {"numbered": FORMATS, "bracketed": ("text", "markdown", "html"), "paren": ("text", "markdown"),
                 "bullet": ("text", "markdown", "html", "rst"), "bare-blank": ("text", "markdown", "html", "rst"),
                 "bare-lines": ("text", "html"), "label-above": ("text", "markdown"), "br": ("html",),
                 "footnote": ("markdown", "html"), "rst-citation": ("rst",), "dl": ("html",),
                 "wikipedia": ("html", "text"), "div": ("html",)}


_RST_DOI_RE = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(10\.\S+?)([.,;]?)(?=\s|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Doc:
    name: str
    text: str
    refs: tuple[str, ...]  # the reference strings it holds, in order
    lang: str
    fmt: str
    style: str
    heading: str | None


def _label(style: str, i: int, ref: str) -> str:
    if style == "numbered":
        return f"{i}. "
    if style == "bracketed":
        return f"[{i}] "
    if style == "paren":
        return f"{i}) "
    if style == "bullet":
        return "- "
    return ""


def _key(ref: str, i: int) -> str:
    word = "".join(ch for ch in ref.split()[0] if ch.isalpha())[:8] or "Ref"
    return f"{word}{i}"


def _heading(fmt: str, text: str, rng: random.Random) -> list[str]:
    if fmt == "markdown":
        return [rng.choice([f"## {text}", f"# {text}", f"**{text}**", f"### {text}", f"{text}\n{'-' * len(text)}"]), ""]
    if fmt == "rst":
        return [text, rng.choice("=-~^") * max(4, len(text) * 2), ""]
    if fmt == "html":
        return [rng.choice([f"<h2>{html.escape(text)}</h2>", f"<h3>{html.escape(text)}</h3>",
                            f"<p><strong>{html.escape(text)}</strong></p>", f"<h2 class=\"refs\"><span>{html.escape(text)}</span></h2>"])]
    return rng.choice([[text, ""], [text.upper(), ""], [f"{text}:", ""], [text, "-" * len(text), ""],
                       [f"{rng.randint(3, 9)}. {text}", ""], [text, "=" * 40], [f"== {text} ==", ""]])


def _wrap(entry: str, lead: str, width: int, indent: bool) -> list[str]:
    sub = " " * len(lead) if indent else ""
    return textwrap.wrap(lead + entry, width=width, subsequent_indent=sub, break_long_words=False,
                         break_on_hyphens=False) or [lead + entry]


def _text_list(refs: list[str], style: str, fmt: str, rng: random.Random, topics: list[str] | None) -> list[str]:
    out: list[str] = []
    wrap = fmt in ("text", "rst") and rng.random() < 0.5
    width = rng.choice([72, 80, 100])  # a document is wrapped at one width
    indent = rng.random() < 0.6
    blank = style in ("bare-blank", "label-above", "rst-citation", "footnote") or rng.random() < 0.4
    cut = _topic_cuts(len(refs), topics, rng)
    for i, ref in enumerate(refs, start=1):
        if i - 1 in cut:
            out.extend([cut[i - 1], ""])
        if style == "label-above":
            out.append(f"[{_key(ref, i)}]")
            lines = _wrap(ref, "    ", width, True) if wrap else ["    " + ref]
        elif style == "rst-citation":
            lead = f".. [{_key(ref, i)}] "
            ref = _RST_DOI_RE.sub(r":doi:`\1`\2", ref)
            lines = _wrap(ref, lead, width, True) if wrap else [lead + ref]
        elif style == "footnote":
            lead = f"[^{i}]: "
            lines = [lead + ref]
        elif style == "wikipedia":
            lead = rng.choice(["^ ", f"{i}. ^ ", "^ a b "])
            lines = [lead + ref]
        else:
            lead = _label(style, i, ref)
            if fmt == "rst":
                ref = _RST_DOI_RE.sub(r":doi:`\1`\2", ref)
            if fmt == "markdown" and style == "bare-lines":
                lead = ""
            lines = _wrap(ref, lead, width, indent) if wrap else [lead + ref]
        if fmt == "markdown" and style in ("bare-lines",):
            lines[-1] += "  "  # a hard line break
        out.extend(lines)
        if blank or style == "bare-blank":
            out.append("")
    return out


def _topic_cuts(n: int, topics: list[str] | None, rng: random.Random) -> dict[int, str]:
    if not topics or n < 6:
        return {}
    points = sorted(rng.sample(range(1, n), min(len(topics) - 1, 2)))
    return {0: topics[0], **{p: topics[k + 1] for k, p in enumerate(points)}}


def _html_list(refs: list[str], style: str, rng: random.Random, topics: list[str] | None) -> list[str]:
    esc = [html.escape(r) for r in refs]
    cut = _topic_cuts(len(refs), topics, rng)
    out: list[str] = []
    if style in ("numbered", "bullet", "wikipedia"):
        tag = "ol" if style in ("numbered", "wikipedia") else "ul"
        cls = ' class="references"' if style == "wikipedia" else ""
        out.append(f"<{tag}{cls}>")
        for i, r in enumerate(esc, start=1):
            if i - 1 in cut:
                out.extend([f"</{tag}>", f"<h4>{cut[i - 1]}</h4>", f"<{tag}>"])
            if style == "wikipedia":
                out.append(f'<li id="cite_note-{i}"><span class="mw-cite-backlink"><b><a href="#cite_ref-{i}">^</a></b></span> '
                           f'<span class="reference-text"><cite class="citation">{r}</cite></span></li>')
            else:
                out.append(f"<li>{r}</li>")
        out.append(f"</{tag}>")
    elif style == "bracketed":
        out.extend(f"<p>[{i}] {r}</p>" for i, r in enumerate(esc, start=1))
    elif style == "br":
        out.append("<p>" + "<br>\n".join(esc) + "</p>")
    elif style == "bare-lines":
        out.append("<div>" + "<br/>".join(esc) + "</div>")
    elif style == "footnote":
        out.append('<div class="footnotes"><ol>')
        out.extend(f'<li id="fn{i}"><p>{r} <a href="#fnref{i}">↩</a></p></li>' for i, r in enumerate(esc, start=1))
        out.append("</ol></div>")
    elif style == "dl":
        out.append("<dl>")
        for i, r in enumerate(esc, start=1):
            out.extend([f"<dt>[{i}]</dt>", f"<dd>{r}</dd>"])
        out.append("</dl>")
    elif style == "div":
        out.extend(f'<div class="csl-entry">{r}</div>' for r in esc)
    else:
        for i, r in enumerate(esc, start=1):
            if i - 1 in cut:
                out.append(f"<h4>{cut[i - 1]}</h4>")
            out.append(f"<p>{r}</p>")
    return out


def build(pool: dict[str, list[str]], n_docs: int = 300, seed: int = 13) -> list[Doc]:
    """``n_docs`` documents; ``pool`` maps a field name to reference strings (drawn without replacement)."""
    rng = random.Random(seed)
    fields = sorted(pool)
    bags = {f: rng.sample(pool[f], len(pool[f])) for f in fields}
    docs = []
    for k in range(n_docs):
        lang = rng.choice(sorted(HEADINGS))
        style = rng.choice(STYLES)
        fmt = rng.choice(STYLE_FORMATS[style])
        heading = None if rng.random() < 0.12 else rng.choice(HEADINGS[lang])
        field = rng.choice(fields)
        n = rng.randint(3, 24)
        refs = [bags[field].pop() for _ in range(min(n, len(bags[field])))]
        if rng.random() < 0.35:  # a few references of other kinds in the same list
            other = rng.choice(fields)
            refs.extend(bags[other].pop() for _ in range(min(rng.randint(1, 3), len(bags[other]))))
            rng.shuffle(refs)
        refs = list(dict.fromkeys(refs))
        if len(refs) < 2:
            bags = {f: rng.sample(pool[f], len(pool[f])) for f in fields}
            continue
        topics = TOPICS[lang] if heading and rng.random() < 0.15 and style not in ("footnote", "rst-citation") else None
        prose = PROSE[lang]
        after = rng.random() < 0.5
        if fmt == "html":
            body = [f"<html><head><title>{prose[1][:30]}</title></head><body><article>", f"<h1>{prose[1][:40]}</h1>",
                    f"<p>{html.escape(prose[0])}</p>", f"<p>{html.escape(prose[1])}</p>"]
            if heading:
                body += _heading(fmt, heading, rng)
            body += _html_list(refs, style, rng, topics)
            if after:
                body += [f"<h2>{AFTER[lang]}</h2>", f"<p>{html.escape(prose[0])}</p>"]
            body += ["<footer><p>© 2024 · Privacy · Contact</p></footer>", "</article></body></html>"]
        else:
            title = prose[1][:40]
            body = ([f"# {title}", ""] if fmt == "markdown" else [title, "=" * len(title), ""]) + [prose[0], "", prose[1], ""]
            if heading:
                body += _heading(fmt, heading, rng)
            body += _text_list(refs, style, fmt, rng, topics)
            if after:
                body += ["", AFTER[lang], "", prose[0], ""]
        suffix = {"text": "txt", "markdown": "md", "html": "html", "rst": "rst"}[fmt]
        docs.append(Doc(f"doc{k:03d}_{lang}_{style}.{suffix}", "\n".join(body) + "\n", tuple(refs), lang, fmt, style,
                        heading))
    return docs
