"""Overview figures and the settings page (association data, language, data folder, backup)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.l10n import _, format_money
from zidkor_desktop.usecases.members import MemberInput, create_member
from zidkor_desktop.usecases.settings import get_settings


def test_overview_shows_real_figures(window: Any, demo_db: Any) -> None:
    page = window.show_area("overview")
    values = {key: label.text() for key, label in page.values.items()}
    assert values["members"] == "9" and values["votes"] == "15"
    assert values["municipal"] == _("{mm} of {m} members, {mv} of {v} votes").format(
        mm=8, m=9, mv=8, v=15
    )
    assert values["majority"] == _("maintained")
    assert values["capital_due"] == format_money(Decimal("30000"))
    assert values["capital_paid"] == format_money(Decimal("30000"))
    assert values["capital_open"] == format_money(Decimal("0"))
    assert values["pending"] == _("none")
    assert values["location"] == str(demo_db.path)
    assert page.association.text().endswith("(ZIDKOR)")
    assert not page.example_note.isHidden()


def test_overview_counts_a_pending_accession(window: Any, demo_db: Any, today: date) -> None:
    create_member(
        demo_db,
        MemberInput(
            name="Stadt Worms", kind=OrganisationKind.CITY, votes=1, applied_on=date(2026, 9, 1)
        ),
        today,
    )
    page = window.show_area("overview")
    assert page.values["members"].text() == "9"
    assert page.values["pending"].text() != _("none")


def test_settings_page_loads_and_saves(window: Any, demo_db: Any) -> None:
    page = window.show_area("settings")
    form = page.form
    assert form.widget_for("short_name").text() == "ZIDKOR"
    assert not page.save_button.isEnabled()
    form.widget_for("short_name").setText("ZIDKOR RLP")
    assert page.save_button.isEnabled()
    page.save_button.click()
    assert page.banner.text() == _("The settings have been saved.")
    assert get_settings(demo_db).short_name == "ZIDKOR RLP"
    assert window.windowTitle().endswith("ZIDKOR RLP")
    assert not page.save_button.isEnabled()


def test_settings_validation_names_the_field_and_saves_nothing(
    window: Any, demo_db: Any, qtbot: Any
) -> None:
    before = get_settings(demo_db)
    page = window.show_area("settings")
    iban = page.form.widget_for("iban")
    iban.clear()
    qtbot.keyClicks(iban, "DE00 1111")
    page.save_button.click()
    assert "DE00 1111" in page.banner.text()
    assert page.focusWidget() is iban
    assert get_settings(demo_db) == before
    city = page.form.widget_for("city")
    city.setText("Koblenz")
    iban.setText(before.iban)
    page.save_button.click()
    assert get_settings(demo_db).city == "Koblenz"


def test_unsaved_settings_survive_a_visit_to_another_area(window: Any) -> None:
    page = window.show_area("settings")
    page.form.widget_for("city").setText("Koblenz")
    window.show_area("members")
    window.show_area("settings")
    assert page.form.widget_for("city").text() == "Koblenz"


def test_closing_with_unsaved_settings_asks(
    window: Any, message_boxes: list[tuple[str, str]]
) -> None:
    page = window.show_area("settings")
    page.form.widget_for("city").setText("Koblenz")
    assert window.close()  # the fixture answers "Discard"
    assert message_boxes[0][0] == "question"


def test_language_choice_is_remembered(window: Any, ctx: Any) -> None:
    page = window.show_area("settings")
    page.language.setCurrentIndex(page.language.findData("en"))
    assert ctx.settings.value("language") == "en"
    assert page.language_note.text() == _(
        "The language changes when ZIDKOR Desktop is started the next time."
    )
    assert window.language_actions["en"].isChecked()
    page.language.setCurrentIndex(page.language.findData("de"))
    assert page.language_note.text() == ""


def test_data_folder_and_backup_now(
    window: Any,
    demo_db: Any,
    tmp_path: Path,
    monkeypatch: Any,
    message_boxes: list[tuple[str, str]],
) -> None:
    page = window.show_area("settings")
    assert page.location.text() == str(demo_db.path)
    assert page.backup_button.isEnabled()
    assert page.last_backup.text() == _("No backup yet")
    target = tmp_path / "usb" / "zidkor-2026-11-25.sqlite3"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    page.backup_button.click()
    assert target.is_file()
    assert message_boxes == [
        ("information", _("The backup was saved to:\n{path}").format(path=target))
    ]
    assert window.ctx.settings.value("backup/last_folder") == str(target.parent)


def test_daily_backup_is_shown_as_last_backup(window: Any, demo_db: Any, today: date) -> None:
    from zidkor_desktop.app import run_daily_backup

    message = run_daily_backup(window.ctx)
    assert message is not None and "backups" in message
    assert run_daily_backup(window.ctx) is None  # once a day
    page = window.show_area("settings")
    assert page.last_backup.text().endswith(f"zidkor-{today.isoformat()}.sqlite3")
    assert page.backup_folder.text() == str(demo_db.path.parent / "backups")


def test_backup_failure_is_reported(
    window: Any, tmp_path: Path, monkeypatch: Any, message_boxes: list[tuple[str, str]]
) -> None:
    page = window.show_area("settings")
    missing = tmp_path / "no-such-folder" / "x.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(missing), ""))
    page.backup_button.click()
    assert message_boxes[0][0] == "warning"
    assert str(missing.parent) in message_boxes[0][1]


def test_cancelled_file_dialog_writes_nothing(
    window: Any, monkeypatch: Any, message_boxes: list[tuple[str, str]]
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    window.backup_action.trigger()
    assert message_boxes == []


def test_example_mark_disappears_when_settings_say_so(window: Any, demo_db: Any) -> None:
    from zidkor_desktop.usecases.settings import save_settings

    save_settings(demo_db, replace(get_settings(demo_db), is_example=False))
    page = window.show_area("settings")
    page.revert()
    page.form.widget_for("city").setText("Mainz ")
    page.save_button.click()
    label = window.example_label
    assert label.isHidden()


def test_invoice_number_format_shows_plain_placeholders_and_a_live_preview(
    window: Any, qtbot: Any, demo_db: Any
) -> None:
    page = window.show_area("settings")
    field = page.form.widget_for("invoice_number_format")
    preview = page.form.number_preview
    assert field.text() == "[JAHR]-[NR:5]"
    assert "[JAHR]" in field.toolTip() and "[NR:5]" in field.toolTip()
    field.clear()
    qtbot.keyClicks(field, "RE-[JAHR]-[NR:4]")
    assert preview.text() == f"Nächste Nummer: RE-{date.today().year}-0001"
    qtbot.keyClicks(field, " x")
    assert "nicht erlaubt" in preview.text()
    field.clear()
    qtbot.keyClicks(field, "RE-[JAHR]")
    assert "[NR]" in preview.text() and "genau einmal" in preview.text()
    page.save_button.click()
    assert page.focusWidget() is field and "genau einmal" in page.banner.text()
    field.clear()
    qtbot.keyClicks(field, "RE-[JAHR]-[NR:4]")
    page.save_button.click()
    assert get_settings(demo_db).invoice_number_format == "RE-[JAHR]-[NR:4]"


def test_capital_per_vote_comes_from_the_statute_in_force(window: Any) -> None:
    from decimal import Decimal

    from zidkor_desktop.ui.widgets.money_edit import MoneyEdit

    page = window.show_area("settings")
    field = page.form.widget_for("capital_per_vote")
    assert isinstance(field, MoneyEdit)
    assert not field.isEnabled()  # demo: statute version 1 is in force
    assert field.value() == Decimal("2000.00")
    assert "Fassung 1" in field.toolTip()
    assert not page.form.is_dirty()
