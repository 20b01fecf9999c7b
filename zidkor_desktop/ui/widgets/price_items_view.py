"""Table view and editors of the price items: choice lists, German prices, keyboard editing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from zidkor_desktop.domain.kinds import PriceUnit, TaxCategory
from zidkor_desktop.domain.pricelist import RHYTHMS, UNIT_CODES
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.models.price_item_values import CHOICE_KINDS, COLUMNS
from zidkor_desktop.ui.models.price_items_model import PriceItemsModel
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters

AnyIndex = QModelIndex | QPersistentModelIndex
EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


def choices(model: PriceItemsModel, kind: str) -> list[tuple[str, Any]]:
    """(label, value) of the entries of a choice list."""
    if kind == "service":
        return [(f"{code} – {name}", sid) for sid, code, name in model.service_choices()]
    if kind == "unit":
        return [(unit.label, unit.value) for unit in PriceUnit]
    if kind == "unit_code":
        return [(f"{code} – {_(text)}", code) for code, text in UNIT_CODES.items()]
    if kind == "tax":
        return [(category.label, category.value) for category in TaxCategory]
    return [(rhythm.label, rhythm.value) for rhythm in RHYTHMS]


class PriceItemsDelegate(QStyledItemDelegate):
    """Combo boxes for service, unit, unit code, tax and rhythm; line edits for texts and prices."""

    def __init__(self, model: PriceItemsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.open_editor: QWidget | None = None

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        """A combo box for a choice, else a line edit that refuses control characters."""
        kind = COLUMNS[index.column()].kind
        editor: QWidget
        if kind in CHOICE_KINDS:
            combo = QComboBox(parent)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            for label, value in choices(self.model, kind):
                combo.addItem(label, value)
            combo.activated.connect(lambda _row, c=combo: self._choose(c))
            editor = combo
        else:
            line = QLineEdit(parent)
            line.setFrame(False)
            refuse_control_characters(line)
            if kind == "price":
                line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                line.setPlaceholderText("0,00")
            editor = line
        self.open_editor = editor
        return editor

    def destroyEditor(self, editor: QWidget, index: AnyIndex) -> None:
        """Forget the editor when the view closes it."""
        if editor is self.open_editor:
            self.open_editor = None
        super().destroyEditor(editor, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        """Put the cell's value into the editor."""
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            if found < 0 and value not in (None, ""):
                editor.addItem(str(value), value)
                found = editor.count() - 1
            editor.setCurrentIndex(found)
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        """Hand the editor's value to the model (which makes it an undo step)."""
        if isinstance(editor, QComboBox):
            if editor.currentIndex() >= 0:
                model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        """Editors cover the cell; a combo box is at least as wide as its entries need."""
        rect = option.rect
        if isinstance(editor, QComboBox):
            rect = rect.adjusted(0, 0, max(0, editor.sizeHint().width() - rect.width()), 0)
        editor.setGeometry(rect)

    def _choose(self, combo: QComboBox) -> None:
        """A choice made by mouse or keyboard is taken at once."""
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)


class PriceItemsView(QTableView):
    """The table: Enter starts editing, Ctrl+C copies the selected cells as tab-separated text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortingEnabled(False)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(EDIT_TRIGGERS)
        self.setTabKeyNavigation(True)
        self.verticalHeader().hide()
        self.setWordWrap(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter edits the current cell; Ctrl+C copies; everything else as usual."""
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable
            and self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.EditKeyPressed, event)
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    def selected_text(self) -> str:
        """The selected cells as lines of tab-separated texts (empty cells in between kept)."""
        indexes = self.selectionModel().selectedIndexes()
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        model = self.model()
        lines = []
        for row in rows:
            cells = [
                str(model.index(row, column).data() or "") if (row, column) in chosen else ""
                for column in columns
            ]
            lines.append("\t".join(cells))
        return "\n".join(lines)

    def copy_selection(self) -> None:
        """Put the selected cells on the clipboard."""
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def finish_editing(self, *, commit: bool) -> None:
        """Close an open cell editor, taking its value (commit) or dropping it."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        delegate = self.itemDelegate()
        editor = getattr(delegate, "open_editor", None)
        if editor is None:
            return
        if commit:
            self.commitData(editor)
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
