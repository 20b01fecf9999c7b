"""Attendance: per member present or not, its representatives, who votes, arrival, departure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.meeting_record import AttendanceRecord, MeetingRecord
from zidkor_desktop.domain.meetings import ItemQuorum
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.pages.base import heading_label
from zidkor_desktop.ui.pages.meeting_tabs.common import (
    NOT_QUORATE_STYLE,
    QUORATE_STYLE,
    MeetingTab,
    run,
)
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.usecases.meetings import AttendanceInput, save_attendance

_SPLIT = re.compile(r"[,;\n]")


def split_names(text: str) -> list[str]:
    """Representatives typed comma-separated (or one per line)."""
    return [name.strip() for name in _SPLIT.split(text) if name.strip()]


def show_quorum(label: QLabel, quorum: ItemQuorum, prefix: str = "") -> None:
    """The figures with the verdict, red and bold when not quorate; the rule as second line."""
    label.setText(
        f"{prefix}{quorum.figures}\n" + _("Rule applied: {rule}").format(rule=quorum.rule)
    )
    label.setStyleSheet(QUORATE_STYLE if quorum.quorate else NOT_QUORATE_STYLE)


@dataclass
class AttendanceRow:
    """The inputs of one member's row."""

    record: AttendanceRecord
    present: QCheckBox
    representatives: QLineEdit
    voting: QComboBox
    arrives: QComboBox
    leaves: QComboBox

    def value(self) -> AttendanceInput:
        """The row as entered."""
        return AttendanceInput(
            organisation_id=self.record.member.organisation_id,
            present=self.present.isChecked(),
            representatives=split_names(self.representatives.text()),
            voting_representative=self.voting.currentText().strip(),
            arrives_before=self.arrives.currentData(),
            leaves_after=self.leaves.currentData(),
        )


class AttendanceTab(MeetingTab):
    """One row per member of the meeting's day; the opening quorum below."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[AttendanceRow] = []
        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.save_button = QPushButton(_("Save"), self)
        self.save_button.clicked.connect(lambda _c=False: self.save())
        self.all_button = QPushButton(_("All present"), self)
        self.all_button.clicked.connect(lambda _c=False: self._all_present())
        self.quorum_label = QLabel(self)
        self.quorum_label.setObjectName("openingQuorum")
        self.quorum_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        layout.addWidget(heading_label(_("Quorum at the opening"), self, 1.1))
        layout.addWidget(self.quorum_label)

    def show_record(self, record: MeetingRecord | None) -> None:
        """Rebuild the rows from the stored attendance."""
        super().show_record(record)
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.rows = []
        if record is None:
            self.quorum_label.setText("")
            return
        headers = [
            _("Member"),
            _("Votes"),
            _("Present"),
            _("Representatives (comma-separated)"),
            _("Casts the votes"),
            _("from item"),
            _("up to item"),
        ]
        for column, text in enumerate(headers):
            self.grid.addWidget(heading_label(text, self.grid_host, 1.0), 0, column)
        positions = [i.position for i in record.items]
        for n, attendance in enumerate(record.attendance, start=1):
            self.rows.append(self._row(n, attendance, positions))
        self.grid.setColumnStretch(3, 1)
        self.grid.setRowStretch(len(self.rows) + 1, 1)
        for widget in (self.save_button, self.all_button):
            widget.setEnabled(self.editable)
        if record.attendance:
            show_quorum(self.quorum_label, record.opening_quorum())
        else:
            self.quorum_label.setText(_("No members on the meeting's day."))

    def _row(self, n: int, a: AttendanceRecord, positions: list[int]) -> AttendanceRow:
        host = self.grid_host
        present = QCheckBox(host)
        present.setChecked(a.present)
        present.setAccessibleName(_("{name} present").format(name=a.member.name))
        reps = QLineEdit(", ".join(a.representatives), host)
        reps.setMaxLength(400)
        refuse_control_characters(reps)
        voting = QComboBox(host)
        voting.setEditable(False)
        arrives, leaves = QComboBox(host), QComboBox(host)
        for combo in (arrives, leaves):
            combo.addItem("–", None)
            for position in positions:
                combo.addItem(_("Item {position}").format(position=position), position)
        arrives.setCurrentIndex(max(arrives.findData(a.arrives_before), 0))
        leaves.setCurrentIndex(max(leaves.findData(a.leaves_after), 0))
        row = AttendanceRow(a, present, reps, voting, arrives, leaves)
        self._fill_voting(row, a.voting_representative)
        reps.textChanged.connect(lambda _t, r=row: self._fill_voting(r, r.voting.currentText()))
        present.toggled.connect(lambda _on, r=row: self._enable_row(r))
        self.grid.addWidget(QLabel(a.member.name, host), n, 0)
        self.grid.addWidget(QLabel(str(a.member.votes), host), n, 1)
        for column, widget in enumerate((present, reps, voting, arrives, leaves), start=2):
            self.grid.addWidget(widget, n, column)
        self._enable_row(row)
        return row

    def _fill_voting(self, row: AttendanceRow, wanted: str) -> None:
        names = split_names(row.representatives.text())
        row.voting.blockSignals(True)
        row.voting.clear()
        row.voting.addItems(names)
        index = row.voting.findText(wanted)
        row.voting.setCurrentIndex(index if index >= 0 else (0 if names else -1))
        row.voting.blockSignals(False)

    def _enable_row(self, row: AttendanceRow) -> None:
        row.present.setEnabled(self.editable)
        on = self.editable and row.present.isChecked()
        for widget in (row.representatives, row.voting, row.arrives, row.leaves):
            widget.setEnabled(on)

    def _all_present(self) -> None:
        for row in self.rows:
            row.present.setChecked(True)

    def row_of(self, name: str) -> AttendanceRow:
        """The row of a member by name."""
        return next(r for r in self.rows if r.record.member.name == name)

    def save(self) -> bool:
        """Store the attendance; the page reloads with the new figures."""
        if self.record is None or not self.editable:
            return False
        meeting_id, entries = self.record.id, [r.value() for r in self.rows]
        done = run(
            self,
            self.ctx,
            _("Attendance"),
            lambda: save_attendance(self.ctx.db, meeting_id, entries) or True,
        )
        if done:
            self.changed.emit()
        return bool(done)
