"""Members area: sortable, filterable list with totals; create and edit through the dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.kinds import MembershipStatus
from zidkor_desktop.domain.membership_steps import Step
from zidkor_desktop.l10n import _, format_money, ngettext
from zidkor_desktop.queries.members import MemberRow, list_members
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.models.members_model import NAME, MembersTableModel
from zidkor_desktop.ui.pages.base import ListPage
from zidkor_desktop.ui.widgets.list_header import set_up_list_header
from zidkor_desktop.usecases.member_groups import member_groups
from zidkor_desktop.usecases.members import get_member

if TYPE_CHECKING:
    from zidkor_desktop.ui.dialogs.member_dialog import MemberDialog
    from zidkor_desktop.ui.dialogs.membership_step_dialog import MembershipStepDialog
    from zidkor_desktop.ui.preview.viewer import DocumentViewer

TABLE, EMPTY = 0, 1
ALL, VOTING, APPLICANTS, FORMER = range(4)
"""The choices of the 'Show' box: everyone, members with votes, applicants, former members."""


def shown(row: MemberRow, choice: int) -> bool:
    """Whether a row belongs to the group chosen in the 'Show' box."""
    if choice == VOTING:
        return row.votes > 0
    if choice == APPLICANTS:
        return row.votes == 0 and row.status is not MembershipStatus.LEFT
    if choice == FORMER:
        return row.status is MembershipStatus.LEFT
    return True


def totals_text(rows: list[MemberRow]) -> str:
    """One line per group of member_groups: members with votes, then those without votes."""

    def members(n: int) -> str:
        return ngettext("{n} member", "{n} members", n).format(n=n)

    def votes(n: int) -> str:
        return ngettext("{n} vote", "{n} votes", n).format(n=n)

    lines = []
    for group in member_groups(rows):
        parts = [group.label]
        if group.balance is not None:
            b = group.balance
            parts.append(votes(b.votes))
            parts.append(
                _("of which municipal {members} / {votes}").format(
                    members=members(b.municipal_members), votes=votes(b.municipal_votes)
                )
            )
        parts.append(
            _("capital {due} (paid {paid})").format(
                due=format_money(group.capital_due), paid=format_money(group.capital_paid)
            )
        )
        lines.append(" · ".join(parts))
    return "\n".join(lines)


class _ActivateFilter(QObject):
    """Return/Enter on the table edits the current member (a table has no editor of its own)."""

    def __init__(self, page: MembersPage) -> None:
        super().__init__(page)
        self._page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Catch Return and Enter key presses."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._page.edit_selected()
            return True
        return super().eventFilter(watched, event)


class MembersPage(ListPage):
    """List of members and applicants with totals; changes go through the member dialog."""

    selection_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Members"), parent)
        self.model = MembersTableModel(self)
        self._rows: list[MemberRow] = []
        self._loaded = False

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(_("Filter by name, type or status (Ctrl+F)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.returnPressed.connect(self._focus_table)
        self.show_box = QComboBox(self)
        self.show_box.addItems(
            [_("All"), _("Members with votes"), _("Applicants"), _("Former members")]
        )
        self.show_box.setToolTip(
            _("Applicants hold no votes and count for no total until their membership begins.")
        )
        self.show_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.show_box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.show_box.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.new_button = QPushButton(_("New member"), self)
        self.new_button.setToolTip(_("Record a new member or applicant (Ctrl+N)"))
        self.edit_button = QPushButton(_("Edit"), self)
        self.edit_button.setToolTip(_("Edit the selected member (Enter, F2 or double-click)"))
        self.pdf_button = QPushButton(_("PDF preview…"), self)
        self.pdf_button.setToolTip(
            _("The list of members and applicants as a PDF: preview, print, save (Ctrl+P)")
        )
        self.new_button.clicked.connect(self.new_member)
        self.edit_button.clicked.connect(self.edit_selected)
        self.pdf_button.clicked.connect(self.show_pdf)
        self.steps_button = QPushButton(_("Accession and exit"), self)
        self.steps_button.setToolTip(
            _("New applicant, the selected member's next step, its accession record")
        )
        menu = QMenu(self.steps_button)
        self.applicant_action = menu.addAction(_("New applicant…"))
        self.applicant_action.setToolTip(
            _("Record an application to join; the further steps follow one by one.")
        )
        self.applicant_action.triggered.connect(self.new_applicant)
        self.step_action = menu.addAction(_("Next step…"))
        self.step_action.triggered.connect(self.next_step)
        self.record_action = menu.addAction(_("Accession record…"))
        self.record_action.setToolTip(
            _("The selected member's steps, votes and capital as a PDF: preview, print, save")
        )
        self.record_action.triggered.connect(self.show_accession_record)
        menu.setToolTipsVisible(True)
        self.steps_button.setMenu(menu)
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.filter_edit, 1)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.new_button)
        toolbar.addWidget(self.edit_button)
        toolbar.addWidget(self.pdf_button)
        show_label = QLabel(_("Show:"), self)
        show_label.setBuddy(self.show_box)
        steps = QHBoxLayout()
        steps.addWidget(show_label)
        steps.addWidget(self.show_box)
        steps.addStretch(1)
        steps.addWidget(self.steps_button)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = set_up_list_header(self.table)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.installEventFilter(_ActivateFilter(self))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("emptyState")
        self.views = QStackedWidget(self)
        self.views.addWidget(self.table)
        self.views.addWidget(self.empty_label)

        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totals")
        self.totals_label.setWordWrap(True)
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = self.body_layout()
        layout.addLayout(toolbar)
        layout.addLayout(steps)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.totals_label)
        self._update_buttons()

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the rows from the database, keeping the selection."""
        selected = self.selected_id()
        first_load = not self._loaded
        self._rows = list_members(self.ctx.db, self.ctx.today())
        self.model.set_rows([r for r in self._rows if shown(r, self.show_box.currentIndex())])
        self._loaded = True
        self._fit_columns()
        if selected is not None:
            self.select_member(selected)
        elif first_load and self.model.rowCount():
            # The keyboard works at once: Enter edits the first member.
            self.table.setCurrentIndex(self.model.index(0, NAME))
            self.table.selectRow(0)
        self._update_views()

    def _fit_columns(self) -> None:
        """Widen the columns right of the name to their contents plus some air."""
        for column in range(self.model.columnCount()):
            if column != NAME:
                self.table.resizeColumnToContents(column)
                self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)

    def _show_rows(self) -> None:
        """Show the group chosen in the 'Show' box (the totals always cover everyone)."""
        selected = self.selected_id()
        self.model.set_rows([r for r in self._rows if shown(r, self.show_box.currentIndex())])
        if selected is not None:
            self.select_member(selected)
        self._update_views()

    def _apply_filter(self, text: str) -> None:
        self.model.set_filter_text(text)
        self._update_views()

    def _update_views(self) -> None:
        if self.model.rowCount() == 0:
            if self.model.total_count() == 0 and self._rows:
                self.empty_label.setText(_("Nobody in this group.\nChoose “All” under “Show”."))
            elif self.model.total_count() == 0:
                self.empty_label.setText(
                    _("No members yet.\nUse “New member” (Ctrl+N) to record the first one.")
                )
            else:
                self.empty_label.setText(
                    _("No member matches “{text}”.\nChange or clear the filter.").format(
                        text=self.filter_edit.text().strip()
                    )
                )
            self.views.setCurrentIndex(EMPTY)
        else:
            self.views.setCurrentIndex(TABLE)
        text = totals_text(self._rows) if self._rows else ""
        if self.model.is_filtered() or self.show_box.currentIndex() != ALL:
            text = (
                _("Showing {shown} of {total} · ").format(
                    shown=self.model.rowCount(), total=len(self._rows)
                )
                + text
            )
        self.totals_label.setText(text)
        self._update_buttons()

    # --- selection ----------------------------------------------------------------------------

    def selected_row(self) -> MemberRow | None:
        """The member selected in the list."""
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.row_for_index(indexes[0])

    def selected_id(self) -> int | None:
        """Organisation id of the selected member."""
        row = self.selected_row()
        return None if row is None else row.organisation_id

    def select_member(self, organisation_id: int) -> bool:
        """Select and show a member; clears the filter if it hides the member."""
        position = self.model.position_of(organisation_id)
        if position is None and self.show_box.currentIndex() != ALL:
            self.show_box.setCurrentIndex(ALL)
            position = self.model.position_of(organisation_id)
        if position is None and self.model.is_filtered():
            self.filter_edit.clear()
            position = self.model.position_of(organisation_id)
        if position is None:
            return False
        index = self.model.index(position, NAME)
        self.table.selectRow(position)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _selection_changed(self, *_args: object) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        # A model reset clears the selection without a signal, so tell the window here.
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self.record_action.setEnabled(row is not None)
        step = None if row is None else row.next_step
        self.step_action.setEnabled(step is not None)
        self.step_action.setText(
            _("Next step…") if step is None else _("Next step: {step}…").format(step=step.label)
        )
        if row is None:
            tip = _("Record the next step of the selected member's accession or exit")
        elif step is None:
            tip = _("The membership has ended; there is no further step.")
        else:
            tip = _("Next step for {name}: {step}").format(name=row.name, step=step.label)
        self.step_action.setToolTip(tip)
        self.selection_changed.emit()

    def can_edit(self) -> bool:
        """True when a member is selected."""
        return self.selected_row() is not None

    def focus_filter(self) -> None:
        """Put the cursor into the filter box."""
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _focus_table(self) -> None:
        if self.model.rowCount():
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)
            self.table.setFocus()

    def show_pdf(self) -> DocumentViewer | None:
        """The members list (as of today) as a PDF in the document viewer."""
        from zidkor_desktop.ui.dialogs.save_member_list import show_member_list  # ReportLab: lazily

        return show_member_list(self, self.ctx)

    # --- dialogs ------------------------------------------------------------------------------

    def new_member(self) -> MemberDialog:
        """Open the dialog for a new member (window-modal, not blocking)."""
        from zidkor_desktop.ui.dialogs.member_dialog import MemberDialog  # not needed at start

        return self.open_dialog(MemberDialog(self.ctx, None, self))

    def edit_selected(self) -> MemberDialog | None:
        """Open the dialog for the selected member."""
        organisation_id = self.selected_id()
        if organisation_id is None:
            return None
        try:
            record = get_member(self.ctx.db, organisation_id, self.ctx.today())
        except DomainError as exc:
            QMessageBox.warning(self, _("Edit member"), str(exc))
            self.refresh()
            return None
        from zidkor_desktop.ui.dialogs.member_dialog import MemberDialog  # not needed at start

        return self.open_dialog(MemberDialog(self.ctx, record, self))

    def new_applicant(self) -> MembershipStepDialog:
        """Open the dialog that records a new application."""
        from zidkor_desktop.ui.dialogs.membership_step_dialog import MembershipStepDialog

        return self.open_dialog(MembershipStepDialog(self.ctx, Step.APPLICATION, None, "", self))

    def next_step(self) -> MembershipStepDialog | None:
        """Open the dialog for the selected member's next step of accession or exit."""
        row = self.selected_row()
        if row is None or row.next_step is None:
            return None
        from zidkor_desktop.ui.dialogs.membership_step_dialog import MembershipStepDialog

        dialog = MembershipStepDialog(self.ctx, row.next_step, row.organisation_id, row.name, self)
        return self.open_dialog(dialog)

    def show_accession_record(self) -> DocumentViewer | None:
        """The selected member's accession record (Beitrittsübersicht) in the document viewer."""
        row = self.selected_row()
        if row is None:
            return None
        from zidkor_desktop.ui.dialogs.accession_record_pdf import show_accession_record

        return show_accession_record(self, self.ctx, row.organisation_id, row.name)

    def select_record(self, record_id: int) -> bool:
        """Select a record of the list by id (see ListPage)."""
        return self.select_member(record_id)
