"""Members list: a configuration of the generic row table model."""

from __future__ import annotations

from typing import Any

from zidkor_desktop.l10n import N_, _, format_money
from zidkor_desktop.queries.members import MemberRow
from zidkor_desktop.ui.models.row_table_model import (
    ALIGN_RIGHT,
    Column,
    RowTableModel,
)
from zidkor_desktop.usecases.member_groups import votes_text

NAME, KIND, STATUS, VOTES, CAPITAL_DUE, CAPITAL_PAID = range(6)


def _votes_text(row: MemberRow) -> str:
    return votes_text(row.votes)


def _votes_tooltip(row: MemberRow) -> str | None:
    if row.votes:
        return None
    return _("No votes: only members whose membership has begun hold votes.")


COLUMNS: list[Column[MemberRow]] = [
    Column(N_("Name"), lambda r: r.name, searchable=True),
    Column(N_("Type"), lambda r: r.kind.label, searchable=True),
    Column(N_("Status"), lambda r: r.status.label, searchable=True),
    Column(
        N_("Votes"),
        _votes_text,
        sort_key=lambda r: r.votes,
        alignment=ALIGN_RIGHT,
        tooltip=_votes_tooltip,
    ),
    Column(
        N_("Capital due"),
        lambda r: format_money(r.capital_due),
        sort_key=lambda r: r.capital_due,
        alignment=ALIGN_RIGHT,
    ),
    Column(
        N_("Capital paid"),
        lambda r: format_money(r.capital_paid),
        sort_key=lambda r: r.capital_paid,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("Capital invoice"), lambda r: r.capital_invoice, searchable=True),
]


class MembersTableModel(RowTableModel[MemberRow]):
    """Members with type, status, votes and capital; keyed by organisation id."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, key=lambda row: row.organisation_id, parent=parent)
