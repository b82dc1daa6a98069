"""Every catalog is complete, current and consistent with its msgids."""

from portal.i18n import catalogs


def test_catalogs_are_complete_and_current() -> None:
    assert catalogs.problems() == []


def test_a_wrong_placeholder_is_found(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The check itself must be able to fail: copy the catalogs, break one entry.
    import shutil

    copy = tmp_path / "translations"
    shutil.copytree(catalogs.TRANSLATIONS, copy)
    monkeypatch.setattr(catalogs, "TRANSLATIONS", copy)
    monkeypatch.setattr(catalogs, "TEMPLATE", copy / "messages.pot")
    po = copy / "da" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    lines = text.splitlines()
    index = next(
        i for i, line in enumerate(lines) if line.startswith("msgstr") and "%(max)d" in line
    )
    lines[index] = lines[index].replace("%(max)d", "%(maks)d")
    text = "\n".join(lines)
    po.write_text(text + '\nmsgid "Stale entry"\nmsgstr ""\n', encoding="utf-8")
    found = catalogs.problems()
    assert any("placeholders" in line for line in found)
    assert any("Stale entry" in line and "untranslated" in line for line in found)
