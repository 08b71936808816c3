"""The words that say what kind of work a reference cites (read by :mod:`acuref.parse.kinds`), in English, German,
Dutch and French and a few more where the word is the same: thesis and report words, bracketed descriptions of data
and programs, the repositories' DOI prefixes, standards' numbers, manuscripts, preprint servers, universities."""

from __future__ import annotations

import re

THESIS_RE = re.compile(
    r"(?P<genre>\b(?:(?:Ph\.?\s?D\.?|Doctoral|Doctorate|Master'?s?|M\.?\s?Sc\.?|M\.?\s?A\.?|M\.?\s?Phil\.?|Bachelor'?s?|"
    r"B\.?\s?Sc\.?|Diploma|Habilitation|Licentiate|Honours|Undergraduate|Senior)\s+(?:thesis|dissertation|essay)|"
    r"Doctoral\s+dissertation|Dissertation(?:\s+thesis)?|Inaugural-?Dissertation|Diss\.(?=\s|,|$)|Thesis|"
    r"Diplomarbeit|Masterarbeit|Bachelorarbeit|Magisterarbeit|Doktorarbeit|Habilitationsschrift|Staatsexamensarbeit|"
    r"Proefschrift|Dissertatie|Masterscriptie|Masterthesis|Masterproef|Bachelorproef|Bachelorscriptie|Scriptie|"
    r"Doctoraalscriptie|Afstudeerscriptie|Thèse(?:\s+de\s+(?:doctorat|master|Doctorat)(?:\s+[\wé'’ -]{2,40}?)?)?|"
    r"Mémoire(?:\s+de\s+(?:master|maîtrise|Master|fin\s+d['’]études|DEA|licence)|(?!\s+(?:de\s+la|de\s+l['’]|des|du|sur)\b))|"
    r"Tesi\s+di\s+(?:laurea|dottorato)|"
    r"Tesis\s+doctoral|Tese\s+de\s+doutorado|Dissertação\s+de\s+mestrado)\b\.?)",
    re.IGNORECASE)
# Journals whose names hold a thesis word: never a thesis
THESIS_JOURNAL_RE = re.compile(r"Dissertation\s+Abstracts|Dissertationes|Thesis\s+Eleven|Theses\s+and\s+Dissertations",
                                re.IGNORECASE)

NUMBER = r"(?:\s*(?:No\.?|Nr\.?|Number|n°|nº|no\.|num\.|#)\s*|\s+)(?P<number>[A-Z]{0,8}[-/ ]?\d[\w./-]*(?<![.-]))"
REPORT_RE = re.compile(
    rf"(?P<genre>\b(?:Technical\s+Report|Tech\.\s*Rep(?:ort)?\.?|Techn?\.\s*Report|Research\s+Report|Internal\s+Report|"
    rf"Final\s+Report|Working\s+Paper|Discussion\s+Paper|Policy\s+(?:Brief|Paper)|White\s+Paper|Occasional\s+Paper|"
    rf"Research\s+Memorandum|Technical\s+Note|Technical\s+Memorandum|Forschungsbericht|Arbeitsbericht|"
    rf"Arbeitspapier|Diskussionspapier|Technischer\s+Bericht|Abschlussbericht|Schlussbericht|Projektbericht|"
    rf"Rapport\s+(?:technique|de\s+recherche|final)|Document\s+de\s+travail|Cahier\s+de\s+recherche|Note\s+technique|"
    rf"Onderzoeksrapport|Eindrapport|Werkdocument|Technisch\s+rapport|Rapport)\b\.?)(?:{NUMBER})?"
    rf"|(?P<genre2>\b(?:Report|Bericht|Rapport|Memo|Memorandum|Notitie|(?:Professional|Open[- ]File|Special|Survey)\s+Paper))(?:{NUMBER.replace('number', 'number2')})",
    re.IGNORECASE)
# "Report" names these journals and series of articles
REPORT_JOURNAL_RE = re.compile(r"\b(?:Scientific|Cell|EMBO|Physics|Case|Clinical|Current|Weekly|Mortality|Annual|"
                                r"Health|Food|Consumer|Qualitative)\s+Reports?\b|\bReports\s+(?:on|of|in)\b|\bMMWR\b|\bWkly\s+Rep\b|\b[A-Z][a-z]+\s+Rep\s+\d",
                                re.IGNORECASE)

DATASET_RE = re.compile(r"\[(?:Data\s?set|Data|Data\s+collection|Database|Datensatz|Daten|Jeu\s+de\s+données|"
                         r"Données|Databestand|Dataset|Data\s+files?)\]|\((?:Data\s?set|Datensatz|Dataset)\)|"
                         r"(?:^|[.,]\s)(?:Data\s?set|Datensatz)(?=[.,]\s|\.?$)", re.IGNORECASE)
DATA_DOI_RE = re.compile(r"\b10\.(?:5061/dryad|1594/pangaea|6084/m9\.figshare|7910/dvn|17632/|15468/|3886/icpsr|"
                          r"5281/zenodo)", re.IGNORECASE)
REPOSITORIES = (("zenodo", "Zenodo"), ("dryad", "Dryad"), ("figshare", "figshare"), ("pangaea", "PANGAEA"),
                 ("dvn", "Harvard Dataverse"), ("17632", "Mendeley Data"), ("15468", "GBIF"), ("icpsr", "ICPSR"))

SOFTWARE_RE = re.compile(r"\[(?:Computer\s+(?:software|program)|Software|Source\s+code|Logiciel|Computerprogramm|"
                          r"Programmatuur|R\s+package|Python\s+package)\]|\b(?:R|Python|Julia|Stata|MATLAB)\s+package"
                          r"(?:\s+version\s+[\w.-]+)?\b|\bsoftware\s+version\b|"
                          r"R\s+Foundation\s+for\s+Statistical\s+Computing", re.IGNORECASE)
CODE_URL_RE = re.compile(r"(?<![\w.-])(?:www\.)?(?:(?:github\.com|gitlab\.com|bitbucket\.org)/[\w.-]+(?=/[\w.-])|cran\.r-project\.org/(?:web/)?packages?|"
                          r"pypi\.(?:python\.)?org/(?:project|pypi)|bioconductor\.org/packages|"
                          r"CRAN\.R-project\.org/package)[/=][\w.-]+", re.IGNORECASE)
VERSION_RE = re.compile(r"\b(?:R\s+package\s+)?(?:version|Version|Versie|versie|Vers\.|ver\.)\s*:?\s*v?"
                         r"(?P<version>\d[\w.-]*[\w])|\(v(?P<v2>\d+(?:\.\d+)+[\w-]*)\)|(?<=\s)v(?P<v3>\d+\.\d+(?:\.\d+)*)\b")

STANDARD_RE = re.compile(
    r"(?P<number>\b(?:(?:DIN|NEN|NF|BS|ÖNORM|OENORM|SN|UNI|UNE|CSN|ČSN|PN|SS|DS|NS|SFS|ASTM|ANSI(?:/[A-Z]+)?|"
    r"IEC|ISO(?:/(?:IEC|ASTM|TS|TR|IEEE))*|VDI(?:/VDE)?|ETSI\s+(?:EN|TS|TR|ES)|IEEE\s+Std\.?|ITU-T(?:\s+Rec\.)?|"
    r"CEN(?:/TS|/TR)?|GB/T|GOST)(?:[\s-]+(?:EN|ISO(?:/IEC)?|IEC|TS|TR|CEN|Beiblatt))*[\s-]+"
    r"[A-Z]?\d[\d.]*(?:[-/]\d+)*(?::\d{4}(?:-\d{2})?)?(?:[-/]\d{4})?|EN\s+\d{3,5}(?:-\d+)*(?::\d{4})?))(?![\w/])")

MANUSCRIPT_RE = re.compile(
    r"\b(?:Unpublished\s+(?:manuscript|work|paper|raw\s+data)|Manuscript(?:\s+(?:in\s+preparation|in\s+review|"
    r"under\s+review|submitted(?:\s+for\s+publication)?))?|In\s+preparation|Submitted\s+(?:for\s+publication|"
    r"to\s+[A-Z])|Under\s+review|Ongepubliceerd(?:\s+manuscript)?|Niet\s+gepubliceerd|In\s+voorbereiding|"
    r"Unveröffentlicht(?:es|)(?:\s+Manuskript)?|Manuskript(?:\s+in\s+Vorbereitung|\s+eingereicht)?|In\s+Vorbereitung|"
    r"Manuscrit(?:\s+(?:non\s+publié|soumis|en\s+préparation|inédit))?|Non\s+publié|En\s+préparation|Inédit)\b",
    re.IGNORECASE)
IN_PRESS_RE = re.compile(r"\b(?:in\s+press|im\s+Druck|sous\s+presse|ter\s+perse)\b", re.IGNORECASE)

UNIVERSITY_RE = re.compile(
    r"(?:[A-ZÀ-Þ][\w.'’&-]*\s+){0,4}(?i:University|Universität|Universiteit|Université|Universidad|Università|"
    r"Universidade|Uniwersytet|Hochschule|Institute\s+of\s+Technology|Technische\s+Hochschule|École|Ecole|"
    r"Polytechnique|College|Rijksuniversiteit|Hogeschool)(?:\s+(?:of|de|van|voor|zu|des|du|di|der|für|la|Paris)"
    r"|\s+[A-ZÀ-Þ][\w.'’&-]*)*")


INSTITUTION_RE = re.compile(r"\b(?:univ|hochschule|school|institut|facult|fakult|department|dept|école|ecole|college|"
                             r"hogeschool|academ)", re.IGNORECASE)


LINK_RE = re.compile(r"\b(?:https?://|www\.)\S+|\b(?:doi:\s*)?10\.\d{4,9}/\S+", re.IGNORECASE)


SERVERS = (("biorxiv", "bioRxiv"), ("medrxiv", "medRxiv"), ("ssrn", "SSRN"), ("research square", "Research Square"),
            ("chemrxiv", "ChemRxiv"), ("psyarxiv", "PsyArXiv"), ("socarxiv", "SocArXiv"), ("osf preprints", "OSF Preprints"),
            ("techrxiv", "TechRxiv"), ("eartharxiv", "EarthArXiv"), ("preprints.org", "Preprints"), ("hal-", "HAL"))
SERVER_RE = re.compile(r"\b(?:bioRxiv|medRxiv|SSRN|Research\s+Square|ChemRxiv|PsyArXiv|SocArXiv|OSF\s+Preprints|TechRxiv|"
                        r"EarthArXiv|Preprints\.org)\b|\bhal-\d{8}", re.IGNORECASE)
SERVER_DOI_RE = re.compile(r"^10\.(?:1101/\d{4}\.\d\d\.\d\d|2139/ssrn|21203/rs\.|26434/chemrxiv|31234/osf|31235/osf|"
                            r"36227/techrxiv|31223/|20944/preprints)", re.IGNORECASE)


__all__ = ["CODE_URL_RE", "DATASET_RE", "DATA_DOI_RE", "INSTITUTION_RE", "IN_PRESS_RE", "LINK_RE", "MANUSCRIPT_RE",
           "NUMBER", "REPORT_JOURNAL_RE", "REPORT_RE", "REPOSITORIES", "SERVERS", "SERVER_DOI_RE", "SERVER_RE",
           "SOFTWARE_RE", "STANDARD_RE", "THESIS_JOURNAL_RE", "THESIS_RE", "UNIVERSITY_RE", "VERSION_RE"]
