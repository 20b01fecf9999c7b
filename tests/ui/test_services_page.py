"""Services page (Verfahren): list, filter, sort, details with history, dialogs, operator change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from zidkor_desktop.ui.dialogs.operator_dialog import OperatorDialog
from zidkor_desktop.ui.dialogs.service_dialog import ServiceDialog
from zidkor_desktop.ui.pages.services import CODE, OPERATOR, ServicesPage
from zidkor_desktop.usecases.services import get_service, service_id_by_code


def page_of(window: Any) -> ServicesPage:
    page = window.show_area("services")
    assert isinstance(page, ServicesPage)
    return page


def shown(page: ServicesPage) -> list[tuple[str, str]]:
    model = page.model
    return [
        (model.index(r, CODE).data(), model.index(r, OPERATOR).data())
        for r in range(model.rowCount())
    ]


def history(page: ServicesPage) -> list[list[str]]:
    model = page.history_model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def select(page: ServicesPage, code: str) -> None:
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, CODE).data() == code)
    page.table.selectRow(row)


def test_list_with_todays_operator_sorting_and_filter(window: Any) -> None:
    page = page_of(window)
    assert [b.text() for b in page.findChildren(QPushButton)][:3] == [
        "Neues Verfahren",
        "Bearbeiten",
        "Betreiber wechseln…",
    ]
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Kürzel", "Name", "Status", "Betrieben von"]
    assert shown(page) == [
        ("AUTISTA", "Stadt Mainz"),
        ("EPR-EMV", "Stadt Koblenz"),
        ("NWR", "–"),
    ]
    page.table.sortByColumn(OPERATOR, Qt.SortOrder.AscendingOrder)
    assert [code for code, _op in shown(page)] == ["EPR-EMV", "AUTISTA", "NWR"]
    page.table.sortByColumn(CODE, Qt.SortOrder.DescendingOrder)
    assert [code for code, _op in shown(page)] == ["NWR", "EPR-EMV", "AUTISTA"]
    page.filter_edit.setText("koblenz")
    assert shown(page) == [("EPR-EMV", "Stadt Koblenz")]
    page.filter_edit.setText("Geplant")
    assert shown(page) == [("NWR", "–")]


def test_details_show_the_operator_history(window: Any) -> None:
    page = page_of(window)
    select(page, "NWR")
    assert page.detail_labels["status"].text() == "Geplant"
    assert page.detail_labels["started_on"].text() == "01.07.2027"
    assert history(page) == [["Stadt Ludwigshafen am Rhein", "01.07.2027", "unbefristet",
                               "Beispiel: vorgesehen"]]  # fmt: skip


def test_workflow_a_service_moves_to_another_operator(window: Any, qtbot: Any, ctx: Any) -> None:
    page = page_of(window)
    select(page, "EPR-EMV")
    qtbot.mouseClick(page.operator_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, OperatorDialog) and dialog.isVisible()
    cities = [dialog.city.itemText(i) for i in range(dialog.city.count())]
    assert "KommWis GmbH" not in cities and "Stadt Koblenz" not in cities
    assert "Stadt Trier" in cities and len(cities) == 7
    assert dialog.city.currentIndex() == -1 and not dialog.ok_button.isEnabled()
    assert dialog.preview.text() == "Bitte wählen Sie die neue betreibende Stadt."
    dialog.city.setCurrentIndex(dialog.city.findText("Stadt Trier"))
    line = dialog.valid_from.line_edit()
    line.clear()
    qtbot.keyClicks(line, "01.07.2027")
    qtbot.keyClicks(dialog.resolution, "Beschluss VV 3/2027")
    assert dialog.preview.text() == (
        "Stadt Koblenz betreibt bis 30.06.2027, Stadt Trier ab 01.07.2027"
    )
    assert dialog.ok_button.isEnabled() and dialog.ok_button.text() == "Betreiber wechseln"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.dialog is None
    assert page.selected_row().code == "EPR-EMV"
    assert history(page) == [
        [
            "Stadt Koblenz",
            "01.10.2012",
            "30.06.2027",
            "Beispiel: Beschluss der Verbandsversammlung",
        ],
        ["Stadt Trier", "01.07.2027", "unbefristet", "Beschluss VV 3/2027"],
    ]


def test_operator_dialog_shows_a_refusal_and_allows_no_ok(window: Any, qtbot: Any) -> None:
    page = page_of(window)
    select(page, "NWR")
    dialog = page.change_operator()
    assert isinstance(dialog, OperatorDialog)
    dialog.city.setCurrentIndex(dialog.city.findText("Stadt Trier"))
    dialog.valid_from.set_text("01.01.2027")
    assert dialog.preview.text() == (
        "Verfahren „NWR“ beginnt am 01.07.2027; ein Betreiber ab dem 01.01.2027 ist nicht möglich."
    )
    assert not dialog.ok_button.isEnabled()
    dialog.valid_from.set_text("31.02.2027")
    assert dialog.preview.text() == "Bitte geben Sie den ersten Tag als TT.MM.JJJJ ein."
    assert not dialog.ok_button.isEnabled()
    dialog.reject()


def test_new_and_edit_service(window: Any, qtbot: Any, ctx: Any) -> None:
    page = page_of(window)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ServiceDialog)
    qtbot.keyClicks(dialog.code, "autista")
    qtbot.keyClicks(dialog.name, "Doppelt")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.text() == "Ein Verfahren mit dem Kürzel „AUTISTA“ gibt es bereits."
    assert dialog.code.hasFocus() or dialog.code.property("invalid")
    dialog.code.setText("VOIS")
    dialog.name.setText("VOIS-Plattform")
    dialog.legal_basis.setPlainText("Verbandsordnung § 2")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.dialog is None
    assert page.selected_row().code == "VOIS"
    assert page.detail_labels["legal_basis"].text() == "Verbandsordnung § 2"
    # Edit, while someone else changed it meanwhile: refused with "Neu laden".
    edit = page.edit_selected()
    assert isinstance(edit, ServiceDialog)
    from dataclasses import replace

    from zidkor_desktop.usecases.services import update_service

    vois = service_id_by_code(ctx.db, "VOIS")
    other = get_service(ctx.db, vois)
    update_service(ctx.db, other, replace(other.data, name="Anderswo geändert"), ctx.today())
    edit.name.setText("Meine Änderung")
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert edit.reload_button.isVisible() and "neu" in edit.banner.text().lower()
    qtbot.mouseClick(edit.reload_button, Qt.MouseButton.LeftButton)
    assert edit.name.text() == "Anderswo geändert"
    edit.name.setText("Meine Änderung")
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert page.dialog is None
    assert get_service(ctx.db, vois).data.name == "Meine Änderung"


def test_details_list_the_price_items_in_force(window: Any, demo_db: Any) -> None:
    from sqlalchemy import text

    page = page_of(window)
    select(page, "AUTISTA")
    with demo_db.sessions() as session:  # independently: the published version's AutiSta items
        expected = session.execute(
            text(
                "SELECT i.position, i.title, i.unit_price FROM price_item i "
                "JOIN price_list l ON l.id = i.price_list_id "
                "JOIN service s ON s.id = i.service_id "
                "WHERE l.status = 'published' AND s.code = 'AUTISTA' ORDER BY i.position"
            )
        ).all()
    model = page.price_model
    rows = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert [(int(p), t) for p, t, _price in rows] == [(p, t) for p, t, _raw in expected]
    assert [price.replace("\xa0", " ") for _p, _t, price in rows] == ["38,50 €", "1.200,00 €"]
    assert "Fassung 1" in page.price_heading.text()
    select(page, "NWR")
    assert page.price_model.rowCount() == 0
