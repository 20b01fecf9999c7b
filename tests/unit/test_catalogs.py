"""Translation catalogs: complete for German and English, current with the sources, compiled."""

from __future__ import annotations

import gettext
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "i18n"
LANGUAGES = ["de", "en"]
PLACEHOLDER = re.compile(r"\{[a-z_]*[^}]*\}")


def load_po(language: str):
    with open(I18N / language / "LC_MESSAGES" / "zidkor.po", "rb") as handle:
        return read_po(handle, locale=language)


def extracted_ids(tmp_path: Path) -> set[str]:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(I18N / "babel.cfg"),
            "-k",
            "_",
            "-k",
            "N_",
            "-k",
            "ngettext:1,2",
            "-o",
            str(pot),
            "--no-location",
            "--sort-output",
            str(ROOT),
        ],
        check=True,
        cwd=ROOT,
    )
    with open(pot, "rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_and_current(language: str, tmp_path: Path) -> None:
    catalog = load_po(language)
    source_ids = extracted_ids(tmp_path)
    catalog_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    missing = sorted(source_ids - catalog_ids)
    assert not missing, f"run the i18n update (see i18n/README.md); missing: {missing[:10]}"
    untranslated = [
        m.id
        for m in catalog
        if m.id
        and m.id in source_ids | {(x,) for x in source_ids}
        and (m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string)))
    ]
    assert not untranslated, f"untranslated in {language}: {untranslated[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language: str) -> None:
    for message in load_po(language):
        if not message.id or not isinstance(message.id, str) or not message.string:
            continue
        assert sorted(PLACEHOLDER.findall(message.id)) == sorted(
            PLACEHOLDER.findall(message.string)
        ), f"{language}: {message.id!r} -> {message.string!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalog_matches_the_po_file(language: str) -> None:
    buffer = io.BytesIO()
    write_mo(buffer, load_po(language))
    buffer.seek(0)
    expected = gettext.GNUTranslations(buffer)._catalog  # type: ignore[attr-defined]
    with open(I18N / language / "LC_MESSAGES" / "zidkor.mo", "rb") as handle:
        actual = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    assert actual == expected, "run: pybabel compile -d i18n -D zidkor"


def test_german_is_the_default_and_english_switchable() -> None:
    from zidkor_desktop import l10n

    assert l10n.DEFAULT_LANGUAGE == "de"
    try:
        l10n.set_language("de")
        assert l10n._("Members") == "Mitglieder"
        assert l10n.format_money(__import__("decimal").Decimal("1234.56")) == "1.234,56\xa0€"
        l10n.set_language("en")
        assert l10n._("Members") == "Members"
    finally:
        l10n.set_language("de")
