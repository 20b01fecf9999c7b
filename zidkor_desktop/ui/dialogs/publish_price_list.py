"""Dialog "Publish…": a draft of the price list becomes valid from a date and read-only."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.usecases.pricelist import publish


def next_new_year(day: date) -> date:
    """The usual start of a new price list: 1 January after `day`."""
    return date(day.year + 1, 1, 1)


class PublishPriceListDialog(QDialog):
    """Valid-from date and the assembly's resolution; asks once more before publishing."""

    def __init__(
        self, ctx: AppContext, version_no: int, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.version_no = version_no
        self.saved_id: int | None = None
        self.setWindowTitle(_("Publish version {number}").format(number=version_no))
        self.banner = MessageBanner(self)
        self.valid_from = DateEdit(self)
        self.valid_from.set_date(next_new_year(ctx.today()))
        self.title_edit = QLineEdit(title, self)
        self.title_edit.setMaxLength(200)
        refuse_control_characters(self.title_edit)
        self.resolution = QLineEdit(self)
        self.resolution.setMaxLength(200)
        self.resolution.setPlaceholderText(
            _("e.g. resolution of the assembly of 12.11.2026, TOP 3")
        )
        refuse_control_characters(self.resolution)
        note = QLabel(
            _(
                "From this date the version is the price list in force; the version before it "
                "stays valid until the day before. A published version can no longer be changed."
            ),
            self,
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Title") + ":", self.title_edit)
        form.addRow(_("Valid from") + ":", self.valid_from)
        form.addRow(_("Resolution") + ":", self.resolution)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Publish"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    def save(self, *, confirmed: bool = False) -> bool:
        """Publish after one more question (skipped when `confirmed`); refusals keep it open."""
        self.banner.clear_message()
        try:
            day = self.valid_from.date()
        except ValueError:
            day = None
        if day is None:
            self.banner.show_field_error(date_input_error(_("Valid from")), self.valid_from)
            return False
        if not confirmed:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                _(
                    "Publish version {number} valid from {day}? It can no longer be changed "
                    "afterwards."
                ).format(number=self.version_no, day=format_date(day)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            call(
                self,
                lambda: publish(
                    self.ctx.db,
                    self.version_no,
                    day,
                    self.resolution.text(),
                    self.title_edit.text(),
                ),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            field = getattr(exc, "field", None)
            self.banner.show_field_error(
                str(exc), self.title_edit if field == "title" else self.valid_from
            )
            return False
        self.saved_id = self.version_no
        self.accept()
        return True
