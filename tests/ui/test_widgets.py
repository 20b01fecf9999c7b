"""Reusable input widgets: optional date, money amount, association form."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtGui import QValidator

from zidkor_desktop import l10n
from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.ui.widgets.association_form import SETUP_GROUPS, AssociationForm
from zidkor_desktop.ui.widgets.date_edit import DateEdit, parse_date_text
from zidkor_desktop.ui.widgets.money_edit import AmountValidator, MoneyEdit, parse_money_text
from zidkor_desktop.usecases.settings import SettingsData


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("   ", None),
        ("25.11.2026", date(2026, 11, 25)),
        ("1.2.26", date(2026, 2, 1)),
        ("01/02/1999", date(1999, 2, 1)),
        ("2026-11-25", date(2026, 11, 25)),
        ("25112026", date(2026, 11, 25)),
    ],
)
def test_parse_date_text(text: str, expected: date | None) -> None:
    assert parse_date_text(text) == expected


@pytest.mark.parametrize("text", ["31.02.2026", "25.13.2026", "morgen", "25.11.", "2026"])
def test_parse_date_text_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date_text(text)


def test_date_edit_empty_valid_and_normalised(qtbot: Any) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    assert edit.date() is None and edit.is_valid()
    qtbot.keyClicks(edit.line_edit(), "3.4.26")
    edit.line_edit().editingFinished.emit()
    assert edit.text() == "03.04.2026" and edit.date() == date(2026, 4, 3)
    edit.set_text("30.02.2026")
    assert not edit.is_valid()
    with pytest.raises(ValueError):
        edit.date()
    edit.set_date(None)
    assert edit.text() == ""


def test_money_parsing_in_both_languages() -> None:
    assert parse_money_text("1.234,56 €") == Decimal("1234.56")
    assert parse_money_text("2000") == Decimal("2000.00")
    l10n.set_language("en")
    assert parse_money_text("€1,234.56") == Decimal("1234.56")
    assert parse_money_text("12.5") == Decimal("12.50")


def test_money_edit_round_trip(qtbot: Any) -> None:
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.set_value(Decimal("14000"))
    assert edit.text() == "14.000,00\xa0€" and edit.value() == Decimal("14000.00")
    validator = AmountValidator()
    assert validator.validate("12,5", 0) == QValidator.State.Acceptable
    assert validator.validate("12,", 0) == QValidator.State.Acceptable
    assert validator.validate("12,345", 0) == QValidator.State.Intermediate
    assert validator.validate("12x", 0) == QValidator.State.Invalid
    edit.setText("1,2,3")
    with pytest.raises(ValueError):
        edit.value()


def test_association_form_round_trip_and_amount_error(qtbot: Any) -> None:
    form = AssociationForm()
    qtbot.addWidget(form)
    data = SettingsData(name="Verband", short_name="V", iban="DE89", payment_terms_days=14)
    form.set_data(data)
    assert form.data() == data and not form.is_dirty()
    form.widget_for("city").setText("Mainz")
    assert form.is_dirty() and form.data().city == "Mainz"
    form.widget_for("capital_per_vote").setText("viel")
    with pytest.raises(ValidationError) as refused:
        form.data()
    assert refused.value.field == "capital_per_vote"


def test_setup_form_shows_only_the_setup_groups(qtbot: Any) -> None:
    form = AssociationForm(SETUP_GROUPS)
    qtbot.addWidget(form)
    assert form.widget_for("iban") is not None and form.widget_for("contact_email") is not None
    assert form.widget_for("invoice_number_format") is None
