"""First start: example data, or an empty start with the association's setup."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from zidkor_desktop.l10n import _
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.first_start import DEMO, EMPTY, FirstStartDialog
from zidkor_desktop.usecases.database import is_initialised
from zidkor_desktop.usecases.settings import get_settings


@pytest.fixture
def dialog(qtbot: Any, empty_db: Any, qsettings: Any, today: date) -> FirstStartDialog:
    """The first-start dialog on an empty database, shown non-modally."""
    dlg = FirstStartDialog(AppContext(empty_db, lambda: today, qsettings))
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_example_data(dialog: FirstStartDialog, qtbot: Any, empty_db: Any, today: date) -> None:
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(str(empty_db.path) in text for text in texts)
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.choice == DEMO
    assert is_initialised(empty_db)
    assert len(list_members(empty_db, today)) == 9
    assert get_settings(empty_db).is_example


def test_empty_start_with_setup(
    dialog: FirstStartDialog, qtbot: Any, empty_db: Any, today: date
) -> None:
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert dialog.current_page() == 1
    form = dialog.form
    qtbot.keyClicks(form.widget_for("name"), "Zweckverband Beispiel")
    qtbot.keyClicks(form.widget_for("short_name"), "ZVB")
    qtbot.keyClicks(form.widget_for("street"), "Am Markt 1")
    qtbot.keyClicks(form.widget_for("postcode"), "55116")
    qtbot.keyClicks(form.widget_for("city"), "Mainz")
    qtbot.keyClicks(form.widget_for("tax_number"), "26/123/45678")
    qtbot.keyClicks(form.widget_for("iban"), "DE89 3704 0044 0532 0130 01")
    qtbot.keyClicks(form.widget_for("contact_email"), "kasse@zvb.example")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and not is_initialised(empty_db)
    assert dialog.banner.text().startswith("Die IBAN DE89")
    assert "DE89" in dialog.banner.text()
    assert dialog.focusWidget() is form.widget_for("iban")

    form.widget_for("iban").clear()
    qtbot.keyClicks(form.widget_for("iban"), "DE89 3704 0044 0532 0130 00")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.choice == EMPTY
    stored = get_settings(empty_db)
    assert (stored.name, stored.short_name, stored.city) == (
        "Zweckverband Beispiel",
        "ZVB",
        "Mainz",
    )
    assert stored.iban == "DE89370400440532013000" and not stored.is_example
    assert list_members(empty_db, today) == []


def test_setup_requires_a_name(dialog: FirstStartDialog, qtbot: Any, empty_db: Any) -> None:
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.text() == _("Please enter the official name of the association.")
    assert dialog.focusWidget() is dialog.form.widget_for("name")
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.current_page() == 0 and not dialog.banner.isVisible()
    assert not is_initialised(empty_db)


def test_cancel_leaves_the_database_empty(
    dialog: FirstStartDialog, qtbot: Any, empty_db: Any
) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.choice is None
    assert not is_initialised(empty_db)
