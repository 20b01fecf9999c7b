"""The agenda of a meeting: items with majority, link, outcome and quorum; add, edit, move."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from zidkor_desktop.domain.meeting_record import ItemRecord, MeetingRecord
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.meeting_item_dialog import ItemDialog
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.meeting_tabs.common import MeetingTab, confirm, run
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.usecases.meetings import delete_item, move_item


def public_text(item: ItemRecord) -> str:
    """„öffentlich“ or „nichtöffentlich“."""
    return _("public") if item.public else _("non-public")


def outcome_text(item: ItemRecord) -> str:
    """The outcome, „offen“ before the vote, „–“ without a vote."""
    if not item.has_resolution:
        return "–"
    return item.outcome.label if item.outcome else _("open")


def effect_text(item: ItemRecord) -> str:
    """„Adoption of a price list version: …“ or „–“."""
    if item.effect is None:
        return "–"
    return f"{item.effect.kind.label}: {item.effect.target}"


ITEM_COLUMNS: list[Column[ItemRecord]] = [
    Column(
        N_("Item no."),
        lambda i: str(i.position),
        sort_key=lambda i: i.position,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("Title"), lambda i: i.title, searchable=True, tooltip=lambda i: i.title),
    Column(N_("Session"), public_text),
    Column(N_("Majority"), lambda i: i.majority.label, tooltip=lambda i: i.majority.label),
    Column(N_("Linked to"), effect_text, tooltip=lambda i: i.effect.state if i.effect else None),
    Column(N_("Outcome"), outcome_text),
    Column(
        N_("Quorum"),
        lambda i: i.quorum.figures,
        tooltip=lambda i: f"{i.quorum.figures}\n{i.quorum.rule}",
    ),
]


class AgendaTab(MeetingTab):
    """The items of the selected meeting in order."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RowTableModel(ITEM_COLUMNS, key=lambda i: i.id, parent=self)
        self.table = _table(self.model, self, 1)
        self.table.setObjectName("agendaItems")
        self.table.setSortingEnabled(False)  # the agenda's order is its own
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.model.sort(-1)
        self.table.doubleClicked.connect(lambda _index: self.edit_item())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(_("New item…"), self)
        self.add_button.clicked.connect(lambda _c=False: self.add_item())
        self.edit_button = QPushButton(_("Edit…"), self)
        self.edit_button.clicked.connect(lambda _c=False: self.edit_item())
        self.remove_button = QPushButton(_("Remove…"), self)
        self.remove_button.clicked.connect(lambda _c=False: self.remove_item())
        self.up_button = QToolButton(self)
        self.up_button.setArrowType(Qt.ArrowType.UpArrow)
        self.up_button.setAccessibleName(_("Up"))
        self.up_button.setToolTip(_("Move the item up (Alt+Up)"))
        self.up_button.clicked.connect(lambda _c=False: self.move(-1))
        self.down_button = QToolButton(self)
        self.down_button.setArrowType(Qt.ArrowType.DownArrow)
        self.down_button.setAccessibleName(_("Down"))
        self.down_button.setToolTip(_("Move the item down (Alt+Down)"))
        self.down_button.clicked.connect(lambda _c=False: self.move(1))
        for key, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda s=step: self.move(s))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def show_record(self, record: MeetingRecord | None) -> None:
        """Show the meeting's items, keeping the selected one."""
        selected = self.selected()
        super().show_record(record)
        self.model.set_rows(record.items if record else [])
        for column in (0, 2, 5):
            self.table.resizeColumnToContents(column)
        chars = self.table.fontMetrics().horizontalAdvance("x")
        for column, width in ((3, 18), (4, 20), (6, 34)):
            self.table.setColumnWidth(column, chars * width)
        if selected is not None:
            self.select_item(selected.id)
        self._update_buttons()

    def selected(self) -> ItemRecord | None:
        """The item selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_for_index(rows[0]) if rows else None

    def select_item(self, item_id: int) -> None:
        """Select an item by id."""
        position = self.model.position_of(item_id)
        if position is not None:
            self.table.selectRow(position)

    def _update_buttons(self, *_args: object) -> None:
        item = self.selected()
        self.add_button.setEnabled(self.editable)
        for button in (self.edit_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(self.editable and item is not None)

    def add_item(self) -> ItemDialog | None:
        """The dialog for a new item."""
        if not self.editable or self.record is None:
            return None
        return self._open(ItemDialog(self.ctx, self.record.id, None, self))

    def edit_item(self) -> ItemDialog | None:
        """The dialog for the selected item."""
        item = self.selected()
        if not self.editable or self.record is None or item is None:
            return None
        return self._open(ItemDialog(self.ctx, self.record.id, item, self))

    def _open(self, dialog: ItemDialog) -> ItemDialog:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog.saved_id))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def _saved(self, item_id: int | None) -> None:
        self.changed.emit()
        if item_id is not None:
            self.select_item(item_id)

    def remove_item(self) -> None:
        """Remove the selected item after confirmation."""
        item = self.selected()
        if not self.editable or item is None:
            return
        if not confirm(
            self,
            _("Remove item"),
            _("Remove {item} from the agenda? The later items move up.").format(item=item.label),
        ):
            return
        run(self, self.ctx, _("Remove item"), lambda: delete_item(self.ctx.db, item.id))
        self.changed.emit()

    def move(self, step: int) -> None:
        """Move the selected item up (-1) or down (+1)."""
        item = self.selected()
        if not self.editable or item is None:
            return
        run(self, self.ctx, _("Move item"), lambda: move_item(self.ctx.db, item.id, step))
        self.changed.emit()
        self.select_item(item.id)
        self.table.setFocus()
