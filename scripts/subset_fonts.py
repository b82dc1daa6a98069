"""Build the self-hosted Arabic and Ethiopic web fonts: ``make fonts``.

A phone that lacks a font for Arabic or Ge'ez script shows empty boxes, so the
portal serves Noto Sans Arabic and Noto Sans Ethiopic itself (SIL Open Font
License), cut down to what it needs and compressed as WOFF2:

- every character of the script used in a msgstr of the ``ar`` and ``ti``
  catalogs (so a translation never shows a box), plus
- the whole basic Arabic block (U+0600-U+06FF) and the Ethiopic syllables
  block (U+1200-U+137F), so strings translated later today are covered before
  anyone re-runs this script, plus the joining controls (ZWNJ, ZWJ, LRM, RLM).

Characters outside these ranges (Latin letters and digits, quotation marks)
are drawn by the next font in the stack; the stylesheets' ``unicode-range``
says the same, and ``tests/unit/test_fonts.py`` checks fonts, stylesheets and
catalogs agree. Re-run after new translations: the output is deterministic, so
an unchanged catalog gives byte-identical files.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = Path("/usr/share/fonts/truetype/noto")
LICENSE_SOURCE = Path("/usr/share/doc/fonts-noto-core/copyright")
OUT_DIR = ROOT / "static" / "fonts"


@dataclass(frozen=True)
class Script:
    """One script's font: where it comes from, which catalogs use it, what it covers."""

    slug: str  # the output name: static/fonts/<slug>-<weight>.woff2
    source: str  # the Noto family's file name stem, e.g. "NotoSansArabic"
    locales: tuple[str, ...]
    # The code point ranges the font serves (inclusive); the CSS unicode-range.
    ranges: tuple[tuple[int, int], ...]
    # Of those, what is always included, used by a catalog or not.
    always: tuple[tuple[int, int], ...]


JOINING_CONTROLS = (0x200C, 0x200F)  # ZWNJ, ZWJ, LRM, RLM

SCRIPTS = (
    Script(
        slug="noto-sans-arabic",
        source="NotoSansArabic",
        locales=("ar",),
        ranges=(
            (0x0600, 0x06FF),  # Arabic
            (0x0750, 0x077F),  # Arabic Supplement
            (0x08A0, 0x08FF),  # Arabic Extended-A
            JOINING_CONTROLS,
            (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
            (0xFE70, 0xFEFF),  # Arabic Presentation Forms-B
        ),
        always=((0x0600, 0x06FF), JOINING_CONTROLS),
    ),
    Script(
        slug="noto-sans-ethiopic",
        source="NotoSansEthiopic",
        locales=("ti",),
        ranges=(
            (0x1200, 0x139F),  # Ethiopic, Ethiopic Supplement
            (0x2D80, 0x2DDF),  # Ethiopic Extended
            (0xAB00, 0xAB2F),  # Ethiopic Extended-A
        ),
        always=((0x1200, 0x137F),),
    ),
)
WEIGHTS = {400: "Regular", 700: "Bold"}


def in_ranges(codepoint: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(low <= codepoint <= high for low, high in ranges)


def catalog_characters(locale: str, translations: Path = ROOT / "translations") -> set[str]:
    """Every character of every msgstr (singular and plural forms) in a locale's catalog."""
    path = translations / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    chars: set[str] = set()
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for text in strings:
            chars.update(text or "")
    return chars


def wanted_codepoints(script: Script, translations: Path = ROOT / "translations") -> set[int]:
    used = set()
    for locale in script.locales:
        used |= {ord(c) for c in catalog_characters(locale, translations)}
    wanted = {cp for cp in used if in_ranges(cp, script.ranges)}
    for low, high in script.always:
        wanted.update(range(low, high + 1))
    return wanted


def build_font(source: Path, codepoints: set[int], target: Path) -> None:
    """Subset ``source`` to ``codepoints`` (only those it has) and write WOFF2."""
    # Keep the source's timestamp: the same catalogs give byte-identical files.
    font = TTFont(source, recalcTimestamp=False)
    available = set(font.getBestCmap())
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # keep shaping: joining forms, marks, ligatures
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and licence
    options.notdef_outline = True
    options.hinting = False  # phones do not use TrueType hinting; it is most of the size
    options.desubroutinize = True  # compresses better under brotli
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints & available))
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)


def license_text() -> str:
    """The SIL Open Font License 1.1, from the Debian package's copyright file."""
    lines = LICENSE_SOURCE.read_text(encoding="utf-8").splitlines()
    start = next(
        i for i, line in enumerate(lines) if line == "License: OFL-1.1" and lines[i + 1].strip()
    )
    body = []
    for line in lines[start + 1 :]:
        if line and not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line.strip())
    return "\n".join(body).strip() + "\n"


def write_license(out_dir: Path) -> None:
    notices = []
    for script in SCRIPTS:
        font = TTFont(SOURCE_DIR / f"{script.source}-Regular.ttf")
        family = font["name"].getDebugName(1)
        copyright_ = font["name"].getDebugName(0)
        notices.append(f"{family}: {copyright_}")
    header = (
        "The fonts in this folder are subsets of Noto Sans Arabic and Noto Sans Ethiopic\n"
        "(https://notofonts.github.io/), made by scripts/subset_fonts.py. They are\n"
        "licensed under the SIL Open Font License, Version 1.1, as the originals:\n\n"
        + "\n".join(notices)
        + "\n\nSIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n\n"
    )
    (out_dir / "OFL.txt").write_text(header + license_text(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    for script in SCRIPTS:
        codepoints = wanted_codepoints(script)
        for weight, style in WEIGHTS.items():
            target = args.out / f"{script.slug}-{weight}.woff2"
            build_font(SOURCE_DIR / f"{script.source}-{style}.ttf", codepoints, target)
            print(f"{target}: {target.stat().st_size / 1024:.1f} KiB")
    write_license(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
