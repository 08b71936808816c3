"""A reference's language, from its own title's script and words: right where it answers, None where weak."""

from __future__ import annotations

import pytest

from acuref.normalize.language import babel_name, detect, detect_reference
from acuref.pipeline import parse_lines

TITLES = [
    # Latin script: function words, and letters only some languages write
    ("Randomized trial of acupuncture for the treatment of chronic low back pain", "en"),
    ("Effect of a digital lifestyle intervention on weight loss in adults with type 2 diabetes", "en"),
    ("De invloed van online beoordelingen op het koopgedrag van consumenten", "nl"),
    ("Wat is de rol van de huisarts bij de zorg voor kinderen met astma?", "nl"),
    ("Die Bedeutung der Energiewende für die Versorgungssicherheit in Deutschland", "de"),
    ("Untersuchung zur Behandlung von Patienten mit chronischen Schmerzen", "de"),
    ("Les effets du télétravail sur la santé mentale des cadres", "fr"),
    ("Étude de la prévalence de l'épuisement professionnel chez les infirmières", "fr"),
    ("Análisis de los factores de riesgo cardiovascular en niños de Bogotá", "es"),
    ("La gestione delle biblioteche italiane dopo l'alluvione del 1966", "it"),
    ("Avaliação da qualidade da água dos rios do Brasil com sensoriamento remoto", "pt"),
    ("Wpływ pandemii na zdrowie psychiczne dzieci w Polsce", "pl"),
    ("Behandling av depression hos äldre patienter i primärvården och på sjukhus", "sv"),
    # other scripts: the script, then the letters of one language
    ("Создание комплекса научной аппаратуры для космофизических исследований", "ru"),
    ("Вплив кліматичних змін на врожайність озимої пшениці в Україні", "uk"),
    ("Η επίδραση της οικονομικής κρίσης στην υγεία", "el"),
    ("云存储系统架构与关键技术研究", "zh"),
    ("XMLリンク機能による異種文書の統合方式", "ja"),
    ("XMLデータベース入門 - Data on the Web -", "ja"),
    ("한국 청소년의 스마트폰 중독과 정신 건강", "ko"),
    ("تأثير التعليم الإلكتروني على تحصيل الطلاب", "ar"),
    # weak evidence: no answer
    ("Measurement of pain", None),
    ("Phylogenetics", None),
    ("Fidus Writer", None),
    ("Rechnerarchitektur", None),
    ("IT-Handbuch IT-Systemelektroniker/-in, Fachinformatiker/-in", None),
    ("Архитектура компьютера", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize("title,language", TITLES)
def test_title_language(title, language):
    """Each title's language as a bare BCP 47 code, or None when the title cannot tell."""
    assert detect(title) == language


def test_a_dutch_page_citing_english_papers():
    """Each reference is judged on its own string: English works on a Dutch list stay English."""
    refs = parse_lines(
        "Jansen P, de Vries K. De invloed van online beoordelingen op het koopgedrag van consumenten. "
        "Tijdschr Marketing. 2019;12:45-60.\n"
        "Mathur A, Acar G, Friedman MJ, et al. Dark patterns at scale: findings from a crawl of 11K shopping "
        "websites. Proc ACM Hum Comput Interact. 2019;3:1-32.\n"
        "Smith J. Pain. Lancet. 2001;2:1-2.\n", "lijst.txt")
    assert [r.language for r in refs] == ["nl", "en", None]


@pytest.mark.parametrize("title,raw,language", [
    (None, "Иванов И.И. Мозг и эмоции (нейропсихологическое исследование). М.: Наука, 1990.", "ru"),
    (None, "Smith J, Jones K. Lancet 2001;357:1-2.", None),  # an author list and a journal: no evidence
    ("Acupuncture", "Müller K. Acupuncture. Dtsch Arztebl. 2001;98:1-2.", None),  # names are no evidence
])
def test_reference_without_a_readable_title(title, raw, language):
    """Without a title to judge, only a non-Latin script speaks; names and abbreviations never do."""
    assert detect_reference(title, raw) == language


@pytest.mark.parametrize("code,name", [("en", "english"), ("nl", "dutch"), ("de", "ngerman"), ("pt-BR", "portuguese"),
                                       ("xx", None), (None, None)])
def test_babel_names_for_biblatex_langid(code, name):
    """biblatex's langid takes babel names, not codes."""
    assert babel_name(code) == name


@pytest.mark.parametrize("langid, code", [("english", "en"), ("ngerman", "de"), ("german", "de"), ("dutch", "nl"),
                                          ("en", "en"), ("klingon", "klingon"), ("", None)])
def test_langid_read_back_as_a_code(langid, code):
    """A biblatex langid comes back as the language code; one babel does not know is kept as written."""
    from acuref.normalize.language import from_babel

    assert from_babel(langid) == code
