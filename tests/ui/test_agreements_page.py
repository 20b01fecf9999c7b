"""Servicevereinbarungen page: list with the 90-day mark, status filter, approval, quantity, PDF."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox, QLineEdit

from zidkor_desktop.domain.kinds import AgreementStatus
from zidkor_desktop.ui.dialogs.form_dialog import FormDialog
from zidkor_desktop.ui.pages.agreements import END, NUMBER, STATUS, AgreementsPage
from zidkor_desktop.ui.widgets.date_edit import DateEdit
from zidkor_desktop.usecases.agreement_pdf import agreement_pdf


def page_of(window: Any) -> AgreementsPage:
    page = window.show_area("agreements")
    assert isinstance(page, AgreementsPage)
    return page


def column(page: AgreementsPage, col: int) -> list[str]:
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


def select(page: AgreementsPage, number: str) -> None:
    page.table.selectRow(column(page, NUMBER).index(number))


def fill(dialog: FormDialog, **values: str) -> None:
    for key, value in values.items():
        widget = dialog.widgets[key]
        if isinstance(widget, DateEdit):
            widget.set_text(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(value)


def test_list_marks_ending_soon_and_filters_by_status(window: Any) -> None:
    page = page_of(window)
    assert sorted(column(page, NUMBER)) == [
        "SV-2014-004",
        "SV-2015-005",
        "SV-2026-003",
        "ZV-2012-001",
        "ZV-2013-002",
    ]
    ends = dict(zip(column(page, NUMBER), column(page, END), strict=True))
    assert ends["SV-2015-005"] == "31.12.2026 – endet bald"
    assert ends["SV-2014-004"] == "unbefristet"
    page.status_combo.setCurrentIndex(page.status_combo.findData(AgreementStatus.DRAFT))
    assert column(page, NUMBER) == ["SV-2026-003"] and column(page, STATUS) == ["Entwurf"]


def test_approval_then_activation_and_quantity_history(window: Any, qtbot: Any) -> None:
    page = page_of(window)
    select(page, "SV-2026-003")  # Musterhausen: not a member, no approval yet
    assert page.buttons["activate"].isEnabled()
    assert not page.run_activation()
    assert "Aufsichtsbehörde" in page.banner.text() and page.banner.isVisible()
    dialog = page.record_approval()
    fill(dialog, approved_on="15.12.2026", file_number="Az. 17 062-12 ZIDKOR/40")
    dialog.save()
    assert dialog.result() == FormDialog.DialogCode.Accepted
    assert "Az. 17 062-12 ZIDKOR/40" in page.labels["approval"].text()
    assert page.run_activation()
    assert page.current is not None and page.current.row.status is AgreementStatus.ACTIVE
    dialog = page.change_quantity()
    fill(dialog, code="AUT-01", quantity="8", valid_from="01.04.2027", note="zwei mehr")
    dialog.save()
    assert dialog.result() == FormDialog.DialogCode.Accepted
    model = page.history_model
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert ["AUT-01", "6", "01.01.2027", "31.03.2027"] in rows
    assert ["AUT-01", "8", "01.04.2027", "unbefristet"] in rows
    dialog = page.change_quantity()  # before the last change: refused, the dialog stays open
    fill(dialog, code="AUT-01", quantity="9", valid_from="01.02.2027")
    dialog.save()
    assert dialog.isVisible() and "01.04.2027" in dialog.banner.text()
    dialog.reject()


def test_pdf_opens_in_the_viewer(window: Any) -> None:
    page = page_of(window)
    select(page, "ZV-2012-001")
    viewer = page.show_pdf()
    assert viewer is not None and "ZV-2012-001" in viewer.windowTitle()
    viewer.close()


def test_agreement_text_section_is_edited_and_printed(window: Any) -> None:
    page = page_of(window)
    dialog = page.edit_text()
    assert dialog.section.count() == 7
    dialog.section.setCurrentIndex(dialog.section.findData("final"))
    assert dialog.heading.text() == "§ 7 Schlussbestimmungen"
    dialog.body.setPlainText("Gilt für {{gemeinde}}.")
    assert not dialog.save()
    assert "{{gemeinde}}" in dialog.banner.text()
    dialog.body.setPlainText("Nebenabreden bestehen nicht ({{kunde}}).")
    assert dialog.save()
    dialog.reject()
    select(page, "SV-2014-004")
    pdf = agreement_pdf(page.ctx.db, page.current.row.agreement_id, page.ctx.today())
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages)
    assert "Nebenabreden bestehen nicht (Stadt Trier)." in text
