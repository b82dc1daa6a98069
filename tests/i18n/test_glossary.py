"""Every catalog uses the glossary's word wherever the English msgid uses the English term.

Citizens who read poorly, or read Danish poorly, should meet one word for one thing:
translations/glossary.toml holds the chosen term per language, and this test holds the
catalogs to it.
"""

from __future__ import annotations

import re
import shutil
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from portal.i18n import catalogs

GLOSSARY_PATH = catalogs.TRANSLATIONS / "glossary.toml"
CHECKED = ("da", "ar", "ti")
LANGUAGES = ("en", *CHECKED)
KEYS = {
    "en",
    "da",
    "ar",
    "ti",
    "explanation",
    "explanation_da",
    "exclude",
    *(f"{lang}_forms" for lang in LANGUAGES),
}
# Arabic short vowels, tanwin, shadda, sukun, dagger alef and tatweel are optional in
# writing; a translation with or without them uses the same word.
ARABIC_OPTIONAL = re.compile("[\u064b-\u065f\u0670\u0640]")

Glossary = Mapping[str, Mapping[str, Any]]


def load_glossary() -> dict[str, dict[str, Any]]:
    with GLOSSARY_PATH.open("rb") as fh:
        return tomllib.load(fh)


def load_catalog(locale: str) -> Catalog:
    with catalogs.po_path(locale).open("rb") as fh:
        return read_po(fh)


def normalise(text: str, locale: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if locale == "ar":
        return ARABIC_OPTIONAL.sub("", text)
    return text.casefold()


def english_pattern(term: Mapping[str, Any]) -> re.Pattern[str]:
    words = sorted({term["en"], *term.get("en_forms", [])}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def accepted(term: Mapping[str, Any], locale: str) -> list[str]:
    return [normalise(w, locale) for w in (term[locale], *term.get(f"{locale}_forms", []))]


def _ids(message: Message) -> list[str]:
    return [str(i) for i in message.id] if isinstance(message.id, tuple | list) else [message.id]


def _strings(message: Message) -> list[str]:
    if isinstance(message.string, tuple | list):
        return [s or "" for s in message.string]
    return [message.string or ""]


def _english(term: Mapping[str, Any]) -> set[str]:
    return {w.casefold() for w in (term["en"], *term.get("en_forms", []))}


def longer_terms(glossary: Glossary, name: str) -> re.Pattern[str] | None:
    """The other terms whose English holds this one's, e.g. "prepaid rent" for "rent".

    Inside those the longer term owns the words ("rent arrears" is "restance", with no
    "husleje"), so they are taken out of the msgid before this term is looked for.
    """
    own = english_pattern(glossary[name])
    longer = {
        w
        for other, term in glossary.items()
        if other != name
        for w in _english(term)
        if own.search(w) and w not in _english(glossary[name])
    }
    if not longer:
        return None
    words = sorted(longer, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def _text_of(msgid: str, longer: re.Pattern[str] | None) -> str:
    # Placeholders are names, not words: "%(rent)s" is no use of "rent".
    msgid = catalogs.PLACEHOLDER.sub(" ", msgid)
    return longer.sub(" ", msgid) if longer else msgid


def violations(glossary: Glossary, locale: str, catalog: Iterable[Message]) -> list[str]:
    """Every entry whose msgid uses a glossary term but whose translation does not."""
    found: list[str] = []
    terms = [
        (name, term, english_pattern(term), longer_terms(glossary, name), accepted(term, locale))
        for name, term in glossary.items()
    ]
    for message in catalog:
        # Fuzzy and untranslated entries are the catalog check's to report (test_catalogs).
        if not message.id or "fuzzy" in message.flags or not all(_strings(message)):
            continue
        ids = _ids(message)
        for name, term, pattern, longer, words in terms:
            if ids[0] in term.get("exclude", ()):
                continue
            if not any(pattern.search(_text_of(i, longer)) for i in ids):
                continue
            for text in _strings(message):
                if not any(w in normalise(text, locale) for w in words):
                    found.append(
                        f"{locale}: {name} ({term[locale]!r}): msgid {ids[0]!r} msgstr {text!r}"
                    )
    return found


@pytest.fixture(scope="module")
def glossary() -> dict[str, dict[str, Any]]:
    return load_glossary()


def test_the_glossary_is_well_formed(glossary: dict[str, dict[str, Any]]) -> None:
    problems: list[str] = []
    seen: dict[str, str] = {}
    for name, term in glossary.items():
        for key in ("en", "da", "ar", "ti", "explanation", "explanation_da"):
            if not isinstance(term.get(key), str) or not term[key].strip():
                problems.append(f"{name}: {key} is missing or empty")
        for key in set(term) - KEYS:
            problems.append(f"{name}: unknown key {key!r}")
        for key in [k for k in term if k.endswith("_forms") or k == "exclude"]:
            value = term[key]
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                problems.append(f"{name}: {key} must be a list of words")
        for explanation in ("explanation", "explanation_da"):
            if "\n" in str(term.get(explanation, "")):
                problems.append(f"{name}: {explanation} must be one line")
        for english in (term.get("en", ""), *term.get("en_forms", [])):
            key = english.casefold()
            if key in seen:
                problems.append(f"{name}: English {english!r} is also in {seen[key]}")
            seen[key] = name
    assert problems == []


def test_the_exclusions_name_real_msgids(glossary: dict[str, dict[str, Any]]) -> None:
    # A stale exclusion would hide nothing today and wrongly hide a new string tomorrow.
    ids = {i for m in load_catalog("da") if m.id for i in _ids(m)}
    stale = [
        f"{name}: {msgid!r}"
        for name, term in glossary.items()
        for msgid in term.get("exclude", [])
        if msgid not in ids
    ]
    assert stale == []


@pytest.mark.parametrize("locale", CHECKED)
def test_each_catalog_uses_the_glossary_terms(
    glossary: dict[str, dict[str, Any]], locale: str
) -> None:
    found = violations(glossary, locale, load_catalog(locale))
    assert not found, f"{len(found)} translations do not use the glossary:\n" + "\n".join(found)


def _catalog(locale: str, *entries: tuple[str | tuple[str, str], str | tuple[str, ...]]) -> Catalog:
    catalog = Catalog(locale=locale)
    for msgid, msgstr in entries:
        catalog.add(msgid, msgstr)
    return catalog


GLOSSARY_SAMPLE: dict[str, dict[str, Any]] = {
    "rent": {"en": "rent", "da": "husleje", "ar": "الإيجار", "ti": "ክራይ"},
    "arrears": {"en": "rent arrears", "da": "restance", "ar": "متأخرات", "ti": "ዘይተኸፍለ ክራይ"},
    "lease": {
        "en": "lease",
        "en_forms": ["leases"],
        "da": "lejekontrakt",
        "ar": "عقد",
        "ti": "ውዕል",
    },
    "support": {
        "en": "support",
        "da": "støtte",
        "ar": "الدعم",
        "ar_forms": ["دعم"],
        "ti": "ደገፍ",
        "exclude": ["IT support"],
    },
}


@pytest.mark.parametrize(
    ("locale", "msgid", "msgstr", "ok"),
    [
        ("da", "End the lease", "Afslut lejekontrakten", True),
        ("da", "End the lease", "Afslut LEJEKONTRAKTEN", True),
        ("da", "End the lease", "Afslut lejemålet", False),
        ("da", "Leases", "Lejekontrakter", True),
        ("da", "Release notes", "Noter", True),  # "lease" only on word boundaries
        ("da", "IT support", "It-hjælp", True),  # excluded
        ("da", "Pay %(lease)s now", "Betal %(lease)s nu", True),  # a placeholder is no word
        ("da", "Rent arrears", "Restance", True),  # the longer term owns "rent"
        ("da", "Rent arrears, and the rent", "Restance", False),
        ("ar", "Your support", "دعمك", True),
        ("ar", "Your support", "دَعْمُك", True),  # diacritics are optional
        ("ar", "Your support", "مساعدتك", False),
        ("ti", "Your support", "ሓገዝኩም", False),
        ("da", ("%(n)s lease", "%(n)s leases"), ("%(n)s lejekontrakt", "%(n)s lejemål"), False),
        ("da", "New lease", "", True),  # untranslated: reported by the catalog check
    ],
)
def test_the_check_finds_a_translation_that_strays(
    locale: str, msgid: str | tuple[str, str], msgstr: str | tuple[str, ...], ok: bool
) -> None:
    found = violations(GLOSSARY_SAMPLE, locale, _catalog(locale, (msgid, msgstr)))
    assert (found == []) is ok, found


def test_a_failure_names_locale_term_msgid_and_msgstr() -> None:
    catalog = _catalog("da", ("End the lease", "Afslut lejemålet"), ("Leases", "Lejemål"))
    found = violations(GLOSSARY_SAMPLE, "da", catalog)
    assert found == [
        "da: lease ('lejekontrakt'): msgid 'End the lease' msgstr 'Afslut lejemålet'",
        "da: lease ('lejekontrakt'): msgid 'Leases' msgstr 'Lejemål'",
    ]


def test_a_broken_catalog_fails_the_check(
    glossary: dict[str, dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real check on a scratch copy of the catalogs with one translation changed.
    copy = tmp_path / "translations"
    shutil.copytree(catalogs.TRANSLATIONS, copy)
    monkeypatch.setattr(catalogs, "TRANSLATIONS", copy)
    po = copy / "da" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    wanted = (
        'msgid "Housed with a temporary lease"\nmsgstr "Har bolig med en midlertidig lejekontrakt"'
    )
    assert wanted in text
    po.write_text(
        text.replace(
            wanted, wanted.replace("en midlertidig lejekontrakt", "et tidsbegrænset lejemål")
        ),
        encoding="utf-8",
    )
    found = violations(glossary, "da", load_catalog("da"))
    # Only the longer term is asked for: "temporary lease" owns its "lease".
    assert [f for f in found if "Housed with a temporary lease" in f] == [
        "da: temporary_lease ('midlertidig lejekontrakt'): msgid 'Housed with a temporary lease'"
        " msgstr 'Har bolig med et tidsbegrænset lejemål'"
    ]
