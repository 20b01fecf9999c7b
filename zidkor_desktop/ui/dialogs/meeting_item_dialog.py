"""The dialog for an agenda item: title, public, texts, majority and what the resolution decides."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError, ValidationError
from zidkor_desktop.domain.kinds import Majority
from zidkor_desktop.domain.meeting_record import ItemRecord
from zidkor_desktop.domain.resolutions import EffectKind
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.meeting_effects import effect_targets
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.usecases.meetings import ItemInput, add_item, update_item

MAJORITIES = [m for m in Majority if m is not Majority.NONE] + [Majority.NONE]


class ItemDialog(QDialog):
    """Add an item to a meeting or change one; OK saves through the use case."""

    def __init__(
        self,
        ctx: AppContext,
        meeting_id: int,
        item: ItemRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.item = item
        self.saved_id: int | None = None
        self.setWindowTitle(_("Change agenda item") if item else _("New agenda item"))
        self.banner = MessageBanner(self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setMaxLength(200)
        refuse_control_characters(self.title_edit)
        self.public_check = QCheckBox(_("public (non-public items form their own minutes)"), self)
        self.public_check.setChecked(True)
        self.explanation_edit = self._text()
        self.resolution_edit = self._text()
        self.majority_combo = QComboBox(self)
        for majority in MAJORITIES:
            self.majority_combo.addItem(majority.label, majority)
        self.effect_combo = QComboBox(self)
        self.effect_combo.addItem(_("nothing beyond its wording"), None)
        for kind in EffectKind:
            self.effect_combo.addItem(kind.label, kind)
        self.target_combo = QComboBox(self)
        self.target_combo.setPlaceholderText(_("Please choose…"))
        self.valid_from_edit = DateEdit(self)
        self.objections_edit = self._text()
        self.decision_edit = self._text()
        self.widgets: dict[str, QWidget] = {
            "title": self.title_edit,
            "explanation": self.explanation_edit,
            "resolution_text": self.resolution_edit,
            "majority": self.majority_combo,
            "effect_kind": self.effect_combo,
            "effect_target_id": self.target_combo,
            "effect_valid_from": self.valid_from_edit,
            "objections": self.objections_edit,
            "objection_decision": self.decision_edit,
        }
        form = QFormLayout()
        form.addRow(_("Title") + ":", self.title_edit)
        form.addRow("", self.public_check)
        form.addRow(_("Explanation") + ":", self.explanation_edit)
        form.addRow(_("Proposed resolution") + ":", self.resolution_edit)
        form.addRow(_("Majority") + ":", self.majority_combo)
        form.addRow(_("Linked to") + ":", self.effect_combo)
        form.addRow(_("Subject") + ":", self.target_combo)
        form.addRow(_("Valid from") + ":", self.valid_from_edit)
        form.addRow(_("Objections") + ":", self.objections_edit)
        form.addRow(_("Decision on the objections") + ":", self.decision_edit)
        self.form = form
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.effect_combo.currentIndexChanged.connect(self._effect_changed)
        self.majority_combo.setCurrentIndex(MAJORITIES.index(Majority.NONE))
        if item is not None:
            self._fill(item)
        self._effect_changed()
        self.resize(max(self.sizeHint().width(), 640), self.sizeHint().height())

    def _text(self) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(self.fontMetrics().height() * 5)
        return edit

    def _fill(self, item: ItemRecord) -> None:
        self.title_edit.setText(item.title)
        self.public_check.setChecked(item.public)
        self.explanation_edit.setPlainText(item.explanation)
        self.resolution_edit.setPlainText(item.resolution_text)
        self.majority_combo.setCurrentIndex(MAJORITIES.index(item.majority))
        self.objections_edit.setPlainText(item.objections)
        self.decision_edit.setPlainText(item.objection_decision)
        if item.effect is not None:
            self.effect_combo.setCurrentIndex(self.effect_combo.findData(item.effect.kind))
            self.valid_from_edit.set_date(item.effect.valid_from)

    def _kind(self) -> EffectKind | None:
        """The kind of effect chosen (Qt hands back the plain string)."""
        value = self.effect_combo.currentData()
        return EffectKind(value) if value else None

    def _majority(self) -> Majority:
        """The majority chosen."""
        return Majority(self.majority_combo.currentData())

    def _effect_changed(self, *_args: object) -> None:
        """Offer the targets of the chosen kind; the date and objections only where they apply."""
        kind = self._kind()
        self.target_combo.clear()
        if kind is not None:
            targets = [(t.id, t.label) for t in effect_targets(self.ctx.db, kind, self.meeting_id)]
            current = self.item.effect if self.item is not None else None
            known = [t for t, _label in targets]
            if current is not None and current.kind is kind and current.target_id not in known:
                targets.insert(0, (current.target_id, current.target))
            for target_id, label in targets:
                self.target_combo.addItem(label, target_id)
            wanted = current.target_id if current is not None and current.kind is kind else None
            self.target_combo.setCurrentIndex(
                self.target_combo.findData(wanted) if wanted is not None else -1
            )
            if self._majority() not in kind.majorities:
                self.majority_combo.setCurrentIndex(MAJORITIES.index(kind.majorities[0]))
        self.target_combo.setEnabled(kind is not None)
        self.form.setRowVisible(self.valid_from_edit, kind is EffectKind.PRICE_LIST)
        minutes = kind is EffectKind.MINUTES
        self.form.setRowVisible(self.objections_edit, minutes)
        self.form.setRowVisible(self.decision_edit, minutes)

    def data(self) -> ItemInput:
        """The item as entered; ValidationError for a date that cannot be read."""
        try:
            valid_from = self.valid_from_edit.date()
        except ValueError:
            raise ValidationError(date_input_error(_("Valid from")), "effect_valid_from") from None
        kind = self._kind()
        return ItemInput(
            title=self.title_edit.text(),
            public=self.public_check.isChecked(),
            explanation=self.explanation_edit.toPlainText(),
            resolution_text=self.resolution_edit.toPlainText(),
            majority=self._majority(),
            effect_kind=kind,
            effect_target_id=self.target_combo.currentData() if kind is not None else None,
            effect_valid_from=valid_from,
            objections=self.objections_edit.toPlainText(),
            objection_decision=self.decision_edit.toPlainText(),
        )

    def save(self) -> None:
        """Save through the use case; a refusal stays in the banner at its field."""
        try:
            data = self.data()
            if self.item is None:
                self.saved_id = call(
                    self,
                    lambda: add_item(self.ctx.db, self.meeting_id, data),
                    where=self.ctx.database_location(),
                )
            else:
                item_id = self.item.id
                call(
                    self,
                    lambda: update_item(self.ctx.db, item_id, data),
                    where=self.ctx.database_location(),
                )
                self.saved_id = item_id
        except DomainError as exc:
            self.banner.show_field_error(
                str(exc), self.widgets.get(getattr(exc, "field", None) or "")
            )
            return
        self.accept()
