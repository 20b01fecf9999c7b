"""Create or edit a member: master data, membership dates, votes and capital contribution."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import ConcurrentChange, DomainError, ValidationError
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.domain.membership import status_on
from zidkor_desktop.domain.money import ZERO
from zidkor_desktop.domain.votes import capital_due
from zidkor_desktop.l10n import _, format_date, format_money
from zidkor_desktop.queries.members import capital_per_vote_on
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.own_input import (
    OwnInputMarks,
    field_texts,
    own_changes,
    reload_message,
)
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.ui.widgets.member_history import MemberHistory
from zidkor_desktop.ui.widgets.member_steps import MemberSteps
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.money_edit import MoneyEdit
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.usecases.members import (
    MemberInput,
    MemberRecord,
    Overpayment,
    create_member,
    get_member,
    update_member,
)

_TEXT_FIELDS = (
    "name",
    "short_name",
    "street",
    "postcode",
    "city",
    "email",
    "phone",
    "council_resolution_ref",
    "authority_file_number",
    "capital_payer",
)
_DATE_FIELDS = (
    "applied_on",
    "council_resolution_on",
    "assembly_resolution_on",
    "authority_approved_on",
    "member_from",
    "exit_notice_on",
    "member_until",
    "votes_from",
    "capital_paid_on",
)


class MemberDialog(QDialog):
    """Dialog for a new member (`record` None) or for editing a loaded MemberRecord."""

    def __init__(
        self, ctx: AppContext, record: MemberRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = record
        self.saved_id: int | None = None
        start = record.data.member_from if record is not None else None
        self._per_vote = capital_per_vote_on(ctx.db, start or ctx.today())
        self._labels: dict[str, str] = {}
        self.fields: dict[str, QWidget] = {}
        self.setWindowTitle(
            _("New member")
            if record is None
            else _("Edit member: {name}").format(name=record.data.name)
        )
        self.banner = MessageBanner(self)
        self.reload_button = QPushButton(_("Reload"), self)
        self.reload_button.setToolTip(
            _("Load the member as saved now; your input stays visible for comparison.")
        )
        self.reload_button.clicked.connect(self.reload)
        self.reload_button.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        grid = QGridLayout()
        grid.addWidget(self._master_data_group(), 0, 0)
        grid.addWidget(self._votes_group(), 1, 0)
        grid.addWidget(self._membership_group(), 0, 1)
        grid.addWidget(self._notes_group(), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        message_row = QHBoxLayout()
        message_row.addWidget(self.banner, 1)
        message_row.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(message_row)
        data_page = QWidget(self)
        data_page.setLayout(grid)
        self.tabs = QTabWidget(self)
        self.tabs.setTabBarAutoHide(True)  # a new member has no history yet
        self.tabs.addTab(data_page, _("Details"))
        if record is not None:
            self.steps = MemberSteps(ctx, record, self)
            self.tabs.addTab(self.steps, _("Accession and exit"))
            self.history = MemberHistory(ctx, record.organisation_id, self)
            self.tabs.addTab(self.history, _("History"))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

        self.resize(max(self.sizeHint().width(), 1040), self.sizeHint().height())
        self._load(record.data if record else self._new_input())
        self._snapshot = self._state()
        self._loaded_texts = field_texts(self.fields)
        self._own_marks = OwnInputMarks(self.fields)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.fields["name"].setFocus()

    # --- layout -------------------------------------------------------------------------------

    def _master_data_group(self) -> QGroupBox:
        box = QGroupBox(_("Master data"), self)
        form = self._form(box)
        self._add(form, "name", _("Name"), QLineEdit(box))
        self._add(form, "short_name", _("Short name"), QLineEdit(box))
        self.kind = QComboBox(box)
        for kind in OrganisationKind:
            self.kind.addItem(kind.label, kind.value)
        self._add(form, "kind", _("Type"), self.kind)
        self.municipal = QCheckBox(_("Municipal body (Gebietskörperschaft)"), box)
        self.municipal.setToolTip(
            _("Municipal bodies must hold the majority of members and of votes.")
        )
        self.fields["is_municipal_body"] = self.municipal
        form.addRow("", self.municipal)
        self._add(form, "street", _("Street and number"), QLineEdit(box))
        postcode, city = QLineEdit(box), QLineEdit(box)
        postcode.setMaxLength(5)
        postcode.setFixedWidth(postcode.fontMetrics().horizontalAdvance("000000") + 24)
        postcode.setPlaceholderText(_("Postcode"))
        city.setPlaceholderText(_("Town"))
        self.fields["postcode"], self.fields["city"] = postcode, city
        self._labels["postcode"], self._labels["city"] = _("Postcode"), _("Town")
        form.addRow(_("Postcode and town"), self._row(postcode, city))
        self._add(form, "email", _("E-mail"), QLineEdit(box))
        self._add(form, "phone", _("Phone"), QLineEdit(box))
        return box

    def _membership_group(self) -> QGroupBox:
        box = QGroupBox(_("Membership"), self)
        form = self._form(box)
        self._add(form, "applied_on", _("Application"), DateEdit(box))
        self._add(form, "council_resolution_on", _("Council resolution"), DateEdit(box))
        reference = QLineEdit(box)
        reference.setPlaceholderText(_("e.g. resolution number or title"))
        self._add(form, "council_resolution_ref", _("Reference"), reference)
        self._add(form, "assembly_resolution_on", _("Assembly resolution"), DateEdit(box))
        self._add(form, "authority_approved_on", _("Approval by the authority"), DateEdit(box))
        file_number = QLineEdit(box)
        file_number.setPlaceholderText(_("e.g. 17 062-12 ZIDKOR/21a"))
        self._add(form, "authority_file_number", _("File number"), file_number)
        self._add(form, "member_from", _("Member from"), DateEdit(box))
        self._add(form, "exit_notice_on", _("Notice of exit"), DateEdit(box))
        self._add(form, "member_until", _("Member until"), DateEdit(box))
        self.founding = QCheckBox(_("Founding member"), box)
        self.fields["is_founding"] = self.founding
        form.addRow("", self.founding)
        self.status_label = QLabel(box)
        self.status_label.setObjectName("statusLabel")
        form.addRow(_("Status"), self.status_label)
        return box

    def _votes_group(self) -> QGroupBox:
        box = QGroupBox(_("Votes and capital"), self)
        form = self._form(box)
        self.votes = QSpinBox(box)
        # Minimum 0, so a typed 0 reaches the rule and its message instead of becoming 1 unseen.
        self.votes.setRange(0, 999)
        self.votes.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.votes.setFixedWidth(self.votes.fontMetrics().horizontalAdvance("0000") + 48)
        self._add(form, "votes", _("Votes"), self.votes)
        votes_from = DateEdit(box)
        votes_from.setToolTip(_("Date from which a change of votes applies; empty means today."))
        self._add(form, "votes_from", _("Votes valid from"), votes_from)
        self.history_label = QLabel(box)
        self.history_label.setWordWrap(True)
        if self.record is not None and self.record.votes_history:
            form.addRow(_("Votes history"), self.history_label)
        self.capital_due = QLineEdit(box)
        self.capital_due.setReadOnly(True)
        self.capital_due.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.capital_due.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.capital_due.setToolTip(
            _(
                "Votes × capital per vote ({amount}) of the statute in force when the "
                "membership begins."
            ).format(amount=format_money(self._per_vote))
        )
        amount_width = self.capital_due.fontMetrics().horizontalAdvance("000.000.000,00 €") + 24
        self.capital_due.setFixedWidth(amount_width)
        form.addRow(_("Capital due"), self.capital_due)
        paid = MoneyEdit(box)
        paid.setFixedWidth(amount_width)
        self._add(form, "capital_paid", _("Capital paid"), paid)
        self._add(form, "capital_paid_on", _("Paid on"), DateEdit(box))
        payer = QLineEdit(box)
        payer.setPlaceholderText(_("If someone else pays, e.g. the city's IT centre"))
        self._add(form, "capital_payer", _("Paid by"), payer)
        self.votes.valueChanged.connect(self._update_capital_due)
        return box

    def _notes_group(self) -> QGroupBox:
        box = QGroupBox(_("Notes"), self)
        notes = QPlainTextEdit(box)
        notes.setTabChangesFocus(True)
        self.fields["notes"] = notes
        self._labels["notes"] = _("Notes")
        layout = QVBoxLayout(box)
        layout.addWidget(notes)
        return box

    def _form(self, box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return form

    def _row(self, *widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for position, widget in enumerate(widgets):
            row.addWidget(widget, 1 if position else 0)
        return row

    def _add(self, form: QFormLayout, field: str, label: str, widget: QWidget) -> None:
        self.fields[field] = widget
        self._labels[field] = label
        widget.setObjectName(field)
        if isinstance(widget, DateEdit):
            widget.changed.connect(self._update_status)
        elif isinstance(widget, QLineEdit):
            refuse_control_characters(widget)
        form.addRow(label, widget)

    # --- data ---------------------------------------------------------------------------------

    def _new_input(self) -> MemberInput:
        return MemberInput(name="", kind=OrganisationKind.CITY, votes=1)

    def _text(self, field: str) -> QLineEdit:
        widget = self.fields[field]
        assert isinstance(widget, QLineEdit)
        return widget

    def _date(self, field: str) -> DateEdit:
        widget = self.fields[field]
        assert isinstance(widget, DateEdit)
        return widget

    def _load(self, data: MemberInput) -> None:
        for field in _TEXT_FIELDS:
            line = self._text(field)
            line.setText(getattr(data, field))
            line.setCursorPosition(0)
        for field in _DATE_FIELDS:
            self._date(field).set_date(getattr(data, field))
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.kind.value)))
        self.municipal.setChecked(data.is_municipal_body)
        self.founding.setChecked(data.is_founding)
        self.votes.setValue(data.votes)
        paid = self.fields["capital_paid"]
        assert isinstance(paid, MoneyEdit)
        paid.set_value(data.capital_paid)
        notes = self.fields["notes"]
        assert isinstance(notes, QPlainTextEdit)
        notes.setPlainText(data.notes)
        if self.record is not None:
            self.history_label.setText(
                ", ".join(
                    _("{votes} from {day}").format(votes=votes, day=format_date(valid_from))
                    for valid_from, votes in self.record.votes_history
                )
            )
        self._update_capital_due()
        self._update_status()

    def member_input(self) -> MemberInput:
        """The input as typed; raises ValidationError for a date or amount that cannot be read."""
        values: dict[str, object] = {f: self._text(f).text() for f in _TEXT_FIELDS}
        for field in _DATE_FIELDS:
            try:
                values[field] = self._date(field).date()
            except ValueError as exc:
                raise ValidationError(date_input_error(self._labels[field]), field) from exc
        paid = self.fields["capital_paid"]
        assert isinstance(paid, MoneyEdit)
        if not paid.text().strip():
            values["capital_paid"] = ZERO
        else:
            try:
                values["capital_paid"] = paid.value()
            except ValueError as exc:
                raise ValidationError(
                    _("The capital paid is not a valid amount."), "capital_paid"
                ) from exc
        notes = self.fields["notes"]
        assert isinstance(notes, QPlainTextEdit)
        values.update(
            kind=OrganisationKind(self.kind.currentData()),
            is_municipal_body=self.municipal.isChecked(),
            is_founding=self.founding.isChecked(),
            votes=self.votes.value(),
            notes=notes.toPlainText(),
        )
        base = self.record.data if self.record is not None else self._new_input()
        return replace(base, **values)  # type: ignore[arg-type]

    def _state(self) -> tuple[object, ...]:
        texts: list[object] = [self._text(f).text() for f in _TEXT_FIELDS]
        texts += [self._date(f).text() for f in _DATE_FIELDS]
        notes = self.fields["notes"]
        assert isinstance(notes, QPlainTextEdit)
        paid = self.fields["capital_paid"]
        assert isinstance(paid, MoneyEdit)
        texts += [
            paid.text(),
            notes.toPlainText(),
            self.kind.currentIndex(),
            self.municipal.isChecked(),
            self.founding.isChecked(),
            self.votes.value(),
        ]
        return tuple(texts)

    def is_dirty(self) -> bool:
        """True when anything differs from the loaded (or empty) input."""
        return self._state() != self._snapshot

    # --- reactions ----------------------------------------------------------------------------

    def _kind_changed(self, _index: int) -> None:
        kind = OrganisationKind(self.kind.currentData())
        self.municipal.setChecked(kind.municipal_default)

    def _update_capital_due(self) -> None:
        self.capital_due.setText(format_money(capital_due(self.votes.value(), self._per_vote)))

    def _update_status(self) -> None:
        today = self.ctx.today()
        try:
            dates = self.member_input().dates
        except ValidationError:
            self.status_label.setText(_("(complete the dates)"))
            return
        self.status_label.setText(
            _("{status} (on {day})").format(
                status=status_on(dates, today).label, day=format_date(today)
            )
        )

    # --- save / cancel ------------------------------------------------------------------------

    def save(self) -> None:
        """Save through the use case; on any refusal show why and keep the dialog open."""
        self.banner.clear_message()
        self.reload_button.hide()
        try:
            data = self.member_input()
            try:
                call(
                    self,
                    lambda: self._store(data, allow_overpayment=False),
                    where=self.ctx.database_location(),
                )
            except Overpayment as exc:
                if not self._confirm_overpayment(exc):
                    self.show_error(str(exc), "capital_paid")
                    return
                call(
                    self,
                    lambda: self._store(data, allow_overpayment=True),
                    where=self.ctx.database_location(),
                )
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        except ConcurrentChange as exc:
            self.show_error(str(exc), None)
            self.reload_button.show()
            return
        except DomainError as exc:
            self.show_error(str(exc), None)
            return
        self._snapshot = self._state()
        self.accept()

    def _store(self, data: MemberInput, *, allow_overpayment: bool) -> None:
        if self.record is None:
            self.saved_id = create_member(
                self.ctx.db, data, self.ctx.today(), allow_overpayment=allow_overpayment
            )
        else:
            update_member(
                self.ctx.db,
                self.record,
                data,
                self.ctx.today(),
                allow_overpayment=allow_overpayment,
            )
            self.saved_id = self.record.organisation_id

    def _confirm_overpayment(self, exc: Overpayment) -> bool:
        answer = QMessageBox.question(
            self,
            _("Capital paid above capital due"),
            _("{problem}\n\nSave anyway?").format(problem=exc),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    # --- reload after a change by someone else --------------------------------------------------

    def reload(self) -> None:
        """Load the member as saved now; mark the fields where the clerk's own input differs."""
        assert self.record is not None
        mine = field_texts(self.fields)
        try:
            record = get_member(self.ctx.db, self.record.organisation_id, self.ctx.today())
        except DomainError as exc:
            self.show_error(str(exc), None)
            return
        self.reload_button.hide()
        before = self._loaded_texts
        self.record = record
        self._load(record.data)
        self.steps.load(record)
        history = getattr(self, "history", None)
        if history is not None and history.loaded:
            history.refresh()  # the other person's change appears in the history too
        self._snapshot = self._state()
        saved = self._loaded_texts = field_texts(self.fields)
        own, others = own_changes(mine, before, saved)
        self._own_marks.mark(own)
        labels = {
            f: self._labels.get(f) or (w.text() if isinstance(w, QCheckBox) else f)
            for f, w in self.fields.items()
        }
        self.banner.show_message(reload_message(own, others, labels), "info")

    def show_error(self, message: str, field: str | None) -> None:
        """Show a message above the form and put the cursor into the field it names."""
        widget = self.fields.get(field or "")
        self.banner.show_field_error(message, widget)  # cleared once that field is edited
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def reject(self) -> None:
        """Cancel; with unsaved changes only after the clerk confirms."""
        if self.is_dirty() and not self._confirm_discard():
            return
        super().reject()

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            _("Discard changes?"),
            _("The changes to this member have not been saved. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard
