"""Price items editor: German prices typed in the cells, choice lists, undo/redo, messages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit

from zidkor_desktop.domain.kinds import BillingRhythm, PriceUnit, TaxCategory
from zidkor_desktop.queries.price_versions import list_versions, version_items
from zidkor_desktop.queries.services import list_services
from zidkor_desktop.ui.models.price_item_values import COLUMN_OF, next_code, price_text
from zidkor_desktop.ui.models.price_items_model import PROBLEM_BACKGROUND
from zidkor_desktop.ui.widgets.price_items_editor import PriceItemsEditor, draft_of

PRICE, CODE, SERVICE, TITLE = (COLUMN_OF[f] for f in ("unit_price", "code", "service_id", "title"))
UNIT, UNIT_TEXT, UNIT_CODE = (COLUMN_OF[f] for f in ("unit", "unit_text", "unit_code"))
TAX, TAX_NOTE, RHYTHM = (COLUMN_OF[f] for f in ("tax_category", "tax_note", "billing_rhythm"))
POSITION = COLUMN_OF["position"]
TODAY = date(2026, 11, 25)
NO_PRICE = "Position 2, Preis: „12,5O“ ist kein Preis (mindestens 0, höchstens 4 Nachkommastellen)."


def make_editor(qtbot: Any, db: Any, version: int = 2, *, editable: bool = True) -> Any:
    """The editor shown with a demo version's items (2: the draft of 2027)."""
    editor = PriceItemsEditor()
    qtbot.addWidget(editor)
    editor.set_services([(s.service_id, s.code, s.name) for s in list_services(db, TODAY)])
    editor.load(version_items(db, version), editable=editable)
    editor.resize(1400, 500)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    editor.view.setFocus()
    return editor


@pytest.fixture
def editor(qtbot: Any, demo_db: Any) -> Any:
    return make_editor(qtbot, demo_db)


def cell(editor: Any, row: int, column: int) -> QModelIndex:
    """The view's index of a cell (through the filter)."""
    return editor.proxy.index(row, column)


def column_texts(editor: Any, column: int) -> list[str]:
    return [cell(editor, r, column).data() for r in range(editor.proxy.rowCount())]


def go_to(editor: Any, row: int, column: int) -> None:
    """Make a cell the current and only selected one."""
    flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
    editor.view.selectionModel().setCurrentIndex(cell(editor, row, column), flag)
    editor.view.scrollTo(cell(editor, row, column))


def wait_closed(qtbot: Any, editor: Any) -> None:
    """Enter and Tab close the editor through the event loop."""
    qtbot.waitUntil(lambda: editor.view.state() != QAbstractItemView.State.EditingState)


def type_into_cell(qtbot: Any, editor: Any, row: int, column: int, text: str) -> None:
    """Go to a cell and type over it as the clerk does (typing starts the editor)."""
    go_to(editor, row, column)
    qtbot.keyClicks(editor.view, text[0])
    line = editor.delegate.open_editor
    assert isinstance(line, QLineEdit) and line.hasFocus()
    qtbot.keyClicks(line, text[1:])
    qtbot.keyClick(line, Qt.Key.Key_Return)
    wait_closed(qtbot, editor)


def test_german_headers_prices_and_labels(editor: Any) -> None:
    model = editor.proxy
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Pos.", "Kürzel", "Verfahren", "Bezeichnung", "Preis netto", "Einheit", "Abrechnung",
        "Steuer", "Steuerhinweis", "Einheitentext", "Einheitencode", "Beschreibung",
    ]  # fmt: skip
    note = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "nicht nach einer Spalte sortieren" in note
    assert column_texts(editor, POSITION) == ["1", "2", "3", "4", "5"]
    assert column_texts(editor, CODE) == ["AUT-01", "AUT-02", "EPR-01", "EPR-02", "EPR-04"]
    assert column_texts(editor, PRICE) == ["41,25", "1.250,00", "0,0480", "12,00", "85,00"]
    assert column_texts(editor, SERVICE)[:3] == ["AUTISTA", "AUTISTA", "EPR-EMV"]
    assert cell(editor, 0, UNIT).data() == "je Arbeitsplatz und Monat"
    assert cell(editor, 0, TAX).data() == "Nicht steuerbar"
    assert cell(editor, 0, RHYTHM).data() == "Vierteljährlich"
    align = Qt.AlignmentFlag(cell(editor, 0, PRICE).data(Qt.ItemDataRole.TextAlignmentRole))
    assert align & Qt.AlignmentFlag.AlignRight
    assert not editor.view.isSortingEnabled()
    assert editor.message_text() == "Alle Positionen sind vollständig."
    assert [a.text() for a in (editor.add_action, editor.remove_action, editor.up_action,
                               editor.down_action, editor.undo_action, editor.redo_action)] == [
        "Zeile hinzufügen", "Zeilen entfernen", "Nach oben", "Nach unten", "Rückgängig",
        "Wiederholen",
    ]  # fmt: skip
    assert "ohne Rückfrage" in editor.remove_action.toolTip()
    assert not editor.is_modified()


def test_typing_a_german_price_into_the_cell_is_one_undo_step(qtbot: Any, editor: Any) -> None:
    stack = editor.undo_stack
    loaded = editor.drafts()
    with qtbot.waitSignal(editor.modified_changed) as modified:
        type_into_cell(qtbot, editor, 1, PRICE, "1.234,50")
    assert modified.args == [True]
    assert editor.view.state() != QAbstractItemView.State.EditingState
    assert editor.drafts()[1].unit_price == Decimal("1234.50")
    assert cell(editor, 1, PRICE).data() == "1.234,50"
    assert stack.count() == 1
    assert stack.undoText() == "Preis von Position 2 ändern"
    assert editor.undo_action.text() == "Rückgängig: Preis von Position 2 ändern"
    assert editor.is_modified()

    with qtbot.waitSignal(editor.modified_changed) as modified:
        qtbot.keyClick(editor.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert modified.args == [False]
    restored = editor.drafts()[1].unit_price
    assert restored == Decimal("1250.00") and str(restored) == str(loaded[1].unit_price)
    assert editor.drafts() == loaded
    assert not editor.is_modified()
    qtbot.keyClick(editor.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.drafts()[1].unit_price == Decimal("1234.5000")
    editor.undo()
    qtbot.keyClick(
        editor.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.drafts()[1].unit_price == Decimal("1234.5000")


def test_four_places_and_plain_setdata(editor: Any) -> None:
    model = editor.proxy
    assert model.setData(cell(editor, 2, PRICE), "0,05125")  # 5 places: kept as typed, flagged
    assert editor.drafts()[2].unit_price == "0,05125"
    assert model.setData(cell(editor, 2, PRICE), "0,0512")
    assert editor.drafts()[2].unit_price == Decimal("0.0512")
    assert cell(editor, 2, PRICE).data() == "0,0512"
    assert model.setData(cell(editor, 2, PRICE), Decimal("0.0480"))
    assert editor.undo_stack.count() == 3
    assert model.setData(cell(editor, 2, PRICE), "0,048")  # the same price: no undo step
    assert editor.undo_stack.count() == 3
    assert not model.setData(cell(editor, 2, TITLE), "Zeile\nzwei")  # control characters
    assert not model.setData(cell(editor, 2, POSITION), "7")  # the position is the row order


def test_editing_starts_with_f2_enter_double_click_and_tab_moves_on(
    qtbot: Any, editor: Any
) -> None:
    view = editor.view
    for start in (Qt.Key.Key_F2, Qt.Key.Key_Return):
        go_to(editor, 0, TITLE)
        qtbot.keyClick(view, start)
        assert view.state() == QAbstractItemView.State.EditingState
        line = editor.delegate.open_editor
        assert isinstance(line, QLineEdit) and line.text() == cell(editor, 0, TITLE).data()
        qtbot.keyClick(line, Qt.Key.Key_Escape)
        wait_closed(qtbot, editor)
    view.scrollTo(cell(editor, 1, CODE))
    rect = view.visualRect(cell(editor, 1, CODE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.state() != QAbstractItemView.State.EditingState  # one click only selects
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    line = editor.delegate.open_editor
    assert isinstance(line, QLineEdit) and line.text() == "AUT-02"
    line.selectAll()
    qtbot.keyClicks(line, "AUT-2B")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == SERVICE
    assert isinstance(editor.delegate.open_editor, QComboBox)  # Tab opened the next cell's editor
    assert editor.model.item(1).code == "AUT-2B"
    qtbot.keyClick(editor.delegate.open_editor, Qt.Key.Key_Escape)
    wait_closed(qtbot, editor)
    assert editor.undo_stack.undoText() == "Kürzel von Position 2 ändern"


def open_combo(qtbot: Any, editor: Any, row: int, column: int) -> QComboBox:
    go_to(editor, row, column)
    qtbot.keyClick(editor.view, Qt.Key.Key_F2)
    combo = editor.delegate.open_editor
    assert isinstance(combo, QComboBox)
    return combo


def test_choice_lists_for_service_unit_code_tax_and_rhythm(qtbot: Any, editor: Any) -> None:
    combo = open_combo(qtbot, editor, 0, SERVICE)
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0].startswith("AUTISTA – ") and texts[1].startswith("EPR-EMV – ")
    assert combo.currentText().startswith("AUTISTA")
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # a choice is taken at once
    assert editor.view.state() != QAbstractItemView.State.EditingState
    epr = editor.drafts()[2].service_id
    assert editor.drafts()[0].service_id == epr
    assert cell(editor, 0, SERVICE).data() == "EPR-EMV"

    combo = open_combo(qtbot, editor, 0, UNIT)
    assert combo.currentData() == PriceUnit.WORKSTATION_MONTH.value
    combo.setCurrentIndex(combo.findData(PriceUnit.HOUR.value))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    wait_closed(qtbot, editor)
    first = editor.drafts()[0]
    assert (first.unit, first.unit_text, first.unit_code) == (PriceUnit.HOUR, "je Stunde", "HUR")
    assert editor.undo_stack.undoText() == "Einheit von Position 1 ändern"
    editor.undo()  # text and code that followed the unit go back with it
    first = editor.drafts()[0]
    assert (first.unit, first.unit_text, first.unit_code) == (
        PriceUnit.WORKSTATION_MONTH, "je Arbeitsplatz und Monat", "C62",
    )  # fmt: skip

    combo = open_combo(qtbot, editor, 0, UNIT_CODE)
    assert "MON – Monat" in [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(combo.findData("MON"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    wait_closed(qtbot, editor)
    combo = open_combo(qtbot, editor, 0, TAX)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "19 % USt", "7 % USt", "Nicht steuerbar",
    ]  # fmt: skip
    combo.setCurrentIndex(0)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    wait_closed(qtbot, editor)
    combo = open_combo(qtbot, editor, 0, RHYTHM)
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "monthly", "quarterly", "yearly", "once",
    ]  # fmt: skip
    combo.setCurrentIndex(combo.findData("monthly"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    wait_closed(qtbot, editor)
    first = editor.drafts()[0]
    assert (first.unit_code, first.tax_category, first.billing_rhythm) == (
        "MON", TaxCategory.STANDARD, BillingRhythm.MONTHLY,
    )  # fmt: skip
    assert editor.undo_stack.count() == 4  # service, unit code, tax, rhythm (unit undone)
    assert editor.undo_stack.text(2) == "Steuer von Position 1 ändern"


def test_a_typed_non_price_stays_visible_and_is_flagged_at_the_cell(
    qtbot: Any, editor: Any
) -> None:
    with qtbot.waitSignal(editor.problems_changed) as signal:
        type_into_cell(qtbot, editor, 1, PRICE, "12,5O")
    assert signal.args == [1]
    assert editor.drafts()[1].unit_price == "12,5O"
    index = cell(editor, 1, PRICE)
    assert index.data() == "12,5O"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == NO_PRICE
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() == PROBLEM_BACKGROUND
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert cell(editor, 0, PRICE).data(Qt.ItemDataRole.BackgroundRole) is None
    assert editor.problems() == [NO_PRICE]
    go_to(editor, 1, PRICE)
    assert editor.message_text() == NO_PRICE
    go_to(editor, 3, TITLE)
    assert editor.message_text() == f"1 Problem in 1 Position – zuerst: {NO_PRICE}"
    assert editor.message_icon.isVisible()
    with qtbot.waitSignal(editor.problems_changed) as signal:
        editor.undo()
    assert signal.args == [0]
    assert editor.problems() == []
    assert editor.message_text() == "Alle Positionen sind vollständig."


def test_duplicate_code_and_missing_tax_note_are_flagged(editor: Any) -> None:
    editor.proxy.setData(cell(editor, 2, CODE), "aut-01")
    editor.proxy.setData(cell(editor, 4, TAX_NOTE), "")
    assert editor.problems() == [
        "Position 3, Kürzel: „aut-01“ ist schon in Position 1 vergeben.",
        "Position 5, Steuerhinweis: Ein nicht steuerbarer Preis braucht seinen Hinweis "
        "(die Begründung).",
    ]
    assert cell(editor, 2, CODE).data(Qt.ItemDataRole.ToolTipRole) == editor.problems()[0]
    assert cell(editor, 0, CODE).data(Qt.ItemDataRole.BackgroundRole) is None
    go_to(editor, 0, CODE)
    assert editor.message_text().startswith("2 Probleme in 2 Positionen – zuerst: Position 3")


def test_add_remove_and_move_rows_with_undo_and_renumbering(qtbot: Any, editor: Any) -> None:
    loaded = editor.drafts()
    go_to(editor, 1, TITLE)
    qtbot.keyClick(editor.view, Qt.Key.Key_Insert)
    assert column_texts(editor, CODE) == ["AUT-01", "AUT-02", "AUT-03", "EPR-01", "EPR-02",
                                          "EPR-04"]  # fmt: skip
    assert column_texts(editor, POSITION) == ["1", "2", "3", "4", "5", "6"]
    new = editor.drafts()[2]
    assert (new.position, new.service_id, new.unit, new.unit_text, new.unit_code) == (
        3, loaded[1].service_id, PriceUnit.FLAT_YEAR, "pauschal je Jahr", "ANN",
    )  # fmt: skip
    assert new.tax_note == loaded[1].tax_note and new.title == "" and new.unit_price == ""
    assert editor.view.currentIndex().row() == 2
    assert editor.undo_stack.undoText() == "Position 3 hinzufügen"
    assert len(editor.problems()) == 2  # title and price still to fill in
    editor.undo()
    assert editor.drafts() == loaded
    editor.redo()
    assert editor.drafts()[2] == new
    editor.undo()

    selection = editor.view.selectionModel()
    go_to(editor, 0, CODE)
    selection.select(cell(editor, 3, TITLE), selection.SelectionFlag.Select)
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)  # rows 1 and 4: not contiguous
    assert column_texts(editor, CODE) == ["AUT-02", "EPR-01", "EPR-04"]
    assert column_texts(editor, POSITION) == ["1", "2", "3"]
    assert editor.undo_stack.undoText() == "Positionen 1, 4 entfernen"
    editor.undo()
    assert editor.drafts() == loaded

    go_to(editor, 2, CODE)
    qtbot.keyClick(editor.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert column_texts(editor, CODE) == ["AUT-01", "EPR-01", "AUT-02", "EPR-02", "EPR-04"]
    assert editor.undo_stack.undoText() == "Position 3 nach oben verschieben"
    assert editor.view.currentIndex().row() == 1  # the selection moved with the row
    qtbot.keyClick(editor.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert column_texts(editor, CODE)[0] == "EPR-01"
    assert not editor.up_action.isEnabled()
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert column_texts(editor, CODE) == ["AUT-01", "EPR-01", "AUT-02", "EPR-02", "EPR-04"]
    assert editor.drafts()[1].position == 2 and editor.drafts()[1].code == "EPR-01"
    for _step in range(3):
        editor.undo()
    assert editor.drafts() == loaded
    assert not editor.is_modified()


def test_moving_a_non_contiguous_selection_down(editor: Any) -> None:
    selection = editor.view.selectionModel()
    go_to(editor, 0, CODE)
    selection.select(cell(editor, 2, CODE), selection.SelectionFlag.Select)
    editor.down_action.trigger()
    assert column_texts(editor, CODE) == ["AUT-02", "AUT-01", "EPR-02", "EPR-01", "EPR-04"]
    assert editor.undo_stack.undoText() == "Positionen 1, 3 nach unten verschieben"


def test_filter_hides_rows_and_edits_reach_the_right_item(qtbot: Any, editor: Any) -> None:
    qtbot.keyClicks(editor.filter_edit, "epr")
    assert column_texts(editor, CODE) == ["EPR-01", "EPR-02", "EPR-04"]
    assert column_texts(editor, POSITION) == ["3", "4", "5"]  # positions stay those of the list
    type_into_cell(qtbot, editor, 1, PRICE, "13,5")
    assert [d.unit_price for d in editor.drafts()][3] == Decimal("13.5")
    type_into_cell(qtbot, editor, 1, TITLE, "Mitteilungen")  # no longer matches: stays shown
    assert column_texts(editor, CODE) == ["EPR-01", "EPR-02", "EPR-04"]
    go_to(editor, 2, CODE)
    editor.add_action.trigger()
    assert column_texts(editor, CODE) == ["EPR-01", "EPR-02", "EPR-04", "EPR-05"]
    editor.filter_edit.clear()
    assert editor.proxy.rowCount() == 6
    qtbot.keyClicks(editor.filter_edit, "Einwohner")
    assert column_texts(editor, CODE) == ["EPR-01"]


def test_published_version_is_read_only_but_copyable(qtbot: Any, demo_db: Any) -> None:
    editor = make_editor(qtbot, demo_db, 1, editable=False)
    assert not editor.is_editable()
    index = cell(editor, 0, PRICE)
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert not editor.proxy.setData(index, "99,00")
    go_to(editor, 0, PRICE)
    for key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_5, Qt.Key.Key_Insert,
                Qt.Key.Key_Delete):  # fmt: skip
        qtbot.keyClick(editor.view, key)
    assert editor.view.state() != QAbstractItemView.State.EditingState
    assert editor.drafts() == [draft_of(r) for r in version_items(demo_db, 1)]
    assert editor.undo_stack.count() == 0
    for action in (editor.add_action, editor.remove_action, editor.up_action, editor.down_action,
                   editor.undo_action, editor.redo_action):  # fmt: skip
        assert not action.isEnabled()
    selection = editor.view.selectionModel()
    selection.select(cell(editor, 0, CODE), selection.SelectionFlag.Select)
    selection.select(cell(editor, 1, PRICE), selection.SelectionFlag.Select)
    qtbot.keyClick(editor.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.split("\n")[0].startswith("AUT-01\t")
    assert "1.200,00" in copied.split("\n")[1]


def test_shortcuts_of_the_actions(editor: Any) -> None:
    redo = editor.redo_action.shortcuts()
    assert QKeySequence("Ctrl+Y") in redo and QKeySequence("Ctrl+Shift+Z") in redo
    assert editor.undo_action.shortcuts()[0] == QKeySequence("Ctrl+Z")
    assert editor.add_action.shortcut() == QKeySequence(Qt.Key.Key_Insert)
    assert editor.remove_action.shortcut() == QKeySequence(Qt.Key.Key_Delete)
    assert editor.up_action.shortcut() == QKeySequence("Alt+Up")
    assert editor.down_action.shortcut() == QKeySequence("Alt+Down")


def test_drafts_are_saved_exactly_and_the_clean_state_follows_undo(qtbot: Any, db: Any) -> None:
    from zidkor_desktop.usecases.demo import load_demo
    from zidkor_desktop.usecases.pricelist import save_items

    load_demo(db, TODAY)
    editor = make_editor(qtbot, db)
    editor.proxy.setData(cell(editor, 0, PRICE), "42,1234")
    editor.proxy.setData(cell(editor, 2, TITLE), "ePR – je Einwohner, Größenklasse ä/ö/ü")
    go_to(editor, 3, CODE)
    editor.add_action.trigger()  # position 5, code EPR-03
    new_row = 4
    editor.proxy.setData(cell(editor, new_row, TITLE), "Sonderauswertung")
    editor.proxy.setData(cell(editor, new_row, PRICE), "1.234,5")
    editor.proxy.setData(cell(editor, new_row, TAX), TaxCategory.STANDARD.value)
    go_to(editor, 1, CODE)
    editor.remove_action.trigger()
    go_to(editor, 3, CODE)
    editor.up_action.trigger()
    assert editor.problems() == []
    drafts = editor.drafts()
    assert [d.code for d in drafts] == ["AUT-01", "EPR-01", "EPR-03", "EPR-02", "EPR-04"]

    lock = next(v.version for v in list_versions(db) if v.version_no == 2)
    save_items(db, 2, drafts, lock)
    editor.mark_saved()
    assert not editor.is_modified()
    stored = [draft_of(r) for r in version_items(db, 2)]
    assert stored == drafts
    assert stored[0].unit_price == Decimal("42.1234")
    assert stored[2].unit_price == Decimal("1234.5000") and stored[2].tax_category == "S"

    editor.load(version_items(db, 2), editable=True)  # what the page does after saving
    assert editor.drafts() == stored and editor.undo_stack.count() == 0

    with qtbot.waitSignal(editor.modified_changed) as modified:
        editor.proxy.setData(cell(editor, 4, PRICE), "86")
    assert modified.args == [True]
    editor.mark_saved()
    assert not editor.is_modified()
    editor.undo()
    assert editor.is_modified()
    editor.redo()
    assert not editor.is_modified()


def test_empty_list_and_first_row(qtbot: Any, demo_db: Any) -> None:
    editor = PriceItemsEditor()
    qtbot.addWidget(editor)
    editor.set_services([(s.service_id, s.code, s.name) for s in list_services(demo_db, TODAY)])
    editor.load([], editable=True)
    assert editor.message_text() == "Das Verzeichnis hat noch keine Positionen."
    assert not editor.remove_action.isEnabled()
    editor.add_action.trigger()
    first = editor.drafts()[0]
    assert first.position == 1 and first.service_id is not None and first.code == ""
    assert editor.problems()[0] == (
        "Position 1, Kürzel: Bitte geben Sie ein Kürzel mit höchstens 20 Zeichen ein."
    )


def test_a_unit_change_keeps_a_unit_text_of_its_own(editor: Any) -> None:
    editor.proxy.setData(cell(editor, 0, UNIT_TEXT), "je Lizenz und Monat")
    editor.proxy.setData(cell(editor, 0, UNIT), PriceUnit.FLAT_MONTH.value)
    first = editor.drafts()[0]
    assert (first.unit, first.unit_text, first.unit_code) == (
        PriceUnit.FLAT_MONTH, "je Lizenz und Monat", "MON",
    )  # fmt: skip
    editor.proxy.setData(cell(editor, 0, UNIT_CODE), " e48 ")
    assert editor.drafts()[0].unit_code == "E48"
    assert cell(editor, 0, UNIT_CODE).data(Qt.ItemDataRole.ToolTipRole) == "Leistungseinheit"


def test_code_suggestion_and_price_display() -> None:
    assert next_code("EPR-03", {"EPR-01", "epr-04"}) == "EPR-05"
    assert next_code("AUT-09", set()) == "AUT-10"
    assert next_code("Pauschale", set()) == ""
    assert price_text(Decimal("1250.0000")) == "1.250,00"
    assert price_text(Decimal("0.0450")) == "0,0450"
    assert price_text(Decimal("41.2500")) == "41,25"
    assert price_text("12,5O") == "12,5O"


def test_an_open_editor_is_taken_before_saving(qtbot: Any, editor: Any) -> None:
    go_to(editor, 0, TITLE)
    qtbot.keyClicks(editor.view, "N")
    qtbot.keyClicks(editor.delegate.open_editor, "eue Bezeichnung")
    assert not editor.is_modified()  # still typing
    editor.commit_edit()
    assert editor.is_modified()
    assert editor.view.state() != QAbstractItemView.State.EditingState
    assert editor.drafts()[0].title == "Neue Bezeichnung"
    go_to(editor, 1, TITLE)
    qtbot.keyClicks(editor.view, "X")
    editor.undo()  # undo while typing drops the typing and undoes the last step
    assert editor.drafts()[0].title == "AutiSta – Betrieb und Lizenz je Arbeitsplatz"
    assert editor.drafts()[1].title == "AutiSta – Grundpauschale je Standesamt"
    assert not editor.is_modified()
