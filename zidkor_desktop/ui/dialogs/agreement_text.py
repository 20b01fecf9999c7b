"""Dialog "Vertragstext…": the office edits a section of the agreement text (with placeholders)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.agreement_template import PLACEHOLDERS, TemplateSection
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.agreement_document import template_sections
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.usecases.agreement_template import update_section


class AgreementTextDialog(QDialog):
    """Choose a section, change heading and text, save it; the others stay as they are."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved_id: int | None = None
        self.sections: list[TemplateSection] = template_sections(ctx.db)
        self.setWindowTitle(_("Agreement text"))
        self.banner = MessageBanner(self)
        self.section = QComboBox(self)
        for section in self.sections:
            self.section.addItem(section.heading, section.key)
        self.heading = QLineEdit(self)
        self.heading.setMaxLength(200)
        refuse_control_characters(self.heading)
        self.body = QPlainTextEdit(self)
        self.body.setMinimumHeight(self.fontMetrics().height() * 12)
        names = ", ".join("{{" + name + "}}" for name in PLACEHOLDERS)
        hint = QLabel(_("Placeholders filled from the agreement: {names}").format(names=names))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Section") + ":", self.section)
        form.addRow(_("Heading") + ":", self.heading)
        form.addRow(_("Text") + ":", self.body)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.resize(720, self.sizeHint().height())
        self.section.currentIndexChanged.connect(self._show_section)
        self._show_section(0)

    def _show_section(self, index: int) -> None:
        if not 0 <= index < len(self.sections):
            return
        section = self.sections[index]
        self.heading.setText(section.heading)
        self.body.setPlainText(section.body)
        self.banner.clear_message()

    def save(self) -> bool:
        """Store the shown section; a refusal (e.g. an unknown placeholder) is shown."""
        index = self.section.currentIndex()
        key = self.sections[index].key
        heading, body = self.heading.text(), self.body.toPlainText()
        try:
            call(self, lambda: update_section(self.ctx.db, key, heading, body))
        except DomainError as exc:
            self.banner.show_error(str(exc))
            return False
        self.sections = template_sections(self.ctx.db)
        self.section.setItemText(index, self.sections[index].heading)
        self.banner.show_message(_("Section saved."), "success")
        return True
