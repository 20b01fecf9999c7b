"""The steps of accession and exit: which one comes next and whether its date fits."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.kinds import LabelledEnum
from zidkor_desktop.domain.membership import MembershipDates
from zidkor_desktop.l10n import N_, _


class Step(LabelledEnum):
    """One step of a membership; its value is the date field it fills."""

    APPLICATION = "applied_on"
    COUNCIL_RESOLUTION = "council_resolution_on"
    ASSEMBLY_CONSENT = "assembly_resolution_on"
    AUTHORITY_APPROVAL = "authority_approved_on"
    MEMBERSHIP_START = "member_from"
    EXIT_NOTICE = "exit_notice_on"
    MEMBERSHIP_END = "member_until"

    @property
    def label(self) -> str:
        """Translated name of the step."""
        return _(_STEP_LABELS[self])

    @property
    def label_msgid(self) -> str:
        """The untranslated name of the step (for headers translated later)."""
        return _STEP_LABELS[self]

    @property
    def date_label(self) -> str:
        """Translated label of the step's date field."""
        return _(_DATE_LABELS[self])

    @property
    def reference_field(self) -> str | None:
        """The text field the step records besides its date (reference, file number)."""
        return _REFERENCE_FIELDS.get(self)


_STEP_LABELS = {
    Step.APPLICATION: N_("Application"),
    Step.COUNCIL_RESOLUTION: N_("Council resolution"),
    Step.ASSEMBLY_CONSENT: N_("Assembly consent"),
    Step.AUTHORITY_APPROVAL: N_("Approval by the authority"),
    Step.MEMBERSHIP_START: N_("Start of membership"),
    Step.EXIT_NOTICE: N_("Notice of exit"),
    Step.MEMBERSHIP_END: N_("End of membership"),
}
_DATE_LABELS = {
    Step.APPLICATION: N_("Date of application"),
    Step.COUNCIL_RESOLUTION: N_("Date of the council resolution"),
    Step.ASSEMBLY_CONSENT: N_("Date of the assembly's consent"),
    Step.AUTHORITY_APPROVAL: N_("Date of approval"),
    Step.MEMBERSHIP_START: N_("Member from"),
    Step.EXIT_NOTICE: N_("Notice given on"),
    Step.MEMBERSHIP_END: N_("Member until"),
}
_REFERENCE_FIELDS = {
    Step.COUNCIL_RESOLUTION: "council_resolution_ref",
    Step.AUTHORITY_APPROVAL: "authority_file_number",
}
ACCESSION = (
    Step.APPLICATION,
    Step.COUNCIL_RESOLUTION,
    Step.ASSEMBLY_CONSENT,
    Step.AUTHORITY_APPROVAL,
    Step.MEMBERSHIP_START,
)
EXIT = (Step.EXIT_NOTICE, Step.MEMBERSHIP_END)
ORDER = ACCESSION + EXIT
EVENTS_IN_THE_PAST = frozenset(ORDER) - {Step.MEMBERSHIP_START, Step.MEMBERSHIP_END}
"""Steps that record something that has happened: their date cannot lie after today."""


@dataclass(frozen=True)
class StepEntry:
    """A step taken: its date and, for resolution and approval, the reference."""

    step: Step
    day: date
    reference: str = ""


def taken_steps(
    dates: MembershipDates, references: dict[str, str] | None = None
) -> list[StepEntry]:
    """The steps recorded so far, in the order of the procedure."""
    refs = references or {}
    return [
        StepEntry(step, getattr(dates, step.value), refs.get(step.reference_field or "", ""))
        for step in ORDER
        if getattr(dates, step.value) is not None
    ]


def last_step(dates: MembershipDates) -> Step | None:
    """The latest step of the procedure recorded (None before the application)."""
    recorded = [step for step in ORDER if getattr(dates, step.value) is not None]
    return recorded[-1] if recorded else None


def next_step(dates: MembershipDates) -> Step | None:
    """The step after the latest one recorded (None once the end of membership is recorded).

    A step left out before the latest one stays out: founding members, for example, have no
    assembly consent, and their next step is the notice of exit.
    """
    last = last_step(dates)
    if last is None:
        return ORDER[0]
    position = ORDER.index(last) + 1
    return ORDER[position] if position < len(ORDER) else None


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def check_step(
    dates: MembershipDates, step: Step, day: date | None, today: date, reference: str = ""
) -> MembershipDates:
    """Refuse a step out of order, a date before the step before it, or a missing reference.

    Returns the dates with the step recorded; messages name the step's field.
    """
    field = step.value
    if day is None:
        raise ValidationError(
            _("{label}: please enter a date.").format(label=step.date_label), field
        )
    done = getattr(dates, field)
    if done is not None:
        raise ValidationError(
            _("{step} has already been recorded (on {day}).").format(step=step.label, day=_d(done)),
            field,
        )
    expected = next_step(dates)
    if expected is not step:
        raise ValidationError(
            _("{step} cannot be recorded yet: first comes {expected}.").format(
                step=step.label, expected=expected.label if expected else "–"
            ),
            field,
        )
    if step in EVENTS_IN_THE_PAST and day > today:
        raise ValidationError(
            _("{label} ({day}) must not lie in the future.").format(
                label=step.date_label, day=_d(day)
            ),
            field,
        )
    before = last_step(dates)
    if before is not None:
        earlier = getattr(dates, before.value)
        if day < earlier:
            raise ValidationError(
                _("{label} ({day}) must not be before {earlier} ({earlier_day}).").format(
                    label=step.date_label,
                    day=_d(day),
                    earlier=before.label,
                    earlier_day=_d(earlier),
                ),
                field,
            )
    if step is Step.MEMBERSHIP_END and dates.member_from and day < dates.member_from:
        raise ValidationError(
            _("{label} ({day}) must not be before the start of membership ({start}).").format(
                label=step.date_label, day=_d(day), start=_d(dates.member_from)
            ),
            field,
        )
    if step.reference_field and not reference.strip():
        message = (
            _("Please enter the reference of the council resolution.")
            if step is Step.COUNCIL_RESOLUTION
            else _("Please enter the authority's file number.")
        )
        raise ValidationError(message, step.reference_field)
    return replace(dates, **{field: day})
