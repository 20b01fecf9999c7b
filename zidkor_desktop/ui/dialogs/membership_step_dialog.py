"""One step of accession or exit: asks the step's data, shows what will happen, records it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError, ValidationError
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.domain.membership_steps import Step
from zidkor_desktop.l10n import N_, _, format_date, format_money, ngettext
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.usecases.members import MemberInput
from zidkor_desktop.usecases.membership_steps import (
    FORECAST_STEPS,
    StepInput,
    StepOutcome,
    membership_version,
    preview_step,
    record_application,
    take_step,
)

_INTRO = {
    Step.APPLICATION: N_("Record a new applicant. It holds no votes until its membership begins."),
    Step.COUNCIL_RESOLUTION: N_("The council (or the body in charge) resolved to join."),
    Step.ASSEMBLY_CONSENT: N_("The association's assembly consented to the accession."),
    Step.AUTHORITY_APPROVAL: N_("The supervisory authority approved the accession."),
    Step.MEMBERSHIP_START: N_(
        "The membership begins: from this day the member holds its votes and owes its capital "
        "contribution."
    ),
    Step.EXIT_NOTICE: N_("The member gave notice of its exit; it keeps its votes until it leaves."),
    Step.MEMBERSHIP_END: N_(
        "The membership ends: from the following day the member holds no votes."
    ),
}


def outcome_text(outcome: StepOutcome) -> str:
    """What the step does, in a few lines."""
    lines = [
        _("Status: {before} → {after} (on {day})").format(
            before=outcome.status_before.label,
            after=outcome.status_after.label,
            day=format_date(outcome.effective_day),
        )
    ]
    if outcome.step is Step.MEMBERSHIP_START:
        lines.append(
            _("Votes: {votes} (one block) from {day}").format(
                votes=outcome.votes, day=format_date(outcome.day)
            )
        )
        basis = (
            _("statute version {number}").format(number=outcome.statute_version)
            if outcome.statute_version is not None
            else _("association settings")
        )
        lines.append(
            _("Capital contribution due: {votes} × {per_vote} = {due} ({basis})").format(
                votes=outcome.votes,
                per_vote=format_money(outcome.capital_per_vote),
                due=format_money(outcome.capital_due),
                basis=basis,
            )
        )
    b = outcome.balance
    if b is not None:

        def members(n: int) -> str:
            return ngettext("{n} member", "{n} members", n).format(n=n)

        def votes(n: int) -> str:
            return ngettext("{n} vote", "{n} votes", n).format(n=n)

        text = (
            _("After joining: {members}, {votes}; of which municipal bodies {mm}, {mv}")
            if outcome.step in FORECAST_STEPS
            else _("Then: {members}, {votes}; of which municipal bodies {mm}, {mv}")
        )
        lines.append(
            text.format(
                members=members(b.members),
                votes=votes(b.votes),
                mm=members(b.municipal_members),
                mv=votes(b.municipal_votes),
            )
        )
        if not b.holds:
            lines.append(
                _(
                    "Warning: with this member the municipal bodies would lose their majority; "
                    "the start of membership will be refused unless the composition changes."
                )
            )
    return "\n".join(lines)


class MembershipStepDialog(QDialog):
    """Record `step` for the member `organisation_id` (None: a new applicant)."""

    def __init__(
        self,
        ctx: AppContext,
        step: Step,
        organisation_id: int | None = None,
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.step = step
        self.organisation_id = organisation_id
        self.saved_id: int | None = None
        self.outcome: StepOutcome | None = None
        self.fields: dict[str, QWidget] = {}
        # Loaded once: a change by someone else meanwhile is refused as a concurrent change.
        self._version = (
            None if organisation_id is None else membership_version(ctx.db, organisation_id)
        )
        self.setWindowTitle(
            _("New applicant")
            if organisation_id is None
            else _("{step}: {name}").format(step=step.label, name=name)
        )
        self.banner = MessageBanner(self)
        intro = QLabel(_(_INTRO[step]), self)
        intro.setWordWrap(True)
        form = QFormLayout()
        if organisation_id is None:
            self._applicant_fields(form)
        self.date_edit = DateEdit(self)
        self.date_edit.setObjectName(step.value)
        self.fields[step.value] = self.date_edit
        if step is not Step.MEMBERSHIP_START:
            self.date_edit.set_date(ctx.today())
        form.addRow(step.date_label, self.date_edit)
        self.reference: QLineEdit | None = None
        if step.reference_field:
            self.reference = QLineEdit(self)
            refuse_control_characters(self.reference)
            self.reference.setPlaceholderText(
                _("e.g. resolution number or title")
                if step is Step.COUNCIL_RESOLUTION
                else _("e.g. 17 062-12 ZIDKOR/21a")
            )
            self.fields[step.reference_field] = self.reference
            label = _("Reference") if step is Step.COUNCIL_RESOLUTION else _("File number")
            form.addRow(label, self.reference)
            self.reference.textChanged.connect(self._update_preview)
        self.preview = QLabel(self)
        self.preview.setObjectName("stepPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Record step"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.preview.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 46)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with messages
        self.date_edit.changed.connect(self._update_preview)
        self._update_preview()

    def _applicant_fields(self, form: QFormLayout) -> None:
        self.name_edit = QLineEdit(self)
        refuse_control_characters(self.name_edit)
        self.fields["name"] = self.name_edit
        form.addRow(_("Name"), self.name_edit)
        self.kind = QComboBox(self)
        for kind in OrganisationKind:
            self.kind.addItem(kind.label, kind.value)
        self.fields["kind"] = self.kind
        form.addRow(_("Type"), self.kind)
        self.municipal = QCheckBox(_("Municipal body (Gebietskörperschaft)"), self)
        self.municipal.setChecked(True)
        self.fields["is_municipal_body"] = self.municipal
        form.addRow("", self.municipal)
        self.kind.currentIndexChanged.connect(
            lambda _i: self.municipal.setChecked(
                OrganisationKind(self.kind.currentData()).municipal_default
            )
        )
        self.votes = QSpinBox(self)
        self.votes.setRange(0, 999)
        self.votes.setValue(1)
        self.votes.setToolTip(_("The block of votes the member will hold once it has joined."))
        self.fields["votes"] = self.votes
        form.addRow(_("Votes (planned)"), self.votes)

    def step_input(self) -> StepInput:
        """The step as entered; ValidationError for a date that cannot be read."""
        try:
            day = self.date_edit.date()
        except ValueError as exc:
            raise ValidationError(date_input_error(self.step.date_label), self.step.value) from exc
        reference = self.reference.text() if self.reference is not None else ""
        return StepInput(self.step, day, reference)

    def _update_preview(self) -> None:
        if self.organisation_id is None:
            self.preview.setText(_("Status afterwards: Applied (no votes, not counted)."))
            return
        try:
            data = self.step_input()
            self.outcome = preview_step(self.ctx.db, self.organisation_id, data, self.ctx.today())
        except DomainError as exc:
            self.outcome = None
            self.preview.setText(_("Not possible yet: {reason}").format(reason=exc))
        else:
            self.preview.setText(outcome_text(self.outcome))
        self.adjustSize()  # room for the wrapped lines

    def accept(self) -> None:
        """Record the step; on a refusal show why and keep the dialog open."""
        self.banner.clear_message()
        ctx = self.ctx
        try:
            data = self.step_input()
            if self.organisation_id is None:
                applicant = self._applicant(data)
                self.saved_id = call(
                    self,
                    lambda: record_application(ctx.db, applicant, ctx.today()),
                    where=ctx.database_location(),
                )
            else:
                org, version = self.organisation_id, self._version
                assert version is not None
                self.outcome = call(
                    self,
                    lambda: take_step(ctx.db, org, version, data, ctx.today()),
                    where=ctx.database_location(),
                )
                self.saved_id = org
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        except DomainError as exc:
            self.show_error(str(exc), None)
            return
        super().accept()

    def _applicant(self, data: StepInput) -> MemberInput:
        return MemberInput(
            name=self.name_edit.text(),
            kind=OrganisationKind(self.kind.currentData()),
            is_municipal_body=self.municipal.isChecked(),
            votes=self.votes.value(),
            applied_on=data.day,
        )

    def show_error(self, message: str, field: str | None) -> None:
        """Show a message above the form and put the cursor into the field it names."""
        widget = self.fields.get(field or "")
        self.banner.show_field_error(message, widget)
        self.adjustSize()
        if widget is not None:
            widget.setFocus()
