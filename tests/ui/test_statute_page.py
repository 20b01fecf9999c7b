"""Statute page: versions, editing a draft's sections, the steps to force, compare, documents."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from zidkor_desktop.domain.kinds import StatuteStatus
from zidkor_desktop.queries.statute import list_versions, version_sections
from zidkor_desktop.ui.dialogs.step_dialog import StepDialog
from zidkor_desktop.ui.pages.statute import CompareStatuteDialog, StatutePage


def page_of(window: Any) -> StatutePage:
    page = window.show_area("statute")
    assert isinstance(page, StatutePage)
    return page


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_args: Any, **_kw: Any) -> Any:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def statuses(ctx: Any) -> dict[int, StatuteStatus]:
    return {r.version_no: r.status for r in list_versions(ctx.db, ctx.today())}


def test_versions_listed_and_the_draft_opened(window: Any, ctx: Any) -> None:
    page = page_of(window)
    assert statuses(ctx) == {1: StatuteStatus.IN_FORCE, 2: StatuteStatus.DRAFT}
    assert page.loaded is not None and page.loaded.version_no == 2
    assert page.section_list.count() == len(version_sections(ctx.db, 2))
    assert page.section_list.item(0).text().startswith("§ 1 ")
    assert page.state_label.text().startswith("Fassung 2, Entwurf")
    assert not page.number_edit.isReadOnly()
    page.versions_table.selectRow(1)  # version 1, in force: read-only
    assert page.loaded is not None and page.loaded.version_no == 1
    assert page.body_edit.isReadOnly() and not page.add_button.isEnabled()


def test_edit_a_section_and_save(window: Any, ctx: Any) -> None:
    page = page_of(window)
    page.section_list.setCurrentRow(0)
    page.heading_edit.setText("Name, Sitz und Rechtsform")
    page.heading_edit.textEdited.emit("Name, Sitz und Rechtsform")
    assert page.modified and page.save_button.isEnabled() and not page.adopt_button.isEnabled()
    assert page.save()
    assert version_sections(ctx.db, 2)[0].heading == "Name, Sitz und Rechtsform"
    assert not page.modified and page.adopt_button.isEnabled()


def test_unsaved_sections_guard(window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)
    page.body_edit.setPlainText("Neuer Text.")
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert asked and "Fassung 2 der Verbandsordnung" in asked[0]
    answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert window.close()


def test_steps_to_force(window: Any, ctx: Any) -> None:
    page = page_of(window)
    dialog = page.adopt()
    assert isinstance(dialog, StepDialog)
    dialog.inputs["adoption_ref"].setText("")
    assert not dialog.save()  # the resolution is required
    assert "Beschluss" in dialog.banner.text()
    dialog.inputs["adopted_on"].set_date(date(2026, 11, 20))
    dialog.inputs["adoption_ref"].setText("Beschluss der Verbandsversammlung vom 20.11.2026, TOP 2")
    assert dialog.save()
    assert statuses(ctx)[2] is StatuteStatus.ADOPTED
    assert page.approve_button.isEnabled() and page.body_edit.isReadOnly()

    dialog = page.approve()
    assert dialog is not None
    dialog.inputs["approved_on"].set_date(date(2026, 11, 10))  # before the adoption: refused
    dialog.inputs["approval_file_number"].setText("Az. 17 062-12 ZIDKOR/30")
    dialog.inputs["published_in"].setText("Staatsanzeiger für Rheinland-Pfalz Nr. 46")
    assert not dialog.save()
    assert statuses(ctx)[2] is StatuteStatus.ADOPTED
    dialog.inputs["approved_on"].set_date(date(2026, 11, 24))
    dialog.inputs["published_on"].set_date(date(2026, 11, 25))
    assert dialog.save(), dialog.banner.text()
    assert statuses(ctx)[2] is StatuteStatus.APPROVED

    dialog = page.put_in_force()
    assert dialog is not None
    dialog.inputs["in_force_from"].set_date(date(2027, 1, 1))
    assert dialog.save(), dialog.banner.text()
    rows = {r.version_no: r for r in list_versions(ctx.db, date(2027, 1, 2))}
    assert rows[2].status is StatuteStatus.IN_FORCE and rows[2].in_force_from == date(2027, 1, 1)
    assert rows[1].status is StatuteStatus.SUPERSEDED


def test_compare_marks_changed_words(window: Any) -> None:
    page = page_of(window)
    dialog = page.compare()
    assert isinstance(dialog, CompareStatuteDialog)
    html = dialog.text.toHtml()
    assert "line-through" in html and "underline" in html  # removed and added words
    assert "§ " in dialog.text.toPlainText()
    dialog.new_choice.setCurrentIndex(0)
    assert "denselben Wortlaut" in dialog.text.toPlainText()
    dialog.close()


def test_new_amendment_when_a_draft_was_deleted(
    window: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(window)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert page.delete_draft()
    assert statuses(ctx) == {1: StatuteStatus.IN_FORCE}
    number = page.new_amendment()
    assert number == 2 and page.loaded is not None and page.loaded.version_no == 2
    assert [s.body for s in version_sections(ctx.db, 2)] == [
        s.body for s in version_sections(ctx.db, 1)
    ]


def test_rules_of_a_draft_are_saved(window: Any, ctx: Any) -> None:
    from decimal import Decimal

    from zidkor_desktop.domain.statute import QuorumRule
    from zidkor_desktop.queries.statute import version_settings
    from zidkor_desktop.ui.dialogs.statute_settings import StatuteSettingsDialog

    page = page_of(window)
    dialog = page.edit_rules()
    assert isinstance(dialog, StatuteSettingsDialog)
    dialog.capital.setText("2.5OO")
    assert not dialog.save()
    assert "Stammkapital je Stimme" in dialog.banner.text()
    dialog.capital.setText("2.500,00")
    dialog.choices["quorum_rule"].setCurrentIndex(
        dialog.choices["quorum_rule"].findData(QuorumRule.VOTES.value)
    )
    dialog.days.setValue(7)
    assert dialog.save(), dialog.banner.text()
    saved = version_settings(ctx.db, 2)
    assert saved.capital_per_vote == Decimal("2500.00")
    assert saved.quorum_rule is QuorumRule.VOTES and saved.invitation_days == 7
    assert version_settings(ctx.db, 1).capital_per_vote == Decimal("2000.00")

    page.versions_table.selectRow(1)  # version 1 is in force: shown, not editable
    dialog = page.edit_rules()
    assert dialog is not None and not dialog.title_edit.isEnabled()
    dialog.reject()
