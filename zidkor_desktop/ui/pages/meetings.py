"""Meetings area (Sitzungen): the meetings with agenda, invitation, attendance, votes, minutes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.meeting_record import MeetingRecord
from zidkor_desktop.l10n import N_, _, format_date
from zidkor_desktop.queries.meeting_record import meeting_record
from zidkor_desktop.queries.meetings import MeetingRow, list_meetings
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.meeting_dialog import MeetingDialog
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.base import ListPage
from zidkor_desktop.ui.pages.meeting_tabs.agenda import AgendaTab
from zidkor_desktop.ui.pages.meeting_tabs.attendance import AttendanceTab
from zidkor_desktop.ui.pages.meeting_tabs.common import MeetingTab, confirm, run
from zidkor_desktop.ui.pages.meeting_tabs.invitation import InvitationTab
from zidkor_desktop.ui.pages.meeting_tabs.minutes import MinutesTab
from zidkor_desktop.ui.pages.meeting_tabs.resolutions import ResolutionsTab
from zidkor_desktop.ui.pages.meeting_tabs.votes import VotesTab
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.usecases.meetings import delete_meeting

MEETING_COLUMNS: list[Column[MeetingRow]] = [
    Column(
        N_("Number"),
        lambda m: m.number,
        sort_key=lambda m: (m.held_on.year, m.number),
        searchable=True,
    ),
    Column(N_("Date"), lambda m: format_date(m.held_on), sort_key=lambda m: m.held_on),
    Column(N_("Title"), lambda m: m.title, searchable=True),
    Column(N_("Place"), lambda m: m.place, searchable=True),
    Column(N_("Status"), lambda m: m.status.label),
    Column(N_("Minutes"), lambda m: m.minutes_status.label),
    Column(
        N_("Invited on"),
        lambda m: format_date(m.invited_on) or "–",
        sort_key=lambda m: m.invited_on,
    ),
    Column(
        N_("Agenda items"),
        lambda m: str(m.items),
        sort_key=lambda m: m.items,
        alignment=ALIGN_RIGHT,
    ),
]


class MeetingsPage(ListPage):
    """The list of meetings above, the selected meeting's tabs below; the resolutions list."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Meetings"), parent)
        self.setObjectName("page_meetings")
        self.record: MeetingRecord | None = None
        self.model = RowTableModel(MEETING_COLUMNS, key=lambda m: m.id, parent=self)
        self.table = _table(self.model, self, 2)
        self.table.setObjectName("meetings")
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_meeting())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection())
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(_("Filter by number, title or place"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.model.set_filter_text)
        self.new_button = QPushButton(_("New meeting…"), self)
        self.new_button.clicked.connect(lambda _c=False: self.new_meeting())
        self.edit_button = QPushButton(_("Edit…"), self)
        self.edit_button.clicked.connect(lambda _c=False: self.edit_meeting())
        self.delete_button = QPushButton(_("Delete…"), self)
        self.delete_button.clicked.connect(lambda _c=False: self.delete_meeting())
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.filter_edit, 1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            toolbar.addWidget(button)
        self.banner = MessageBanner(self)
        self.agenda_tab = AgendaTab(ctx, self)
        self.invitation_tab = InvitationTab(ctx, self)
        self.attendance_tab = AttendanceTab(ctx, self)
        self.votes_tab = VotesTab(ctx, self)
        self.minutes_tab = MinutesTab(ctx, self)
        self.detail_tabs = QTabWidget(self)
        self.tabs: list[MeetingTab] = [
            self.agenda_tab,
            self.invitation_tab,
            self.attendance_tab,
            self.votes_tab,
            self.minutes_tab,
        ]
        titles = [_("Agenda"), _("Invitation"), _("Attendance"), _("Voting"), _("Minutes")]
        for tab, title in zip(self.tabs, titles, strict=True):
            self.detail_tabs.addTab(tab, title)
            tab.changed.connect(self.reload)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(toolbar)
        upper_layout.addWidget(self.table, 1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.banner)
        lower_layout.addWidget(self.detail_tabs, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        meetings = QWidget(self)
        QVBoxLayout(meetings).addWidget(splitter)
        self.resolutions_tab = ResolutionsTab(ctx, self)
        self.main_tabs = QTabWidget(self)
        self.main_tabs.addTab(meetings, _("Meetings"))
        self.main_tabs.addTab(self.resolutions_tab, _("Resolutions"))
        self.body_layout().addWidget(self.main_tabs, 1)

    def refresh(self) -> None:
        """Reload the meetings (keeping the selection), the selected one and the resolutions."""
        selected = self.selected()
        self.model.set_rows(list_meetings(self.ctx.db))
        self.table.resizeColumnsToContents()
        position = None if selected is None else self.model.position_of(selected.id)
        if position is None and self.model.rowCount():
            position = 0
        self.record = None  # shown again: load the selected meeting anew (it may have changed)
        if position is not None:
            self.table.selectRow(position)
        self._selection()
        self.resolutions_tab.refresh()

    def selected(self) -> MeetingRow | None:
        """The meeting selected in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_for_index(rows[0]) if rows else None

    def select_record(self, record_id: int) -> bool:
        """Select a meeting by id."""
        position = self.model.position_of(record_id)
        if position is None:
            return False
        self.table.selectRow(position)
        return True

    def _selection(self) -> None:
        row = self.selected()
        if self.record is not None and row is not None and row.id == self.record.id:
            return
        self._load(row.id if row else None)

    def _load(self, meeting_id: int | None) -> None:
        record = None
        if meeting_id is not None:
            try:
                record = call(self, lambda: meeting_record(self.ctx.db, meeting_id))
            except DomainError as exc:
                self.banner.show_error(str(exc))
        self.record = record
        for tab in self.tabs:
            tab.show_record(record)
        self.detail_tabs.setEnabled(record is not None)
        self.edit_button.setEnabled(record is not None and not record.signed)
        self.delete_button.setEnabled(record is not None and not record.signed)
        if record is not None and record.signed:
            self.banner.show_message(
                _(
                    "The minutes of meeting {number} were signed on {day}: the meeting, its "
                    "agenda, attendance and votes are read-only."
                ).format(number=record.number, day=format_date(record.minutes_signed_on)),
                "info",
            )
        elif record is None and not self.model.total_count():
            self.banner.show_message(
                _("No meetings yet. Create the first one with „New meeting…“."), "info"
            )
        else:
            self.banner.clear_message()

    def reload(self) -> None:
        """After a change in a tab: the list's figures, the meeting and the resolutions."""
        meeting_id = self.record.id if self.record else None
        self.model.set_rows(list_meetings(self.ctx.db))
        if meeting_id is not None:
            self.select_record(meeting_id)
        self._load(meeting_id)
        self.resolutions_tab.refresh()
        self.data_changed.emit()

    def new_meeting(self) -> MeetingDialog:
        """The dialog for a new meeting."""
        return self.open_dialog(MeetingDialog(self.ctx, None, self))

    def edit_meeting(self) -> MeetingDialog | None:
        """The dialog for the selected meeting's facts."""
        if self.record is None or self.record.signed:
            return None
        return self.open_dialog(MeetingDialog(self.ctx, self.record, self))

    def _saved(self, record_id: int | None) -> None:
        self.record = None  # the facts changed: load the meeting anew
        super()._saved(record_id)

    def delete_meeting(self) -> bool:
        """Delete the selected meeting after confirmation."""
        record = self.record
        if record is None:
            return False
        if not confirm(
            self,
            _("Delete meeting"),
            _("Delete meeting {number} of {day} with its agenda and attendance?").format(
                number=record.number, day=format_date(record.held_on)
            ),
        ):
            return False
        done = run(
            self,
            self.ctx,
            _("Delete meeting"),
            lambda: delete_meeting(self.ctx.db, record.id) or True,
        )
        if done:
            self.record = None
            self.refresh()
            self.data_changed.emit()
        return bool(done)
