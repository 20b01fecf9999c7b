"""Resolution tracking (Beschlussverfolgung): adopted resolutions, who, by when, done."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from zidkor_desktop.l10n import N_, _, format_date
from zidkor_desktop.queries.meetings import ResolutionRow, list_resolutions
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.form_dialog import Field, FormDialog
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.usecases.meeting_votes import update_tracking

OVERDUE = QColor("#b00020")


def _due(row: ResolutionRow, today: date) -> str:
    text = format_date(row.due_on) or "–"
    return _("{day} (overdue)").format(day=text) if row.overdue(today) else text


def columns(today: date) -> list[Column[ResolutionRow]]:
    """The columns of the list; „overdue“ as of `today`."""
    return [
        Column(
            N_("Meeting"), lambda r: r.meeting_number, sort_key=lambda r: r.held_on, searchable=True
        ),
        Column(N_("Date"), lambda r: format_date(r.held_on), sort_key=lambda r: r.held_on),
        Column(
            N_("Item no."),
            lambda r: str(r.position),
            sort_key=lambda r: r.position,
            alignment=ALIGN_RIGHT,
        ),
        Column(
            N_("Title"), lambda r: r.title, searchable=True, tooltip=lambda r: r.resolution_text
        ),
        Column(N_("Responsible"), lambda r: r.assignee, searchable=True),
        Column(N_("Due"), lambda r: _due(r, today), sort_key=lambda r: r.due_on),
        Column(N_("Done"), lambda r: format_date(r.done_on) or "–", sort_key=lambda r: r.done_on),
        Column(N_("Note"), lambda r: r.done_note, searchable=True),
    ]


class OverdueModel(RowTableModel[ResolutionRow]):
    """Rows of overdue resolutions in red."""

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(columns(today), key=lambda r: r.item_id, parent=parent)
        self.today = today

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Red text for the overdue rows."""
        if role == Qt.ItemDataRole.ForegroundRole:
            row = self.row_for_index(index)
            return OVERDUE if row is not None and row.overdue(self.today) else None
        return super().data(index, role)


class ResolutionsTab(QWidget):
    """The adopted resolutions with their tracking; „only open“ and a filter."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = OverdueModel(ctx.today(), self)
        self.table = _table(self.model, self, 3)
        self.table.setObjectName("resolutions")
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(_("Filter by meeting, title, responsible or note"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.model.set_filter_text)
        self.open_only = QCheckBox(_("only open"), self)
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.edit_button = QPushButton(_("Edit…"), self)
        self.edit_button.clicked.connect(lambda _c=False: self.edit())
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.open_only)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.dialog: FormDialog | None = None

    def refresh(self) -> None:
        """Reload the list, keeping the selection."""
        selected = self.selected()
        self.model.today = self.ctx.today()
        self.model.set_rows(list_resolutions(self.ctx.db, self.open_only.isChecked()))
        self.table.resizeColumnsToContents()
        if selected is not None:
            self.select(selected.item_id)
        self._update_buttons()

    def select(self, item_id: int) -> None:
        """Select a resolution by its item id."""
        position = self.model.position_of(item_id)
        if position is not None:
            self.table.selectRow(position)

    def selected(self) -> ResolutionRow | None:
        """The resolution selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_for_index(rows[0]) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    def edit(self) -> FormDialog | None:
        """Who carries the resolution out, by when, done on, note."""
        row = self.selected()
        if row is None:
            return None

        def save(values: dict[str, Any]) -> int:
            update_tracking(
                self.ctx.db,
                row.item_id,
                values["assignee"],
                values["due_on"],
                values["done_on"],
                values["done_note"],
                self.ctx.today(),
            )
            return row.item_id

        dialog = FormDialog(
            self.ctx,
            _("Resolution of meeting {number}, item {position}").format(
                number=row.meeting_number, position=row.position
            ),
            [
                Field("assignee", _("Responsible"), value=row.assignee, max_length=120),
                Field("due_on", _("Due on"), "date", row.due_on),
                Field("done_on", _("Done on"), "date", row.done_on),
                Field("done_note", _("Note"), "multiline", row.done_note),
            ],
            save,
            self,
        )
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: (self.refresh(), self.select(row.item_id)))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog
