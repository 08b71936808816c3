"""Japanese, Chinese, Russian and Polish lists as their pages print them: found whole, read by their quotation marks,
and what follows them (an appendix, link words) not taken."""

from __future__ import annotations

import pytest

from acuref import parse_reference
from acuref.read.cjk import appendix_heading, cjk_author_date, marks
from acuref.read.listshapes import cjk_name_key, link_word_label, series_line, title_after_source
from conftest import found_in as _found

# Invented entries in the shapes the pages print (no string from a real document).
JA_A = "山田花子, 川口次郎 (2011) 渡り鳥の観察記録.『鳥類研究』12(3), 45-61"
JA_B = "川口次郎 (2010) 干潟の生態系.『自然環境』8, 112-120 (緑風社)"
JA_C = "山田花子 (2009) 湿地の保全. 森下一郎編『湿地の科学』87-100 (青葉書房)"
JA_D = "森下一郎「水辺の鳥たち」『生物季報』14(2), 23-31,(1998)．"
JA_E = "森下一郎・山田花子編著『干潟と渡り鳥』青葉書房，(2001)．"


def test_japanese_list_under_year_headings_is_found():
    """A Japanese publication list with '(year)' after the authors and 『』 journals, one list per year heading
    and no reference heading, is taken whole (it scored as text before: names without initials, 『』)."""
    text = f"## 2011\n\n- {JA_A}\n- {JA_B}\n\n## 2010\n\n- {JA_C}\n- {JA_B}\n"
    found, _ = _found(text)
    assert found == [JA_A, JA_B, JA_C, JA_B]


@pytest.mark.parametrize("text, title, container, volume, page, year, first", [
    (JA_A, "渡り鳥の観察記録", "鳥類研究", "12", "45-61", 2011, "山田花子"),
    (JA_B, "干潟の生態系", "自然環境", "8", "112-120", 2010, "川口次郎"),
    (JA_C, "湿地の保全", "湿地の科学", None, "87-100", 2009, "山田花子"),
    (JA_D, "水辺の鳥たち", "生物季報", "14", "23-31", 1998, "森下一郎"),
    (JA_E, "干潟と渡り鳥", None, None, None, 2001, "森下一郎"),
    ("川口次郎・森下一郎 1997「砂浜の足跡」『海辺紀要』vol.5, no.2 pp.11–19", "砂浜の足跡", "海辺紀要", "5", "11-19", 1997,
     "川口次郎"),
    ("川口次郎 1999「干潟の地図 https://doi.org/10.1234/abc.5」『海辺紀要』vol.7 青葉書房", "干潟の地図", "海辺紀要", "7", None,
     1999, "川口次郎"),
])
def test_japanese_quotation_marks_read(text, title, container, volume, page, year, first):
    """「title」 and 『container』 (or a title before 『』 with no 「」, or a 『book』 alone), the volume and pages
    after 『』, the year in parentheses, each name whole as printed."""
    ref = parse_reference(text)
    assert (ref.title, ref.container_title, ref.volume, ref.page) == (title, container, volume, page)
    assert ref.issued is not None and ref.issued.year == year
    assert ref.author and ref.author[0].literal == first


@pytest.mark.parametrize("text, fields", [
    ("山田太郎「『源氏物語』の研究」『国文学』12(3), 45-61, (1984)．",
     {"title": "『源氏物語』の研究", "container_title": "国文学", "volume": "12", "issue": "3", "page": "45-61"}),
    ("山田太郎 (1984) 『源氏物語』の研究.『国文学』12(3), 45-61",
     {"title": "『源氏物語』の研究", "container_title": "国文学", "volume": "12", "page": "45-61"}),
    (JA_B, {"publisher": "緑風社"}),
    (JA_C, {"publisher": "青葉書房", "type": "chapter"}),
    (JA_E, {"publisher": "青葉書房", "type": "book"}),
    # no language from the reader: the pipeline detects it (zh) from the string
    ("王小明 (2001) 台灣鳥類誌.『中華鳥類學報』12(3), 45-61", {"language": None, "container_title": "中華鳥類學報"}),
    ("山田花子 (2009) 日本の歴史. 近代編.『叢書』12, 3-9", {"title": "日本の歴史. 近代編", "container_title": "叢書"}),
    ("山田花子 (2009) 湿地の保全.『湿地の科学』2010, 87-100", {"volume": None, "page": "87-100"}),
])
def test_japanese_containers_publishers_and_languages(text, fields):
    """A 『』 inside the 「」 title or the title's own words is not the container (the one with numbers after it is);
    the publisher after the numbers is read; Chinese text quoting a journal in 『』 stays Chinese; a role word
    with a stop before 『 is part of the title; a year after 『』 is not a volume."""
    ref = parse_reference(text)
    assert {k: getattr(ref, k) for k in fields} == fields


@pytest.mark.parametrize("text, least", [
    ("张伟, 李娜, 王强, 等. 城市湿地鸟类调查[P]. 中国专利: 201900000001.1, 2019.", 4),
    ("张伟, 2018: 湿地鸟类的迁徙研究. 博士论文, 某某大学, 某市.", 3),
    ("Петров И.И. Птицы болот // Вестник орнитологии. – 2015. – Т. 3. – С. 10–20.", 2),
    (JA_D, 4),
])
def test_marks_of_national_styles(text, least):
    """GB/T type codes with '等' authors, a thesis by its degree, GOST '//' and ' – ' areas, 「」『』: evidence."""
    assert marks(text) >= least


@pytest.mark.parametrize("text", [
    "这是一段普通的说明文字，没有任何文献的标志。",
    "Обычный текст без библиографических признаков.",
    "会議は12号館で行われます。",
    "The rate depends on [A] and on [B] alone.",
    "Equilibrium [K] was measured at 12号",
])
def test_no_marks_in_plain_text(text):
    """Running text in these scripts has none of the marks."""
    assert marks(text) == 0


@pytest.mark.parametrize("heading, ends", [
    ("附录：文献检索工具", True), ("付録", True), ("Приложение А", True), ("Załącznik 1", True),
    ("学会発表・招待講演", True), ("Доклады на конференциях", True), ("会议论文", False),
    ("附录 参考文献", False), ("Приложение. Список литературы", False), ("参考文献", False),
    ("講演論文集", False), ("講演予稿集", False), ("講演", True),
])
def test_appendix_heading(heading, ends):
    """An appendix heading or a heading of talks given ends the list unless it names the references itself."""
    assert appendix_heading(heading) is ends


def test_appendix_after_the_list_is_not_taken():
    """A list of databases under an appendix heading after the references is not taken."""
    ref = "张伟, 李娜. 城市湿地鸟类调查[J]. 生态学报, 2019, 39(2): 10-20."
    text = (f"# 参考文献\n\n[1] {ref}\n\n## 附录：数据库\n\n- 某数据库: https://example.org/ - 中文论文数据库\n"
            "- Another Index: https://example.com/ - 学术搜索\n")
    found, _ = _found(text)
    assert found == [ref]


def test_link_word_below_an_entry_joins_it():
    """'[DOI] https://doi.org/…' on its own line below a list entry is that entry's link, not an entry."""
    entry = "Taro Yamada 他, “Waders of the northern coast”, J. Coast. Birds, 3, 100040 (2021)."
    html = (f"<h2>論文</h2><ul><li><p>{entry}</p>\n<a href='https://doi.org/10.1234/abcd.5'>[DOI]</a></li>"
            f"<li><p>{entry.replace('2021', '2020')}</p>\n<a href='https://doi.org/10.1234/abcd.6'>[DOI]</a></li></ul>")
    found, _ = _found(html, "page.html")
    assert len(found) == 2 and all("doi.org/10.1234/abcd" in f for f in found)
    assert link_word_label("DOI", "https://doi.org/10.1/x") and not link_word_label("12", "https://doi.org/10.1/x")


def test_title_after_the_source_line():
    """A physics list prints the source first and the title after a <br>: the title is part of the entry."""
    assert title_after_source("A. Tern, B. Gull, Phys. Lett. B 55, 7090 (1997).", "Waders on the mudflats")
    assert not title_after_source("A. Tern, B. Gull, Phys. Lett. B 55, 7090 (1997).", "arXiv:1234.5678 [hep-th]")
    assert title_after_source("A. Tern, B. Gull, arXiv:1903.01234 [cs.DS] (2019).", "Perching birds on wires")
    assert title_after_source("A. Tern, B. Gull, Phys. Lett. B 55, 7090 (1997).", "Doing physics with birds")
    assert series_line("Lecture Notes in Ornithology, vol 1234, pp 57-66 (2020).")
    assert not series_line("Perching birds on wires, a study")
    html = ("<h3>Publications</h3><ol><li>A. Tern, B. Gull,\nJ. Bird Phys. <strong>12</strong>, 345 (1999).\n"
            "<br><em>Flight of the waders</em>.\n<li>A. Tern,\nJ. Bird Phys. <strong>14</strong>, 9 (2001).\n"
            "<br><em>Wings at rest</em>.\n</ol>")
    found, _ = _found(html, "page.html")
    assert len(found) == 2 and found[0].endswith("Flight of the waders.")


def test_lone_entries_between_year_lists():
    """One entry under each year heading, beside lists of several, is taken like them."""
    a = "Tern A., 2012. Waders of the north. Bird Studies, 31: 65-80."
    b = "Tern A., 2011. Wings at rest. [W]: Gull B. (red.): Birds of the coast. Wydawnictwo, Gdańsk. s. 10-20."
    c = "Tern A., Gull B., 2010. Nests in the dunes. Bird Studies, 29: 1-9."
    text = f"## 2012\n\n- {a}\n- {c}\n\n## 2011\n\n- {b}\n\n## 2010\n\n- {c}\n- {a}\n"
    found, _ = _found(text)
    assert found == [a, c, b, c, a]


@pytest.mark.parametrize("text, family, given, title, publisher", [
    ("Смитт Дж. Птицы северных болот. М., Наука, 1981. 210 с.", "Смитт", "Дж.", "Птицы северных болот", "Наука"),
    ("Петров И.И., Сидоров А. Кулики. Л., Мир, 1975.", "Петров", "И.И.", "Кулики", "Мир"),
])
def test_hand_typed_russian_book(text, family, given, title, publisher):
    """A Russian book typed by hand: 'Дж.' is one initial, and 'М., Издательство, год' (a comma after the
    abbreviated city, not a colon) is the imprint."""
    ref = parse_reference(text)
    assert (ref.author[0].family, ref.author[0].given, ref.title, ref.publisher) == (family, given, title, publisher)


def test_cjk_name_in_brackets_is_the_key():
    """'[张伟] 张伟, 李娜. 题名[J]…' (also '[ 张伟]'): the first author's name in brackets is the entry's key,
    not part of its first author or title."""
    a = "张伟, 李娜. 城市湿地鸟类调查[J]. 生态学报, 2019, 39(2): 10-20."
    b = "王强, 等. 滨海鸟类的迁徙[J]. 动物学杂志, 2018, 53(1): 1-9."
    found, _ = _found(f"[张伟] {a}\n\n[ 王强] {b}\n\n[王强] {b}\n", "list.md")
    assert found == [a, b, b]
    assert cjk_name_key("[链接] https://example.org") is None


@pytest.mark.parametrize("text, title", [
    ("Коваль О.І. Птахи узбережжя: метод. вказівки до лаб. робіт. – Одеса : Приморя, 2021. – 40 с.", "Птахи узбережжя"),
    ("Коваль О.І. Птахи узбережжя. Навчальний посібник. – Одеса: Приморя, 2020. – 120 с.", "Птахи узбережжя"),
    ("Смирнов А.А. Кулики: учеб. пособие. – М.: Наука, 1999. – 88 с.", "Кулики"),
    ("Коваль О.І. Птахи. Навчально-методичний посібник. – Одеса: Приморя, 2020. – 120 с.", "Птахи"),
    # the genre words opening a phrase of the title itself stay
    ("Смирнов А.А. История орнитологии. Лекции и очерки // Природа. – 1990. – № 3. – С. 5–9.",
     "История орнитологии. Лекции и очерки"),
    ("Смирнов А.А. Учёт птиц: методический подход к учёту птиц. – М.: Наука, 1990. – 100 с.",
     "Учёт птиц: методический подход к учёту птиц"),
])
def test_gost_title_without_the_kind_of_document(text, title):
    """What kind of document it is ('метод. вказівки', 'Навчальний посібник', 'учеб. пособие') after a GOST
    title is not part of the title."""
    assert parse_reference(text).title == title


def test_comma_imprint_only_after_a_city_abbreviation():
    """'М., Наука, 1975' is a place and publisher; an abbreviated journal name before a comma is not a place."""
    ref = parse_reference("Смирнов А.А. Птицы болот. Вестн. Моск., Сер. биол., 1975")
    assert ref.publisher_place != "Моск."


@pytest.mark.parametrize("text, head", [
    ("山田 花子, 川口 次郎 (2011) 渡り鳥の観察記録", True),
    ("山田\u3000花子 (2011) 渡り鳥の観察記録", True),
    ("Yamada H, Kawaguchi J (2011) Watching waders", True),
    ("マリア・ロペス, 山田花子 (2001) 干潟", True),
    ("渡り鳥の観察記録について (2011)", False),
])
def test_cjk_author_date_heads(text, head):
    """Names with a space inside (half or full width), romanised names with initials, a katakana name with a
    middle dot, then '(year)': an entry's head; a long run of words is not a name."""
    assert cjk_author_date(text) is head
