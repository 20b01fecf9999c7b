"""The minutes of a meeting: status, the parts in the viewer, signing, resolution extracts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.kinds import MinutesStatus
from zidkor_desktop.domain.meeting_record import MeetingRecord
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.pages.meeting_tabs.common import MeetingTab, confirm, run, show_pdf
from zidkor_desktop.ui.widgets.date_edit import DateEdit
from zidkor_desktop.usecases.minutes import (
    Part,
    extract_pdf,
    filename,
    minutes_pdf,
    parts_of,
    sign_minutes,
    sign_problems,
)

if TYPE_CHECKING:
    from zidkor_desktop.ui.preview.viewer import DocumentViewer


def status_text(record: MeetingRecord) -> str:
    """„Entwurf“, „unterzeichnet am …“ or „genehmigt am … durch …“."""
    if record.minutes_status is MinutesStatus.DRAFT:
        return _("Draft")
    signed = _("signed on {day}").format(day=format_date(record.minutes_signed_on))
    if record.minutes_status is MinutesStatus.SIGNED:
        return signed
    approved = _("approved on {day} by {by}").format(
        day=format_date(record.minutes_approved_on), by=record.minutes_approved_by
    )
    return f"{signed}; {approved}"


class MinutesTab(MeetingTab):
    """Status of the minutes, the draft or archived parts, signing, extracts."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("minutesStatus")
        self.public_button = QPushButton(self)
        self.public_button.clicked.connect(lambda _c=False: self.show_part(Part.PUBLIC))
        self.non_public_button = QPushButton(self)
        self.non_public_button.clicked.connect(lambda _c=False: self.show_part(Part.NON_PUBLIC))
        self.signed_edit = DateEdit(self)
        self.sign_button = QPushButton(_("Sign…"), self)
        self.sign_button.clicked.connect(lambda _c=False: self.sign())
        self.extract_combo = QComboBox(self)
        self.extract_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.extract_combo.setMinimumContentsLength(12)
        self.extract_button = QPushButton(_("Resolution extract…"), self)
        self.extract_button.clicked.connect(lambda _c=False: self.show_extract())
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Status") + ":", self.status_label)
        parts = QHBoxLayout()
        parts.addWidget(self.public_button)
        parts.addWidget(self.non_public_button)
        parts.addStretch(1)
        form.addRow(_("Minutes") + ":", parts)
        signing = QHBoxLayout()
        signing.addWidget(self.signed_edit)
        signing.addWidget(self.sign_button)
        signing.addStretch(1)
        form.addRow(_("Signed on") + ":", signing)
        extract = QHBoxLayout()
        extract.addWidget(self.extract_combo, 1)
        extract.addWidget(self.extract_button)
        form.addRow(_("Resolution extract") + ":", extract)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addStretch(1)

    def show_record(self, record: MeetingRecord | None) -> None:
        """Show the status and offer what fits it."""
        super().show_record(record)
        self.extract_combo.clear()
        if record is None:
            self.status_label.setText("")
            self.hint_label.setText("")
            for w in (
                self.public_button,
                self.non_public_button,
                self.sign_button,
                self.signed_edit,
                self.extract_button,
            ):
                w.setEnabled(False)
            return
        self.status_label.setText(status_text(record))
        view = _("Show minutes, {part}…") if record.signed else _("Show draft, {part}…")
        self.public_button.setText(view.format(part=_("public part")))
        self.non_public_button.setText(view.format(part=_("non-public part")))
        self.public_button.setEnabled(True)
        self.non_public_button.setVisible(Part.NON_PUBLIC in parts_of(record))
        self.non_public_button.setEnabled(True)
        self.signed_edit.set_date(record.minutes_signed_on or self.ctx.today())
        self.signed_edit.setEnabled(self.editable)
        self.sign_button.setEnabled(self.editable)
        for item in record.items:
            if item.has_resolution and item.outcome is not None:
                self.extract_combo.addItem(item.label, item.position)
        self.extract_button.setEnabled(self.extract_combo.count() > 0)
        if record.signed:
            hint = _("The signed minutes are archived; they are shown as archived, unchanged.")
        else:
            problems = sign_problems(record)
            hint = (
                _("Before signing, still to be recorded: {missing}.").format(
                    missing="; ".join(problems)
                )
                if problems
                else _("Everything needed for signing is recorded.")
            )
        self.hint_label.setText(hint)

    def show_part(self, part: Part) -> DocumentViewer | None:
        """The draft (or, once signed, the archived) minutes of one part in the viewer."""
        if self.record is None:
            return None
        meeting_id, number = self.record.id, self.record.number
        title = _("Minutes of meeting {number}").format(number=number)
        return show_pdf(
            self,
            self.ctx,
            title,
            filename(self.record, part),
            lambda: minutes_pdf(self.ctx.db, meeting_id, part),
        )

    def sign(self) -> bool:
        """Sign after confirmation: the record becomes read-only and the PDFs are archived."""
        record = self.record
        if record is None or not self.editable:
            return False
        title = _("Sign minutes")
        problems = sign_problems(record)
        if problems:
            QMessageBox.warning(
                self,
                title,
                _("The minutes cannot be signed yet. Still missing: {missing}.").format(
                    missing="; ".join(problems)
                ),
            )
            return False
        try:
            day = self.signed_edit.date()
        except ValueError:
            day = None
        if day is None:
            QMessageBox.warning(self, title, _("Signed on: please enter the date of signing."))
            return False
        question = _(
            "Sign the minutes of meeting {number} on {day}? The meeting, its agenda, attendance "
            "and votes become read-only, and the minutes are archived as PDF."
        ).format(number=record.number, day=format_date(day))
        if not confirm(self, title, question):
            return False
        done = run(
            self,
            self.ctx,
            title,
            lambda: sign_minutes(self.ctx.db, record.id, day, self.ctx.today()) or True,
        )
        if done:
            self.changed.emit()
        return bool(done)

    def show_extract(self) -> DocumentViewer | None:
        """The resolution extract of the chosen item in the viewer."""
        position = self.extract_combo.currentData()
        if self.record is None or position is None:
            return None
        meeting_id = self.record.id
        stem = self.record.number.replace("/", "-")
        return show_pdf(
            self,
            self.ctx,
            _("Resolution extract, meeting {number}, item {position}").format(
                number=self.record.number, position=position
            ),
            _("Resolution extract") + f"-{stem}-{position}.pdf",
            lambda: extract_pdf(self.ctx.db, meeting_id, position),
        )
