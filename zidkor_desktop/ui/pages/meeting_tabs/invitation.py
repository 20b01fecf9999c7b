"""The invitation of a meeting: the day it was sent (checked), urgency, the letters and notice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError, ValidationError
from zidkor_desktop.domain.meeting_record import MeetingRecord
from zidkor_desktop.domain.meetings import second_invitation_note, urgency_note
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.pages.meeting_tabs.common import MeetingTab, file_stem, show_pdf
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.usecases.meetings import record_invitation
from zidkor_desktop.usecases.minutes import invitations_pdf, public_notice_pdf

if TYPE_CHECKING:
    from zidkor_desktop.ui.preview.viewer import DocumentViewer


class InvitationTab(MeetingTab):
    """When the invitation went out, whether urgent and why; the invitation PDFs."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.banner = MessageBanner(self)
        self.sent_edit = DateEdit(self)
        self.sent_edit.setObjectName("invitedOn")
        self.urgent_check = QCheckBox(_("urgent (shortened invitation period)"), self)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMaximumHeight(self.fontMetrics().height() * 4)
        self.urgent_check.toggled.connect(self.reason_edit.setEnabled)
        self.save_button = QPushButton(_("Record invitation"), self)
        self.save_button.clicked.connect(lambda _c=False: self.save())
        self.letters_button = QPushButton(_("Invitations (PDF)…"), self)
        self.letters_button.clicked.connect(lambda _c=False: self.show_invitations())
        self.notice_button = QPushButton(_("Public notice…"), self)
        self.notice_button.clicked.connect(lambda _c=False: self.show_notice())
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        self.notes_label = QLabel(self)
        self.notes_label.setWordWrap(True)
        self.notes_label.setObjectName("invitationNotes")
        form = QFormLayout()
        form.addRow(_("Sent on") + ":", self.sent_edit)
        form.addRow("", self.urgent_check)
        form.addRow(_("Reason for urgency") + ":", self.reason_edit)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        documents = QHBoxLayout()
        documents.addWidget(self.letters_button)
        documents.addWidget(self.notice_button)
        documents.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.state_label)
        layout.addWidget(self.notes_label)
        layout.addLayout(documents)
        layout.addStretch(1)

    def show_record(self, record: MeetingRecord | None) -> None:
        """Show what is recorded about the invitation and the notes it carries."""
        super().show_record(record)
        self.banner.clear_message()
        self.sent_edit.set_date(record.invited_on if record else None)
        self.urgent_check.setChecked(bool(record and record.urgent))
        self.reason_edit.setPlainText(record.urgency_reason if record else "")
        self.reason_edit.setEnabled(self.urgent_check.isChecked())
        for widget in (self.sent_edit, self.urgent_check, self.save_button):
            widget.setEnabled(self.editable)
        self.reason_edit.setEnabled(self.editable and self.urgent_check.isChecked())
        for button in (self.letters_button, self.notice_button):
            button.setEnabled(record is not None)
        if record is None:
            self.state_label.setText("")
            self.notes_label.setText("")
            return
        if record.invited_on is None:
            state = _("No invitation recorded yet.")
        else:
            state = _("Invitation sent on {day}.").format(day=format_date(record.invited_on))
        self.state_label.setText(state)
        notes = []
        if record.urgent:
            notes.append(urgency_note(record.urgency_reason))
        if record.second_invitation_of is not None:
            reduced = record.settings.second_invitation_reduced
            notes.append(second_invitation_note(record.second_invitation_of[2], reduced))
        self.notes_label.setText(
            (_("The invitation carries these notes:") + "\n" + "\n".join(notes)) if notes else ""
        )

    def save(self) -> bool:
        """Record the invitation; the period check refuses in the banner."""
        if self.record is None:
            return False
        meeting_id = self.record.id
        try:
            try:
                sent_on = self.sent_edit.date()
            except ValueError:
                raise ValidationError(date_input_error(_("Sent on")), "invited_on") from None
            if sent_on is None:
                raise ValidationError(date_input_error(_("Sent on")), "invited_on")
            urgent, reason = self.urgent_check.isChecked(), self.reason_edit.toPlainText()
            call(
                self,
                lambda: record_invitation(
                    self.ctx.db, meeting_id, sent_on, urgent, reason, self.ctx.today()
                ),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            field = getattr(exc, "field", None)
            widget = {"invited_on": self.sent_edit, "urgency_reason": self.reason_edit}.get(
                field or ""
            )
            self.banner.show_field_error(str(exc), widget)
            return False
        self.changed.emit()
        self.banner.show_message(_("The invitation is recorded."), "success")
        return True

    def show_invitations(self) -> DocumentViewer | None:
        """All invitation letters in one PDF, in the viewer."""
        if self.record is None:
            return None
        meeting_id = self.record.id
        return show_pdf(
            self,
            self.ctx,
            _("Invitations to meeting {number}").format(number=self.record.number),
            _("Invitations") + f"-{file_stem(self.record)}.pdf",
            lambda: invitations_pdf(self.ctx.db, meeting_id),
        )

    def show_notice(self) -> DocumentViewer | None:
        """The public notice as PDF, in the viewer."""
        if self.record is None:
            return None
        meeting_id = self.record.id
        return show_pdf(
            self,
            self.ctx,
            _("Public notice of meeting {number}").format(number=self.record.number),
            _("Public notice") + f"-{file_stem(self.record)}.pdf",
            lambda: public_notice_pdf(self.ctx.db, meeting_id),
        )
