"""Änderungsprotokoll dialog and the member dialog's Verlauf tab on the demo database."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

from zidkor_desktop.db.models import AuditEntry, Organisation
from zidkor_desktop.ui.dialogs.audit_log import AuditLogDialog
from zidkor_desktop.ui.dialogs.member_dialog import MemberDialog
from zidkor_desktop.usecases.members import get_member, update_member

TODAY = date(2026, 11, 25)


def entry_count(db: Any, *conditions: Any) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions)))


def organisation_id(db: Any, name: str) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(Organisation.id).where(Organisation.name == name)))


def open_log(window: Any, qtbot: Any) -> AuditLogDialog:
    assert window.audit_log_action.text() == "Änderungsprotokoll…"
    window.audit_log_action.trigger()
    dialog = window.findChild(AuditLogDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def shown_ids(dialog: AuditLogDialog) -> list[int]:
    return [row.id for row in dialog.table.model_.visible_rows()]


def test_menu_opens_the_log_newest_first_and_sortable(window: Any, qtbot: Any, demo_db) -> None:
    dialog = open_log(window, qtbot)
    total = entry_count(demo_db)
    assert total > 50 and dialog.count_label.text() == f"{total} Einträge"
    assert shown_ids(dialog) == sorted(shown_ids(dialog), reverse=True)
    model = dialog.table.model_
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers[:4] == ["Nr.", "Zeit", "Benutzer", "Computer"]
    dialog.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert shown_ids(dialog) == sorted(shown_ids(dialog))
    # The demo creates records; its changes are the publication of the 2026 price list, the
    # steps of statute version 1 and the signing of the founding assembly's minutes.
    rows = model.visible_rows()
    stepped = ("price_list", "statute_version", "meeting")
    assert {row.action_label for row in rows if row.entity not in stepped} == {"angelegt"}
    for entity in stepped:
        assert {row.action_label for row in rows if row.entity == entity} == {
            "angelegt",
            "geändert",
        }
    dialog.close()


def test_filters_by_record_user_and_date(window: Any, qtbot: Any, demo_db: Any) -> None:
    dialog = open_log(window, qtbot)
    dialog.entity.setCurrentIndex(dialog.entity.findText("Organisation"))
    assert len(shown_ids(dialog)) == entry_count(demo_db, AuditEntry.entity == "organisation")
    qtbot.keyClicks(dialog.entity_id, "3")
    assert [(r.entity, r.entity_id) for r in dialog.table.model_.visible_rows()] == [
        ("organisation", "3")
    ]
    dialog.entity.setCurrentIndex(0)
    dialog.entity_id.clear()
    assert dialog.user.itemText(1) == "pytest-ui"
    dialog.user.setCurrentIndex(1)
    assert len(shown_ids(dialog)) == entry_count(demo_db)
    tomorrow = date.today() + timedelta(days=1)
    dialog.since.set_date(tomorrow)
    assert shown_ids(dialog) == [] and not dialog.export_button.isEnabled()
    dialog.since.set_date(None)
    dialog.until.set_date(date.today())
    assert len(shown_ids(dialog)) == entry_count(demo_db)
    dialog.close()


def test_export_writes_the_rows_shown_as_csv(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes
) -> None:
    target = tmp_path / "protokoll"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = open_log(window, qtbot)
    qtbot.keyClicks(dialog.search, "Trier")
    shown = dialog.table.model_.visible_rows()
    assert 0 < len(shown) < dialog.table.model_.total_count()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    raw = target.with_suffix(".csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Nr.", "Zeit", "Benutzer", "Computer"]
    assert [int(r[0]) for r in rows[1:]] == [r.id for r in shown]
    assert message_boxes and "protokoll.csv" in message_boxes[-1][1]
    dialog.close()


def test_member_dialog_shows_the_members_history(window: Any, qtbot: Any, demo_db: Any) -> None:
    mainz = organisation_id(demo_db, "Stadt Mainz")
    record = get_member(demo_db, mainz, TODAY)
    update_member(
        demo_db, record, replace(record.data, votes=2, votes_from=date(2027, 1, 1)), TODAY
    )
    record = get_member(demo_db, mainz, TODAY)
    update_member(
        demo_db,
        record,
        replace(record.data, phone="06131 12-0", votes=2, votes_from=date(2026, 12, 15)),
        TODAY,
    )
    dialog = MemberDialog(window.ctx, get_member(demo_db, mainz, TODAY), window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Angaben",
        "Beitritt und Austritt",
        "Verlauf",
    ]
    dialog.tabs.setCurrentWidget(dialog.history)
    rows = dialog.history.table.model_.visible_rows()
    kinds = {(r.entity, r.action) for r in rows}
    assert {
        ("organisation", "create"),
        ("membership", "create"),
        ("membership_votes", "create"),
        ("membership_votes", "delete"),  # the scheduled change replaced by the earlier one
        ("organisation", "update"),
    } <= kinds
    assert all(r.entity_id == str(mainz) for r in rows if r.entity == "organisation")
    assert "Verlauf" not in [dialog.tabs.tabText(i) for i in range(dialog.tabs.count() - 1)]
    dialog.done(0)


def test_new_member_dialog_has_no_history_tab(window: Any, qtbot: Any) -> None:
    dialog = MemberDialog(window.ctx, None, window)
    qtbot.addWidget(dialog)
    assert dialog.tabs.count() == 1 and dialog.tabs.tabBar().isHidden()
    dialog.done(0)


def test_check_button_shows_the_last_hash_or_the_changed_entry(
    window: Any, qtbot: Any, demo_db: Any
) -> None:
    from sqlalchemy import text

    dialog = open_log(window, qtbot)
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    box = dialog.verify_box
    assert f"{entry_count(demo_db)} Einträge geprüft" in box.text()
    with demo_db.sessions() as session:
        last = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    assert last in box.text()
    box.done(0)
    with demo_db.write_engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_log_no_update"))
        connection.execute(text("UPDATE audit_log SET old_value = 'x' WHERE id = 5"))
    assert not dialog.verify()
    assert "Eintrag Nr. 5 vom" in dialog.verify_box.text()
    dialog.verify_box.done(0)
    dialog.close()


def test_logged_snapshots_read_as_fields_and_values() -> None:
    from zidkor_desktop.ui.widgets.audit_table import readable

    assert readable("{'id': '4', 'title': 'Eröffnung'}") == "id: 4 · title: Eröffnung"
    assert readable("Stadt Trier") == "Stadt Trier"
    assert readable("{kein Python}") == "{kein Python}"
    assert readable(None) == ""
