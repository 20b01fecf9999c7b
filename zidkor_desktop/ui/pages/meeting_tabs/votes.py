"""Votes on an item: its quorum, exclusions for a conflict of interest, block votes, the result."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.kinds import Outcome, VoteChoice
from zidkor_desktop.domain.meeting_record import ItemRecord, MeetingRecord
from zidkor_desktop.domain.resolutions import CHOICES
from zidkor_desktop.l10n import _, ngettext
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.pages.meeting_tabs.attendance import show_quorum
from zidkor_desktop.ui.pages.meeting_tabs.common import (
    NOT_QUORATE_STYLE,
    QUORATE_STYLE,
    MeetingTab,
    confirm,
    run,
)
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.usecases.meeting_votes import clear_votes, record_votes, set_exclusions


def votes_text(count: int, names: tuple[str, ...]) -> str:
    """„12 Stimmen (KommWis GmbH, Stadt Koblenz, …)“."""
    text = ngettext("{count} vote", "{count} votes", count).format(count=count)
    return f"{text} ({', '.join(names)})" if names else text


def result_text(item: ItemRecord) -> str:
    """The decision with its totals, the members behind them, the rule and the effect."""
    if item.outcome is None:
        return _("No result recorded yet.")
    lines = [_("Outcome: {outcome}").format(outcome=item.outcome.label)]
    if item.tally is not None:
        t = item.tally
        lines += [
            _("Yes: {votes}").format(votes=votes_text(t.yes, t.yes_members)),
            _("No: {votes}").format(votes=votes_text(t.no, t.no_members)),
            _("Abstain: {votes}").format(votes=votes_text(t.abstain, t.abstain_members)),
        ]
    if item.decision is not None:
        lines.append(_("Rule: {rule}").format(rule=item.decision.rule))
        lines.append(_("Needed: {needed}").format(needed=item.decision.needed))
        lines.append(item.decision.reason)
    if item.effect is not None:
        lines.append(
            _("Effect: {kind}: {target} — {state}").format(
                kind=item.effect.kind.label, target=item.effect.target, state=item.effect.state
            )
        )
    return "\n".join(lines)


class VotesTab(MeetingTab):
    """Choose an item; exclude members for a conflict of interest; enter each block vote."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.item_combo = QComboBox(self)
        self.item_combo.setObjectName("voteItem")
        self.item_combo.currentIndexChanged.connect(lambda _i: self._show_item())
        self.resolution_label = QLabel(self)
        self.resolution_label.setWordWrap(True)
        self.quorum_label = QLabel(self)
        self.quorum_label.setObjectName("itemQuorum")
        self.quorum_label.setWordWrap(True)
        self.exclusions_box = QGroupBox(_("Excluded for a conflict of interest (§ 22 GemO)"), self)
        self.exclusions_grid = QGridLayout(self.exclusions_box)
        self.exclusion_rows: dict[int, tuple[QCheckBox, QLineEdit]] = {}
        self.exclusions_button = QPushButton(_("Save exclusions"), self)
        self.exclusions_button.clicked.connect(lambda _c=False: self.save_exclusions())
        self.votes_box = QGroupBox(_("Block votes"), self)
        self.votes_grid = QGridLayout(self.votes_box)
        self.vote_groups: dict[int, QButtonGroup] = {}
        self.all_yes_button = QPushButton(_("All yes"), self)
        self.all_yes_button.clicked.connect(lambda _c=False: self.all_yes())
        self.record_button = QPushButton(_("Determine the result"), self)
        self.record_button.setDefault(True)
        self.record_button.clicked.connect(lambda _c=False: self.determine_result())
        self.clear_button = QPushButton(_("Reset votes…"), self)
        self.clear_button.clicked.connect(lambda _c=False: self.clear())
        self.result_label = QLabel(self)
        self.result_label.setObjectName("voteResult")
        self.result_label.setWordWrap(True)
        top = QFormLayout()
        top.addRow(_("Item") + ":", self.item_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.exclusions_button)
        buttons.addStretch(1)
        for button in (self.all_yes_button, self.record_button, self.clear_button):
            buttons.addWidget(button)
        host = QWidget(self)
        inner = QVBoxLayout(host)
        inner.addWidget(self.resolution_label)
        inner.addWidget(self.quorum_label)
        inner.addWidget(self.exclusions_box)
        inner.addWidget(self.votes_box)
        inner.addLayout(buttons)
        inner.addWidget(self.result_label)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    def show_record(self, record: MeetingRecord | None) -> None:
        """Offer the items put to the vote, keeping the chosen one."""
        chosen = self.item_combo.currentData()
        super().show_record(record)
        self.item_combo.blockSignals(True)
        self.item_combo.clear()
        for item in record.items if record else ():
            if item.has_resolution:
                self.item_combo.addItem(item.label, item.id)
        index = self.item_combo.findData(chosen)
        self.item_combo.setCurrentIndex(
            index if index >= 0 else (0 if self.item_combo.count() else -1)
        )
        self.item_combo.blockSignals(False)
        self._show_item()

    def current_item(self) -> ItemRecord | None:
        """The item chosen."""
        item_id = self.item_combo.currentData()
        if self.record is None or item_id is None:
            return None
        return next((i for i in self.record.items if i.id == item_id), None)

    def choose(self, position: int) -> None:
        """Choose an item by its number."""
        assert self.record is not None
        self.item_combo.setCurrentIndex(self.item_combo.findData(self.record.item(position).id))

    @staticmethod
    def _clear(grid: QGridLayout) -> None:
        while grid.count():
            widget = grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()

    def _show_item(self) -> None:
        item = self.current_item()
        self._clear(self.exclusions_grid)
        self._clear(self.votes_grid)
        self.exclusion_rows, self.vote_groups = {}, {}
        if item is None or self.record is None:
            self.resolution_label.setText(
                _("This meeting has no item put to the vote.") if self.record else ""
            )
            self.quorum_label.setText("")
            self.result_label.setText("")
            for w in (
                self.exclusions_button,
                self.all_yes_button,
                self.record_button,
                self.clear_button,
                self.exclusions_box,
                self.votes_box,
            ):
                w.setEnabled(False)
            return
        self.resolution_label.setText(
            _("Majority: {majority}").format(majority=item.majority.label)
            + "\n"
            + _("Proposed resolution: {text}").format(text=item.resolution_text)
        )
        show_quorum(
            self.quorum_label, item.quorum, _("Item {position}: ").format(position=item.position)
        )
        open_vote = self.editable and item.outcome is None
        self._fill_exclusions(item, open_vote)
        self._fill_votes(item, open_vote)
        self.exclusions_button.setEnabled(open_vote)
        self.all_yes_button.setEnabled(open_vote and bool(item.voters))
        self.record_button.setEnabled(open_vote)
        self.clear_button.setEnabled(self.editable and item.outcome is not None)
        self.exclusions_box.setEnabled(True)
        self.votes_box.setEnabled(True)
        self.result_label.setText(result_text(item))
        adopted = item.outcome is Outcome.ADOPTED
        self.result_label.setStyleSheet(
            "" if item.outcome is None else (QUORATE_STYLE if adopted else NOT_QUORATE_STYLE)
        )

    def _fill_exclusions(self, item: ItemRecord, editable: bool) -> None:
        assert self.record is not None
        reasons = {m.organisation_id: r for m, r in item.excluded}
        present = [a.member for a in self.record.attendance if a.presence.at(item.position)]
        if not present:
            self.exclusions_grid.addWidget(
                QLabel(_("Nobody is present at this item."), self.exclusions_box), 0, 0
            )
        for row, member in enumerate(present):
            check = QCheckBox(member.name, self.exclusions_box)
            check.setChecked(member.organisation_id in reasons)
            reason = QLineEdit(reasons.get(member.organisation_id, ""), self.exclusions_box)
            reason.setPlaceholderText(_("Reason"))
            reason.setMaxLength(400)
            refuse_control_characters(reason)
            check.setEnabled(editable)
            reason.setEnabled(editable)
            self.exclusions_grid.addWidget(check, row, 0)
            self.exclusions_grid.addWidget(reason, row, 1)
            self.exclusion_rows[member.organisation_id] = (check, reason)
        self.exclusions_grid.setColumnStretch(1, 1)

    def _fill_votes(self, item: ItemRecord, editable: bool) -> None:
        recorded = {b.member.organisation_id: b.choice for b in item.ballots}
        if not item.voters:
            self.votes_grid.addWidget(
                QLabel(_("Nobody can vote at this item."), self.votes_box), 0, 0
            )
        for row, member in enumerate(item.voters):
            self.votes_grid.addWidget(QLabel(member.name, self.votes_box), row, 0)
            weight = ngettext("{count} vote", "{count} votes", member.votes)
            self.votes_grid.addWidget(
                QLabel(weight.format(count=member.votes), self.votes_box), row, 1
            )
            group = QButtonGroup(self.votes_box)
            for column, choice in enumerate(CHOICES, start=2):
                button = QRadioButton(choice.label, self.votes_box)
                button.setChecked(recorded.get(member.organisation_id) is choice)
                button.setEnabled(editable)
                group.addButton(button, column - 2)
                self.votes_grid.addWidget(button, row, column)
            self.vote_groups[member.organisation_id] = group
        self.votes_grid.setColumnStretch(5, 1)

    def set_choice(self, name: str, choice: VoteChoice) -> None:
        """Tick a member's choice (by name)."""
        item = self.current_item()
        assert item is not None
        member = next(m for m in item.voters if m.name == name)
        self.vote_groups[member.organisation_id].button(CHOICES.index(choice)).setChecked(True)

    def all_yes(self) -> None:
        """Tick „Ja“ for every voter (the usual case, corrected where someone differs)."""
        for group in self.vote_groups.values():
            group.button(0).setChecked(True)

    def choices(self) -> dict[int, VoteChoice]:
        """The choices ticked (members without a tick are left out: the use case names them)."""
        return {
            org: CHOICES[group.checkedId()]
            for org, group in self.vote_groups.items()
            if group.checkedId() >= 0
        }

    def save_exclusions(self) -> bool:
        """Store the members excluded at the item with their reasons."""
        item = self.current_item()
        if item is None:
            return False
        excluded = {
            org: reason.text()
            for org, (check, reason) in self.exclusion_rows.items()
            if check.isChecked()
        }
        done = run(
            self,
            self.ctx,
            _("Exclusions"),
            lambda: set_exclusions(self.ctx.db, item.id, excluded) or True,
        )
        if done:
            self.changed.emit()
        return bool(done)

    def determine_result(self) -> bool:
        """Compute and store the result from the block votes (the outcome is never typed)."""
        item = self.current_item()
        if item is None:
            return False
        choices = self.choices()
        decision = run(
            self,
            self.ctx,
            _("Determine the result"),
            lambda: record_votes(self.ctx.db, item.id, choices, self.ctx.today()),
        )
        if decision is not None:
            self.changed.emit()
        return decision is not None

    def clear(self) -> bool:
        """Remove the votes and the outcome of the item after confirmation."""
        item = self.current_item()
        if item is None or not confirm(
            self,
            _("Reset votes"),
            _("Delete the votes and the result of {item}?").format(item=item.label),
        ):
            return False
        done = run(
            self, self.ctx, _("Reset votes"), lambda: clear_votes(self.ctx.db, item.id) or True
        )
        if done:
            self.changed.emit()
        return bool(done)
