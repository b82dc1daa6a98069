"""The translation catalogs: extract, update, compile and check.

``python -m portal.i18n.catalogs extract|update|compile|check``. The check fails on a stale
template, a missing, untranslated or fuzzy entry, a placeholder that does not match its
msgid, or a catalog that does not compile — in every catalog.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from portal.config import LOCALES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
KEYWORDS = ("_l", "lazy_gettext", "lazy_ngettext:1,2", "lazy_pgettext:1c,2", "_lp:1c,2")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|\{(\w+)\}")


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract(output: Path = TEMPLATE) -> None:
    keywords: list[str] = []
    for kw in KEYWORDS:
        keywords += ["-k", kw]
    _babel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        *keywords,
        "--add-comments=Translators:",
        "--no-location",
        "--sort-output",
        "--project=Boligbro",
        "--omit-header",
        "-o",
        str(output),
        str(ROOT),
    )


def po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def update() -> None:
    """Re-extract, then bring every catalog up to the template. English is its own msgids."""
    extract()
    for locale in LOCALES:
        path = po_path(locale)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            _babel("init", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "-l", locale)
        else:
            _babel(
                "update",
                "-i",
                str(TEMPLATE),
                "-d",
                str(TRANSLATIONS),
                "-l",
                locale,
                "--no-fuzzy-matching",
                "--ignore-obsolete",
            )
    for locale in LOCALES:
        _tidy(locale)


def _tidy(locale: str) -> None:
    """Name the project in the header, clear the header's fuzzy flag; English is its msgids."""
    path = po_path(locale)
    catalog = _read(path)
    catalog.project = "Boligbro"
    catalog.version = "1"
    catalog.fuzzy = False
    if locale == "en":
        _fill_english(catalog)
    _write(path, catalog)


def _fill_english(catalog: Catalog) -> None:
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(message.id)
        else:
            message.string = message.id
        message.flags.discard("fuzzy")


def compile_all() -> None:
    for locale in LOCALES:
        catalog = _read(po_path(locale))
        with po_path(locale).with_suffix(".mo").open("wb") as fh:
            write_mo(fh, catalog)


def _read(path: Path) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh)


def _write(path: Path, catalog: Catalog) -> None:
    with path.open("wb") as fh:
        write_po(fh, catalog, omit_header=False, no_location=True, sort_output=True, width=100)


def _key(message: Message) -> tuple[str | None, str]:
    ident = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return (message.context, str(ident))


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def _strings(message: Message) -> Iterable[str]:
    if isinstance(message.string, tuple | list):
        return [s or "" for s in message.string]
    return [message.string or ""]


def problems() -> list[str]:
    """Everything wrong with the catalogs, as readable lines (empty when all is well)."""
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh_path = Path(tmp) / "fresh.pot"
        extract(fresh_path)
        fresh = {_key(m) for m in _read(fresh_path) if m.id}
    if not TEMPLATE.exists():
        return ["translations/messages.pot is missing: run `make i18n-update`."]
    template = {_key(m): m for m in _read(TEMPLATE) if m.id}
    if set(template) != fresh:
        added = sorted(str(k[1]) for k in fresh - set(template))[:5]
        removed = sorted(str(k[1]) for k in set(template) - fresh)[:5]
        found.append(f"messages.pot is stale (new: {added}, gone: {removed}): make i18n-update")
    for locale in LOCALES:
        path = po_path(locale)
        if not path.exists():
            found.append(f"{locale}: catalog missing")
            continue
        catalog = _read(path)
        plurals = get_plural(locale).num_plurals
        if f"nplurals={plurals};" not in path.read_text(encoding="utf-8"):
            found.append(f"{locale}: header missing or Plural-Forms is not nplurals={plurals}")
        entries = {_key(m): m for m in catalog if m.id}
        for key in template:
            if key not in entries:
                found.append(f"{locale}: missing {key[1]!r}")
        for key, message in entries.items():
            label = f"{locale}: {key[1]!r}"
            if "fuzzy" in message.flags:
                found.append(f"{label} is fuzzy")
            strings = list(_strings(message))
            if not all(strings):
                found.append(f"{label} is untranslated")
                continue
            ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
            wanted: set[str] = set().union(*(_placeholders(str(i)) for i in ids))
            for s in strings:
                got = _placeholders(s)
                # A plural form may leave out the number (e.g. Arabic's "one" form).
                if got - wanted or (not isinstance(message.id, tuple) and got != wanted):
                    found.append(f"{label} placeholders {sorted(got)} != {sorted(wanted)}")
        for message in catalog:
            for error in message.check(catalog):
                found.append(f"{locale}: {message.id!r}: {error}")
        try:
            write_mo(io.BytesIO(), catalog)
        except Exception as exc:
            found.append(f"{locale}: does not compile: {exc}")
    return found


def main(argv: list[str]) -> int:
    action = argv[1] if len(argv) > 1 else "check"
    if action == "extract":
        extract()
    elif action == "update":
        update()
    elif action == "compile":
        compile_all()
    elif action == "check":
        issues = problems()
        for line in issues:
            print(line)
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
