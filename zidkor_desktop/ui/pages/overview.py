"""Overview: the association at a glance — members, votes, municipal majority, capital, data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QWidget

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.kinds import MembershipStatus
from zidkor_desktop.l10n import _, format_datetime, format_money, ngettext
from zidkor_desktop.queries.members import list_members, totals
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.pages.base import Page, heading_label
from zidkor_desktop.ui.widgets.damage_banner import DamageBanner
from zidkor_desktop.usecases import backup as backups
from zidkor_desktop.usecases.settings import get_settings

PENDING = {
    MembershipStatus.APPLIED,
    MembershipStatus.COUNCIL_RESOLVED,
    MembershipStatus.ASSEMBLY_APPROVED,
    MembershipStatus.AUTHORITY_APPROVED,
}
_OK_STYLE = "color: #1e6b34; font-weight: bold;"
_BAD_STYLE = "color: #b00020; font-weight: bold;"


def last_backup_text(ctx: AppContext) -> str:
    """When and where the newest backup was written, or why there is none."""
    newest = backups.last_backup(ctx.db)
    if newest is None:
        return _("No backup yet")
    path, at = newest
    return _("{when} – {path}").format(when=format_datetime(at), path=path)


class OverviewPage(Page):
    """Real figures from the database; read-only."""

    restore_requested = Signal()
    """The clerk wants to restore the backup offered with the damage warning."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Overview"), parent)
        self.damage_banner = DamageBanner(self)
        self.damage_banner.restore_requested.connect(self.restore_requested)
        self.association = heading_label("", self, scale=1.1)
        self.association.setWordWrap(True)
        self.example_note = QLabel(
            _("This database holds example data; invented details are marked “Beispiel”."),
            self,
        )
        self.example_note.setWordWrap(True)
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.addWidget(
            self._group(
                _("Members and votes"),
                [
                    ("members", _("Members")),
                    ("votes", _("Votes")),
                    ("municipal", _("Municipal bodies")),
                    ("majority", _("Municipal majority")),
                    ("pending", _("Accessions pending")),
                ],
            ),
            0,
            0,
        )
        grid.addWidget(
            self._group(
                _("Capital contributions"),
                [
                    ("capital_due", _("Capital due")),
                    ("capital_paid", _("Capital paid")),
                    ("capital_open", _("Still open")),
                ],
            ),
            0,
            1,
        )
        grid.addWidget(
            self._group(
                _("Data"),
                [("location", _("Database")), ("last_backup", _("Last backup"))],
            ),
            1,
            0,
            1,
            2,
        )
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = self.body_layout()
        layout.addWidget(self.damage_banner)
        layout.addWidget(self.association)
        layout.addWidget(self.example_note)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _group(self, title: str, rows: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        for key, label in rows:
            value = QLabel(box)
            value.setObjectName(key)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(label, value)
        return box

    def refresh(self) -> None:
        """Recompute all figures."""
        if self.ctx.damage_warning:
            self.damage_banner.show_warning(self.ctx.damage_warning, self.ctx.damage_detail)
        else:
            self.damage_banner.clear()
        try:
            settings = get_settings(self.ctx.db)
        except DomainError:
            self.association.setText("")
            self.example_note.hide()
        else:
            self.association.setText(f"{settings.name} ({settings.short_name})")
            self.example_note.setVisible(settings.is_example)
        rows = list_members(self.ctx.db, self.ctx.today())
        result = totals(rows)
        b = result.balance
        v = self.values
        v["members"].setText(str(b.members))
        v["votes"].setText(str(b.votes))
        v["municipal"].setText(
            _("{mm} of {m} members, {mv} of {v} votes").format(
                mm=b.municipal_members, m=b.members, mv=b.municipal_votes, v=b.votes
            )
        )
        if b.members == 0:  # nothing to judge yet: neutral, neither green nor red
            v["majority"].setText(_("no members yet"))
            v["majority"].setStyleSheet("")
        else:
            v["majority"].setText(_("maintained") if b.holds else _("NOT maintained"))
            v["majority"].setStyleSheet(_OK_STYLE if b.holds else _BAD_STYLE)
        pending = sum(1 for r in rows if r.status in PENDING)
        v["pending"].setText(
            ngettext("{n} accession pending", "{n} accessions pending", pending).format(n=pending)
            if pending
            else _("none")
        )
        v["capital_due"].setText(format_money(result.capital_due))
        v["capital_paid"].setText(format_money(result.capital_paid))
        v["capital_open"].setText(format_money(result.capital_due - result.capital_paid))
        v["location"].setText(self.ctx.database_location())
        v["last_backup"].setText(last_backup_text(self.ctx))
