"""Settings: the association's master data, the program language, data folder and backups."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import LANGUAGES, _, current_language
from zidkor_desktop.queries.members import statute_capital_on
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.save_backup import save_backup
from zidkor_desktop.ui.open_path import open_path
from zidkor_desktop.ui.pages.base import Page
from zidkor_desktop.ui.pages.overview import last_backup_text
from zidkor_desktop.ui.widgets.association_form import (
    ALL_GROUPS,
    AssociationForm,
    save_association_form,
)
from zidkor_desktop.ui.widgets.logo_picker import LogoPicker
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.money_edit import MoneyEdit
from zidkor_desktop.usecases import backup as backups
from zidkor_desktop.usecases.settings import get_settings


def restart_note(ctx: AppContext) -> str:
    """Hint shown while the chosen language differs from the running one."""
    if ctx.saved_language() == current_language():
        return ""
    return _("The language changes when ZIDKOR Desktop is started the next time.")


class SettingsPage(Page):
    """Association settings (database) and program preferences (QSettings)."""

    settings_saved = Signal()
    language_chosen = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Settings"), parent)
        self.banner = MessageBanner(self)
        self.form = AssociationForm(ALL_GROUPS, self)
        self.save_button = QPushButton(_("Save settings"), self)
        self.revert_button = QPushButton(_("Discard changes"), self)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.form.changed.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        lower = QHBoxLayout()
        lower.addWidget(self._logo_group(), 1)
        lower.addWidget(self._program_group(), 1)
        lower.addWidget(self._data_group(), 2)

        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self.form)
        column.addLayout(buttons)
        column.addLayout(lower)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = self.body_layout()
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        self._loaded = False
        self._update_buttons()

    def _logo_group(self) -> QGroupBox:
        box = QGroupBox(_("Logo"), self)
        self.logo = LogoPicker(self.ctx, box)
        self.logo.saved.connect(self._logo_saved)
        self.logo.failed.connect(self.banner.show_error)
        QVBoxLayout(box).addWidget(self.logo)
        return box

    def _program_group(self) -> QGroupBox:
        box = QGroupBox(_("Program"), self)
        form = QFormLayout(box)
        self.language = QComboBox(box)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.ctx.saved_language())))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.language_note = QLabel(restart_note(self.ctx), box)
        self.language_note.setWordWrap(True)
        form.addRow(_("Language"), self.language)
        form.addRow("", self.language_note)
        return box

    def _data_group(self) -> QGroupBox:
        box = QGroupBox(_("Data and backup"), self)
        form = QFormLayout(box)
        self.location = self._value_label(box)
        self.open_folder_button = QPushButton(_("Open data folder"), box)
        self.open_folder_button.clicked.connect(self.open_data_folder)
        self.last_backup = self._value_label(box)
        self.backup_folder = self._value_label(box)
        self.backup_button = QPushButton(_("Save backup now…"), box)
        self.backup_button.clicked.connect(self.save_backup)
        form.addRow(_("Database"), self.location)
        form.addRow("", self.open_folder_button)
        form.addRow(_("Last backup"), self.last_backup)
        form.addRow(_("Backup folder"), self.backup_folder)
        form.addRow("", self.backup_button)
        if getattr(self.ctx.db, "path", None) is None:
            self.open_folder_button.setEnabled(False)
            self.open_folder_button.setToolTip(_("The database is on a server."))
        for button in (self.open_folder_button, self.backup_button):
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        return box

    def _value_label(self, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- loading and saving -------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the settings unless the clerk has unsaved edits; update data and backup info."""
        if not self._loaded or not self.form.is_dirty():
            self.revert()
        self.logo.reload()
        self.location.setText(self.ctx.database_location())
        self.last_backup.setText(last_backup_text(self.ctx))
        folder = backups.backup_folder(self.ctx.db)
        self.backup_folder.setText(str(folder) if folder else "–")

    def _show_statute_capital(self) -> None:
        """While a statute version is in force, its capital per vote applies: shown, not edited."""
        widget = self.form.widget_for("capital_per_vote")
        if not isinstance(widget, MoneyEdit):
            return
        found = statute_capital_on(self.ctx.db, self.ctx.today())
        widget.setEnabled(found is None)
        if found is None:
            widget.setToolTip(_("Applies while no version of the statute is in force."))
            return
        number, rate = found
        widget.set_value(rate)
        widget.setToolTip(
            _(
                "Set by the statute in force (version {number}); change it there with a new "
                "amendment (Verbandsordnung → Rules…)."
            ).format(number=number)
        )
        self.form.mark_clean()

    def revert(self) -> None:
        """Reload the stored settings into the form."""
        self.banner.clear_message()
        try:
            self.form.set_data(get_settings(self.ctx.db))
            self._show_statute_capital()
        except DomainError as exc:
            self.banner.show_error(str(exc))
        self._loaded = True
        self._update_buttons()

    def save(self) -> bool:
        """Validate and store the settings; name the faulty field on a mistake."""
        self.banner.clear_message()
        if not save_association_form(self.ctx.db, self.form, self.banner):
            return False
        self.form.set_data(get_settings(self.ctx.db))
        self.banner.show_message(_("The settings have been saved."), "success")
        self._update_buttons()
        self.settings_saved.emit()
        return True

    def _logo_saved(self, message: str) -> None:
        self.banner.show_message(message, "success")

    def _update_buttons(self) -> None:
        dirty = self.form.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def can_leave(self) -> bool:
        """Ask before unsaved settings are discarded by closing the program."""
        if not self.form.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved settings"),
            _("The settings have been changed but not saved. Save them now?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --- program preferences ------------------------------------------------------------------

    def _language_changed(self, _index: int) -> None:
        code = str(self.language.currentData())
        if code != self.ctx.saved_language():
            self.ctx.save_language(code)
            self.language_chosen.emit(code)
        self.language_note.setText(restart_note(self.ctx))

    def sync_language(self) -> None:
        """Show the saved language (after a change from the menu)."""
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(self.ctx.saved_language())))
        self.language.blockSignals(False)
        self.language_note.setText(restart_note(self.ctx))

    def save_backup(self) -> None:
        """Ask for a file and save a backup copy there."""
        if save_backup(self, self.ctx) is not None:
            self.refresh()

    def open_data_folder(self) -> None:
        """Show the folder holding the database in the file manager."""
        path = getattr(self.ctx.db, "path", None)
        if path is not None:
            open_path(self, path.parent)
