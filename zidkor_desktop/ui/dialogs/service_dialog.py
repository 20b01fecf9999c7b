"""Dialog to create or edit a service (Verfahren): code, name, status, start, texts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import ConcurrentChange, DomainError, ValidationError
from zidkor_desktop.domain.kinds import ServiceStatus
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.usecases.services import (
    ServiceInput,
    ServiceRecord,
    create_service,
    get_service,
    update_service,
)


class ServiceDialog(QDialog):
    """Create a service (record None) or edit one; refusals are shown above the form."""

    def __init__(
        self, ctx: AppContext, record: ServiceRecord | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = record
        self.saved_id: int | None = None
        self.setWindowTitle(
            _("New service")
            if record is None
            else _("Edit service: {code}").format(code=record.data.code)
        )
        self.banner = MessageBanner(self)
        self.reload_button = QPushButton(_("Reload"), self)
        self.reload_button.setToolTip(_("Load the service as saved now"))
        self.reload_button.clicked.connect(self.reload)
        self.reload_button.hide()
        self.code = QLineEdit(self)
        self.code.setMaxLength(20)
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        for line in (self.code, self.name):
            refuse_control_characters(line)
        self.status = QComboBox(self)
        for status in ServiceStatus:
            self.status.addItem(status.label, status)
        self.started_on = DateEdit(self)
        self.description = QPlainTextEdit(self)
        self.legal_basis = QPlainTextEdit(self)
        for text in (self.description, self.legal_basis):
            text.setTabChangesFocus(True)
            text.setFixedHeight(text.fontMetrics().height() * 4 + 12)
        self.fields: dict[str, QWidget] = {
            "code": self.code,
            "name": self.name,
            "status": self.status,
            "started_on": self.started_on,
            "description": self.description,
            "legal_basis": self.legal_basis,
        }
        form = QFormLayout()
        form.addRow(_("Code") + ":", self.code)
        form.addRow(_("Name") + ":", self.name)
        form.addRow(_("Status") + ":", self.status)
        form.addRow(_("Start date") + ":", self.started_on)
        form.addRow(_("Description") + ":", self.description)
        form.addRow(_("Legal basis / notes") + ":", self.legal_basis)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        message_row = QHBoxLayout()
        message_row.addWidget(self.banner, 1)
        message_row.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(message_row)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(max(self.sizeHint().width(), 640), self.sizeHint().height())
        self._load(record.data if record else ServiceInput(code="", name=""))
        self._snapshot = self.service_input_or_none()
        self.code.setFocus()

    def _load(self, data: ServiceInput) -> None:
        self.code.setText(data.code)
        self.name.setText(data.name)
        self.status.setCurrentIndex(self.status.findData(data.status))
        self.started_on.set_date(data.started_on)
        self.description.setPlainText(data.description)
        self.legal_basis.setPlainText(data.legal_basis)

    def service_input(self) -> ServiceInput:
        """The form as input for the use case (ValidationError for an unreadable date)."""
        try:
            started_on = self.started_on.date()
        except ValueError as exc:
            raise ValidationError(date_input_error(_("Start date")), "started_on") from exc
        return ServiceInput(
            code=self.code.text(),
            name=self.name.text(),
            status=ServiceStatus(self.status.currentData()),
            started_on=started_on,
            description=self.description.toPlainText(),
            legal_basis=self.legal_basis.toPlainText(),
        )

    def service_input_or_none(self) -> ServiceInput | None:
        """The form's input, or None while a date is unreadable (for the unsaved-changes guard)."""
        try:
            return self.service_input()
        except ValidationError:
            return None

    def is_dirty(self) -> bool:
        """Whether the form differs from what was loaded."""
        return self.service_input_or_none() != self._snapshot

    def save(self) -> None:
        """Save through the use case; on a refusal show why and keep the dialog open."""
        self.banner.clear_message()
        self.reload_button.hide()
        try:
            data = self.service_input()
            call(self, lambda: self._store(data), where=self.ctx.database_location())
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
        self._snapshot = self.service_input_or_none()
        self.accept()

    def _store(self, data: ServiceInput) -> None:
        if self.record is None:
            self.saved_id = create_service(self.ctx.db, data, self.ctx.today())
        else:
            update_service(self.ctx.db, self.record, data, self.ctx.today())
            self.saved_id = self.record.service_id

    def reload(self) -> None:
        """Load the service as saved now (after someone else changed it)."""
        assert self.record is not None
        try:
            self.record = get_service(self.ctx.db, self.record.service_id)
        except DomainError as exc:
            self.show_error(str(exc), None)
            return
        self.reload_button.hide()
        self._load(self.record.data)
        self._snapshot = self.service_input_or_none()
        self.banner.show_message(
            _("The service was reloaded as saved now; please enter your change again."), "info"
        )
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def show_error(self, message: str, field: str | None) -> None:
        """Show a message above the form and put the cursor into the field it names."""
        widget = self.fields.get(field or "")
        self.banner.show_field_error(message, widget)
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        if widget is not None:
            widget.setFocus()

    def reject(self) -> None:
        """Cancel; with unsaved changes only after the clerk confirms."""
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                _("Discard changes?"),
                _("The changes to this service have not been saved. Discard them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
