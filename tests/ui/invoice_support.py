"""Helpers of the invoice UI tests: the page, answers to questions, quick issuing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from zidkor_desktop.db.models import Customer, Organisation
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.billing import BillingPeriod
from zidkor_desktop.ui.pages.invoices import InvoicesPage
from zidkor_desktop.usecases.invoicing import IssuedInvoice, issue_run, preview_run

Q3 = BillingPeriod.parse("2026-Q3")  # the last complete quarter on the tests' "today"


def invoices_page(window: Any) -> InvoicesPage:
    page = window.show_area("invoices")
    assert isinstance(page, InvoicesPage)
    return page


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every QMessageBox.question is answered Yes; the texts asked are returned."""
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_args: Any, **_kw: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def drop_leitweg_id(db: Database, name: str) -> None:
    """The customer of organisation `name` loses its Leitweg-ID (a problem of the preview)."""
    with db.write() as session:
        customer = session.scalars(
            select(Customer).join(Organisation).where(Organisation.name == name)
        ).one()
        customer.leitweg_id = ""


def issue_q3(db: Database, day: date) -> list[IssuedInvoice]:
    """The Q3 run issued directly (in this process: fast)."""
    return issue_run(db, preview_run(db, Q3), day)


def nothing_paid_yet(db: Database, name: str) -> None:
    """The member `name` as if it had just joined: no capital paid."""
    with db.write() as session:
        org = session.scalars(select(Organisation).where(Organisation.name == name)).one()
        assert org.membership is not None
        org.membership.capital_paid = Decimal(0)
