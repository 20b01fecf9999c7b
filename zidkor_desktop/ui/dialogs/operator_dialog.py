"""Dialog "Change operator…": another member city operates a service from a date."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.services import ServiceRow, eligible_cities
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.date_edit import DateEdit
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.usecases.services import assign_operator, preview_operator_change


def first_of_next_month(day: date) -> date:
    """The usual date of a change: the first day of the month after `day`."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


class OperatorDialog(QDialog):
    """City choice (eligible cities only), from-date and resolution, with a preview."""

    def __init__(self, ctx: AppContext, service: ServiceRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = service
        self.saved_id: int | None = None
        self.setWindowTitle(_("Change operator: {code}").format(code=service.code))
        self.banner = MessageBanner(self)
        current = QLabel(service.operator or _("none"), self)
        self.city = QComboBox(self)
        self.city.setPlaceholderText(_("Please choose…"))
        self.valid_from = DateEdit(self)
        self.valid_from.set_date(first_of_next_month(ctx.today()))
        self.resolution = QLineEdit(self)
        self.resolution.setMaxLength(120)
        refuse_control_characters(self.resolution)
        self.preview = QLabel(self)
        self.preview.setObjectName("operatorPreview")
        self.preview.setWordWrap(True)
        form = QFormLayout()
        service_label = QLabel(f"{service.code} – {service.name}", self)
        service_label.setWordWrap(True)  # long names wrap instead of running off the dialog
        form.addRow(_("Service") + ":", service_label)
        form.addRow(_("Operated by today") + ":", current)
        form.addRow(_("New operating city") + ":", self.city)
        form.addRow(_("From") + ":", self.valid_from)
        form.addRow(_("Resolution") + ":", self.resolution)
        form.addRow(_("What will happen") + ":", self.preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Change operator"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(max(self.sizeHint().width(), 620), self.sizeHint().height())
        self._fill_cities()
        self.city.currentIndexChanged.connect(self._update_preview)
        self.valid_from.changed.connect(self._date_changed)
        self._update_preview()
        self.city.setFocus()

    def _day(self) -> date | None:
        try:
            return self.valid_from.date()
        except ValueError:
            return None

    def _fill_cities(self) -> None:
        """Only the cities that may operate the service from the chosen date."""
        chosen = self.city.currentData()
        day = self._day() or self.ctx.today()
        self.city.blockSignals(True)
        self.city.clear()
        for organisation_id, name in eligible_cities(self.ctx.db, day):
            if organisation_id != self.service.operator_id:
                self.city.addItem(name, organisation_id)
        self.city.setCurrentIndex(self.city.findData(chosen) if chosen is not None else -1)
        self.city.blockSignals(False)

    def _date_changed(self) -> None:
        self._fill_cities()
        self._update_preview()

    def _update_preview(self, *_args: object) -> None:
        """Show what the change would do, or why it is refused; OK only when it can be done."""
        day = self._day()
        organisation_id = self.city.currentData()
        if day is None or organisation_id is None:
            if day is None:
                text = _("Please enter the first day as DD.MM.YYYY.")
            elif self.city.count():
                text = _("Please choose the new operating city.")
            else:
                text = _("No member city can operate the service from this date.")
            self._show_preview(text, ok=False, refused=False)
            return
        try:
            change = preview_operator_change(
                self.ctx.db, self.service.service_id, organisation_id, day
            )
        except DomainError as exc:
            self._show_preview(str(exc), ok=False)
            return
        self._show_preview(change.summary, ok=True)

    def _show_preview(self, text: str, *, ok: bool, refused: bool = True) -> None:
        self.preview.setText(text)
        self.preview.setStyleSheet("color: #b00020;" if refused and not ok else "")
        self.ok_button.setEnabled(ok)

    def save(self) -> None:
        """Assign the city; a refusal (also one that arose meanwhile) keeps the dialog open."""
        self.banner.clear_message()
        day = self._day()
        organisation_id = self.city.currentData()
        if day is None or organisation_id is None:
            self._update_preview()
            return
        try:
            call(
                self,
                lambda: assign_operator(
                    self.ctx.db,
                    self.service.service_id,
                    organisation_id,
                    day,
                    self.resolution.text(),
                ),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            self.banner.show_error(str(exc))
            return
        self.saved_id = self.service.service_id
        self.accept()
