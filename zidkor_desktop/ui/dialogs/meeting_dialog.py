"""The dialog for a meeting's facts: number, day, times, place, chair, minute-taker, title."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.meeting_record import MeetingRecord
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.queries.meetings import list_meetings
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.form_dialog import Field, FormDialog
from zidkor_desktop.usecases.meetings import (
    MeetingInput,
    create_meeting,
    previous_meeting,
    proposed_number,
    update_meeting,
)

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def parse_time(text: str, label: str, key: str) -> time | None:
    """„10:00“ or „9.30“ as a time; None when empty."""
    text = text.strip()
    if not text:
        return None
    match = _TIME.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValidationError(
        _("{label}: please enter a time as HH:MM, e.g. 10:00.").format(label=label), key
    )


def time_text(value: time | None) -> str:
    """„10:00“; empty for None."""
    return value.strftime("%H:%M") if value else ""


class MeetingDialog(FormDialog):
    """New meeting (number proposed, minutes approval offered) or a change of its facts."""

    def __init__(
        self, ctx: AppContext, record: MeetingRecord | None = None, parent: QWidget | None = None
    ) -> None:
        today = ctx.today()
        earlier = [
            (m.id, _("{number} of {day}").format(number=m.number, day=format_date(m.held_on)))
            for m in list_meetings(ctx.db)
            if record is None or m.id != record.id
        ]
        second = record.second_invitation_of[0] if record and record.second_invitation_of else None
        fields = [
            Field(
                "number",
                _("Number"),
                value=record.number if record else proposed_number(ctx.db, today.year),
                max_length=8,
            ),
            Field("held_on", _("Date"), "date", record.held_on if record else None, required=True),
            Field("starts_at", _("Start"), value=time_text(record.starts_at) if record else ""),
            Field("ends_at", _("End"), value=time_text(record.ends_at) if record else ""),
            Field("place", _("Place"), value=record.place if record else ""),
            Field(
                "chair_name", _("Chair of the meeting"), value=record.chair_name if record else ""
            ),
            Field("minute_taker", _("Minute-taker"), value=record.minute_taker if record else ""),
            Field("title", _("Title"), value=record.title if record else "Verbandsversammlung"),
            Field(
                "second_invitation_of_id",
                _("Second invitation after"),
                "combo",
                second,
                [(None, _("no (first invitation)")), *earlier],
            ),
        ]
        self.record = record
        self.approve_check: QCheckBox | None = None
        self._previous: tuple[int, str, date] | None = None
        title = (
            _("Change meeting {number}").format(number=record.number)
            if record
            else _("New meeting")
        )
        super().__init__(ctx, title, fields, self._save, parent)
        for key in ("starts_at", "ends_at"):
            line = self.widgets[key]
            assert isinstance(line, QLineEdit)
            line.setPlaceholderText(_("HH:MM"))
            line.setMaxLength(5)
        if record is None:
            self.approve_check = QCheckBox(self)
            self.approve_check.setObjectName("approveMinutes")
            self.layout().insertWidget(2, self.approve_check)
            self.widgets["held_on"].changed.connect(self._offer_minutes)  # type: ignore[attr-defined]
            self._offer_minutes()

    def _offer_minutes(self) -> None:
        """Offer the approval of the latest earlier minutes not yet approved."""
        assert self.approve_check is not None
        try:
            day = self.widgets["held_on"].date()  # type: ignore[attr-defined]
        except ValueError:
            day = None
        self._previous = previous_meeting(self.ctx.db, day) if day else None
        if self._previous is None:
            self.approve_check.setText(_("Approval of earlier minutes: none open"))
            self.approve_check.setChecked(False)
            self.approve_check.setEnabled(False)
            return
        _id, number, held_on = self._previous
        self.approve_check.setText(
            _("Include the approval of the minutes of meeting {number} of {day}").format(
                number=number, day=format_date(held_on)
            )
        )
        self.approve_check.setEnabled(True)
        self.approve_check.setChecked(True)

    def _save(self, values: dict[str, Any]) -> int:
        data = MeetingInput(
            number=values["number"],
            held_on=values["held_on"],
            title=values["title"],
            starts_at=parse_time(values["starts_at"], _("Start"), "starts_at"),
            ends_at=parse_time(values["ends_at"], _("End"), "ends_at"),
            place=values["place"],
            chair_name=values["chair_name"],
            minute_taker=values["minute_taker"],
            notes=self.record.notes if self.record else "",
            second_invitation_of_id=values["second_invitation_of_id"],
        )
        if self.record is not None:
            update_meeting(self.ctx.db, self.record.id, self.record.version, data)
            return self.record.id
        approve = None
        if self.approve_check is not None and self.approve_check.isChecked() and self._previous:
            approve = self._previous[0]
        return create_meeting(self.ctx.db, data, approve)
