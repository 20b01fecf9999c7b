"""Dialog "Rules…": the title and the settings of a statute version (editable while a draft)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.statute import (
    OrdinaryMajority,
    QualifiedMajority,
    QuorumRule,
    StatuteSettings,
    UnanimityRule,
)
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.statute import VersionRow, version_settings
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.money_edit import MoneyEdit, parse_money_text
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.usecases.statute import save_settings

_CHOICES: dict[str, type[StrEnum]] = {
    "quorum_rule": QuorumRule,
    "ordinary_majority": OrdinaryMajority,
    "amendment_majority": QualifiedMajority,
    "accession_majority": QualifiedMajority,
    "task_change_majority": QualifiedMajority,
    "unanimity_rule": UnanimityRule,
}


class StatuteSettingsDialog(QDialog):
    """Title, capital per vote, quorum, majorities and invitation period of one version."""

    def __init__(self, ctx: AppContext, row: VersionRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.saved_id: int | None = None
        editable = row.status.value == "draft"
        settings = version_settings(ctx.db, row.version_no)
        self.setWindowTitle(_("Rules of version {number}").format(number=row.version_no))
        self.banner = MessageBanner(self)
        self.title_edit = QLineEdit(row.title, self)
        self.title_edit.setMaxLength(200)
        refuse_control_characters(self.title_edit)
        self.capital = MoneyEdit(self)
        self.capital.set_value(settings.capital_per_vote)
        self.choices: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow(_("Title") + ":", self.title_edit)
        form.addRow(_("Capital per vote") + ":", self.capital)
        labels = {
            "quorum_rule": _("Quorum"),
            "ordinary_majority": _("Ordinary resolutions"),
            "amendment_majority": _("Amending the statute"),
            "accession_majority": _("Accession of a member"),
            "task_change_majority": _("Changing the tasks"),
            "unanimity_rule": _("Unanimity"),
        }
        for key, kind in _CHOICES.items():
            combo = QComboBox(self)
            for choice in kind:
                combo.addItem(choice.label, choice.value)  # type: ignore[attr-defined]
            combo.setCurrentIndex(combo.findData(getattr(settings, key).value))
            self.choices[key] = combo
            form.addRow(labels[key] + ":", combo)
        self.second = QCheckBox(
            _("A second invitation on the same matter is quorate regardless of attendance"), self
        )
        self.second.setChecked(settings.second_invitation_reduced)
        self.excluded = QCheckBox(
            _("Members excluded for a conflict of interest leave the quorum base of that item"),
            self,
        )
        self.excluded.setChecked(settings.excluded_reduce_base)
        self.days = QSpinBox(self)
        self.days.setRange(1, 60)
        self.days.setValue(settings.invitation_days)
        self.days.setSuffix(" " + _("full days"))
        form.addRow(_("Invitation period") + ":", self.days)
        form.addRow("", self.second)
        form.addRow("", self.excluded)
        for widget in (self.title_edit, self.capital, self.days, self.second, self.excluded,
                       *self.choices.values()):  # fmt: skip
            widget.setEnabled(editable)
        buttons = (
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            if editable
            else QDialogButtonBox.StandardButton.Close
        )
        self.buttons = QDialogButtonBox(buttons, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def settings(self) -> StatuteSettings:
        """The settings as entered; ValueError for a capital that is no amount."""
        values = {key: _CHOICES[key](combo.currentData()) for key, combo in self.choices.items()}
        return StatuteSettings(
            capital_per_vote=parse_money_text(self.capital.text()),
            second_invitation_reduced=self.second.isChecked(),
            excluded_reduce_base=self.excluded.isChecked(),
            invitation_days=self.days.value(),
            **values,  # type: ignore[arg-type]
        )

    def save(self) -> bool:
        """Save title and settings in one transaction; a refusal stays open at its field."""
        self.banner.clear_message()
        try:
            settings = self.settings()
        except ValueError:
            self.banner.show_field_error(
                _("Capital per vote: please enter an amount such as 2.000,00."), self.capital
            )
            return False
        try:
            call(
                self,
                lambda: save_settings(
                    self.ctx.db,
                    self.row.version_no,
                    self.title_edit.text(),
                    settings,
                    self.row.version,
                ),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            field = getattr(exc, "field", None)
            widget = {"title": self.title_edit, "capital_per_vote": self.capital}.get(field or "")
            self.banner.show_field_error(str(exc), widget or self.days)
            return False
        self.saved_id = self.row.version_no
        self.accept()
        return True
