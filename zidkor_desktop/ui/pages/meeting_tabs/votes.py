"""Votes on an item: its quorum, exclusions for a conflict of interest, block votes, the result."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
from zidkor_desktop.domain.resolutions import CHOICES, Decision
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
        if item.outcome is Outcome.NOT_QUORATE:
            lines.append(_("Needed: {needed}").format(needed=item.decision.needed))
        lines.append(item.decision.reason)
    if item.effect is not None and item.outcome is not Outcome.ADOPTED:
        lines.append(
            _("Effect: none — {kind}: {target} stays as it is").format(
                kind=item.effect.kind.label, target=item.effect.target
            )
        )
    elif item.effect is not None:
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
        self.item_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.item_combo.setMinimumContentsLength(20)
        self.item_combo.setObjectName("voteItem")
        self.item_combo.currentIndexChanged.connect(lambda _i: self._show_item())
        self.resolution_label = QLabel(self)
        self.resolution_label.setWordWrap(True)
        self.quorum_label = QLabel(self)
        self.quorum_label.setObjectName("itemQuorum")
        self.quorum_label.setWordWrap(True)
        self.votes_box = QGroupBox(
            _("Block votes; exclusions for a conflict of interest (§ 22 GemO)"), self
        )
        self.votes_grid = QGridLayout(self.votes_box)
        self.exclusion_rows: dict[int, tuple[QCheckBox, QLineEdit]] = {}
        self.vote_groups: dict[int, QButtonGroup] = {}
        self.exclusions_button = QPushButton(_("Save exclusions"), self)
        self.exclusions_button.clicked.connect(lambda _c=False: self.save_exclusions())
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
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result_box = QGroupBox(_("Result"), self)
        result_layout = QVBoxLayout(result_box)
        result_layout.addWidget(self.result_label, 1)
        top = QFormLayout()
        top.addRow(_("Agenda item") + ":", self.item_combo)
        buttons = QHBoxLayout()
        for button in (self.all_yes_button, self.record_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        exclusions_row = QHBoxLayout()
        exclusions_row.addWidget(self.exclusions_button)
        exclusions_row.addStretch(1)
        host = QWidget(self)
        inner = QVBoxLayout(host)
        inner.addWidget(self.resolution_label)
        inner.addWidget(self.quorum_label)
        inner.addWidget(self.votes_box)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        left = QVBoxLayout()
        left.addWidget(scroll, 1)
        left.addLayout(exclusions_row)
        left.addLayout(buttons)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(result_box, 1)
        clear_row = QHBoxLayout()
        clear_row.addStretch(1)
        clear_row.addWidget(self.clear_button)
        right.addLayout(clear_row)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)

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
        moves = []
        if item.arrivals:
            moves.append(_("Arrived at this item: {names}").format(names=", ".join(item.arrivals)))
        if item.departures:
            moves.append(
                _("Left after the item before: {names}").format(names=", ".join(item.departures))
            )
        if moves:
            self.quorum_label.setText(self.quorum_label.text() + "\n" + "\n".join(moves))
        open_vote = self.editable and item.outcome is None
        self._fill_rows(item, open_vote)
        self.exclusions_button.setEnabled(open_vote)
        self.all_yes_button.setEnabled(open_vote and bool(item.voters))
        self.record_button.setEnabled(open_vote)
        self.clear_button.setEnabled(self.editable and item.outcome is not None)
        self.votes_box.setEnabled(True)
        self.result_label.setText(result_text(item))
        adopted = item.outcome is Outcome.ADOPTED
        self.result_label.setStyleSheet(
            "" if item.outcome is None else (QUORATE_STYLE if adopted else NOT_QUORATE_STYLE)
        )

    def _fill_rows(self, item: ItemRecord, editable: bool) -> None:
        """One row per member present at the item: block vote, or excluded with the reason."""
        assert self.record is not None
        reasons = {m.organisation_id: r for m, r in item.excluded}
        recorded = {b.member.organisation_id: b.choice for b in item.ballots}
        present = [a.member for a in self.record.attendance if a.presence.at(item.position)]
        box = self.votes_box
        if not present:
            self.votes_grid.addWidget(QLabel(_("Nobody is present at this item."), box), 0, 0)
            return
        for row, member in enumerate(present):
            org = member.organisation_id
            self.votes_grid.addWidget(QLabel(member.name, box), row, 0)
            weight = ngettext("{count} vote", "{count} votes", member.votes)
            self.votes_grid.addWidget(QLabel(weight.format(count=member.votes), box), row, 1)
            group = QButtonGroup(box)
            for column, choice in enumerate(CHOICES):
                button = QRadioButton(choice.label, box)
                button.setChecked(recorded.get(org) is choice)
                group.addButton(button, column)
                self.votes_grid.addWidget(button, row, column + 2)
            check = QCheckBox(_("excluded"), box)
            check.setChecked(org in reasons)
            reason = QLineEdit(reasons.get(org, ""), box)
            reason.setPlaceholderText(_("Reason"))
            reason.setMaxLength(400)
            refuse_control_characters(reason)
            self.votes_grid.addWidget(check, row, 5)
            self.votes_grid.addWidget(reason, row, 6)
            self.exclusion_rows[org] = (check, reason)
            self.vote_groups[org] = group
            check.toggled.connect(lambda _on, o=org: self._enable_row(o, editable))
            self._enable_row(org, editable)
        self.votes_grid.setColumnStretch(6, 1)

    def _enable_row(self, org: int, editable: bool) -> None:
        check, reason = self.exclusion_rows[org]
        excluded = check.isChecked()
        check.setEnabled(editable)
        reason.setEnabled(editable and excluded)
        for button in self.vote_groups[org].buttons():
            button.setEnabled(editable and not excluded)
            if excluded and button.isChecked():
                group = self.vote_groups[org]
                group.setExclusive(False)
                button.setChecked(False)
                group.setExclusive(True)

    def set_choice(self, name: str, choice: VoteChoice) -> None:
        """Tick a member's choice (by name)."""
        item = self.current_item()
        assert item is not None
        member = next(m for m in item.voters if m.name == name)  # excluded members do not vote
        self.vote_groups[member.organisation_id].button(CHOICES.index(choice)).setChecked(True)

    def all_yes(self) -> None:
        """Tick „Ja“ for every voter (the usual case, corrected where someone differs)."""
        for org, group in self.vote_groups.items():
            if not self.exclusion_rows[org][0].isChecked():
                group.button(0).setChecked(True)

    def choices(self) -> dict[int, VoteChoice]:
        """The choices ticked (members without a tick are left out: the use case names them)."""
        return {
            org: CHOICES[group.checkedId()]
            for org, group in self.vote_groups.items()
            if group.checkedId() >= 0 and not self.exclusion_rows[org][0].isChecked()
        }

    def _exclusions(self) -> dict[int, str]:
        return {
            org: reason.text()
            for org, (check, reason) in self.exclusion_rows.items()
            if check.isChecked()
        }

    def save_exclusions(self) -> bool:
        """Store the members excluded at the item with their reasons."""
        item = self.current_item()
        if item is None:
            return False
        excluded = self._exclusions()
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
        choices, excluded = self.choices(), self._exclusions()
        stored = {m.organisation_id: r for m, r in item.excluded}

        def determine() -> Decision:
            if excluded != stored:  # exclusions ticked but not saved yet: they count first
                set_exclusions(self.ctx.db, item.id, excluded)
            return record_votes(self.ctx.db, item.id, choices, self.ctx.today())

        decision = run(self, self.ctx, _("Determine the result"), determine)
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
