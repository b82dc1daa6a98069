"""The self-hosted Arabic and Ge'ez fonts cover every letter the catalogs use.

A new Arabic or Tigrinya translation with a letter the font lacks fails here until
``make fonts`` (scripts/subset_fonts.py) is run again. The stylesheets'
``unicode-range`` decides which characters the fonts draw, so the test reads it
from there: fonts, stylesheets and catalogs must agree.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "static" / "fonts"
CSS = ROOT / "static" / "css"

# locale, stylesheet, the family it declares, the Unicode script its letters are named by
SCRIPTS = [
    ("ar", "fonts-ar.css", "Noto Sans Arabic", "ARABIC"),
    ("ti", "fonts-ti.css", "Noto Sans Ethiopic", "ETHIOPIC"),
]


def _msgstr_characters(locale: str) -> set[str]:
    with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    chars: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for text in strings:
            chars.update(text or "")
    return chars


def _font_faces(stylesheet: str) -> list[dict[str, str]]:
    css = (CSS / stylesheet).read_text(encoding="utf-8")
    faces = []
    for block in re.findall(r"@font-face\s*{(.*?)}", css, re.S):
        props = dict(re.findall(r"([a-z-]+)\s*:\s*(.*?);", block, re.S))
        faces.append({k: " ".join(v.split()) for k, v in props.items()})
    return faces


def _ranges(unicode_range: str) -> list[tuple[int, int]]:
    ranges = []
    for part in unicode_range.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return ranges


def _covered(char: str, ranges: list[tuple[int, int]]) -> bool:
    return any(low <= ord(char) <= high for low, high in ranges)


@pytest.mark.parametrize(("locale", "stylesheet", "family", "script"), SCRIPTS)
def test_stylesheet_declares_both_weights_with_swap(
    locale: str, stylesheet: str, family: str, script: str
) -> None:
    faces = _font_faces(stylesheet)

    assert sorted(face["font-weight"] for face in faces) == ["400", "700"]
    for face in faces:
        assert face["font-family"] == f'"{family}"'
        assert face["font-display"] == "swap"
        assert "unicode-range" in face
        assert re.search(r'url\("\.\./fonts/[a-z0-9-]+\.woff2"\) format\("woff2"\)', face["src"])
    css = (CSS / stylesheet).read_text(encoding="utf-8")
    assert re.search(rf'html:lang\({locale}\) body {{\s*font-family: "{family}",', css)


@pytest.mark.parametrize(("locale", "stylesheet", "family", "script"), SCRIPTS)
def test_fonts_have_a_glyph_for_every_letter_the_catalog_uses(
    locale: str, stylesheet: str, family: str, script: str
) -> None:
    used = _msgstr_characters(locale)
    letters = {c for c in used if unicodedata.name(c, "").startswith(script)}
    assert len(letters) > 30, f"the {locale} catalog has hardly any {script} text"

    for face in _font_faces(stylesheet):
        ranges = _ranges(face["unicode-range"])
        # Every letter of the script must be one the font is asked to draw ...
        assert not {c for c in letters if not _covered(c, ranges)}
        # ... and every character it is asked to draw must be in the font.
        name = re.search(r'url\("\.\./fonts/([a-z0-9-]+\.woff2)"\)', face["src"])
        assert name
        font = TTFont(FONTS / name.group(1))
        assert font.flavor == "woff2"
        assert font["name"].getDebugName(1) == family
        cmap = font.getBestCmap()
        missing = sorted(
            f"U+{ord(c):04X}" for c in used if _covered(c, ranges) and ord(c) not in cmap
        )
        assert not missing, f"{name.group(1)} lacks {missing}: run `make fonts`"


@pytest.mark.parametrize(
    ("name", "block"),
    [
        ("noto-sans-arabic-400.woff2", (0x0621, 0x064A)),  # the Arabic letters
        ("noto-sans-arabic-700.woff2", (0x0621, 0x064A)),
        ("noto-sans-ethiopic-400.woff2", (0x1200, 0x135A)),  # the Ethiopic syllables
        ("noto-sans-ethiopic-700.woff2", (0x1200, 0x135A)),
    ],
)
def test_fonts_cover_the_whole_block_for_strings_translated_later(
    name: str, block: tuple[int, int]
) -> None:
    font = TTFont(FONTS / name)
    cmap = font.getBestCmap()
    source_cmap_size = len(cmap)
    assert all(
        cp in cmap
        for cp in range(block[0], block[1] + 1)
        if unicodedata.category(chr(cp)) != "Cn"  # unassigned code points have no glyph
    )
    # Subset: a phone downloads tens of kilobytes, not the whole family.
    assert source_cmap_size < 600
    assert (FONTS / name).stat().st_size < 60 * 1024


def test_the_licence_travels_with_the_fonts() -> None:
    text = (FONTS / "OFL.txt").read_text(encoding="utf-8")

    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Noto Sans Arabic: Copyright" in text
    assert "Noto Sans Ethiopic: Copyright" in text
