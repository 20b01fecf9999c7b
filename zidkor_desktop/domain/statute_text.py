"""Placeholders of the statute text filled from live data on the version's date (German text)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from babel import Locale

from zidkor_desktop.domain.money import ZERO
from zidkor_desktop.l10n import format_date, format_money

GERMAN = Locale.parse("de_DE")
"""The statute is German text whatever the program's language."""
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
MEMBER_TABLE = "mitgliedertabelle"
SERVICES = "verfahren"
INLINE = ("stimmen_gesamt", "kapital_gesamt", "kapital_je_stimme", "mitglieder_anzahl", "stichtag")
KNOWN = (MEMBER_TABLE, SERVICES, *INLINE)


@dataclass(frozen=True)
class MemberShare:
    """A voting member on the date: its votes and its share of the capital."""

    name: str
    votes: int
    capital: Decimal


@dataclass(frozen=True)
class ServiceLine:
    """A service operated on the date, with its operating city."""

    name: str
    operator: str


@dataclass(frozen=True)
class LiveData:
    """What the placeholders show: members, services and capital on one date."""

    as_of: date
    members: tuple[MemberShare, ...]
    services: tuple[ServiceLine, ...]
    capital_per_vote: Decimal

    @property
    def vote_total(self) -> int:
        """All votes of the members."""
        return sum(m.votes for m in self.members)

    @property
    def capital_total(self) -> Decimal:
        """The members' capital shares together."""
        return sum((m.capital for m in self.members), ZERO)


@dataclass(frozen=True)
class MemberTable:
    """The member table as a part of a subsection (a real table in the PDF)."""

    rows: tuple[MemberShare, ...]
    vote_total: int
    capital_total: Decimal


Part = str | MemberTable


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in `text` the program cannot fill, as written ({{name}})."""
    return [f"{{{{{m.group(1)}}}}}" for m in PLACEHOLDER.finditer(text) if m.group(1) not in KNOWN]


def money(amount: Decimal) -> str:
    """An amount in German format, '2.000,00 €'."""
    return format_money(amount, loc=GERMAN)


def votes_text(votes: int) -> str:
    """'1 Stimme', '7 Stimmen'."""
    return f"{votes} Stimme" if votes == 1 else f"{votes} Stimmen"


def _inline(name: str, live: LiveData) -> str:
    values = {
        "stimmen_gesamt": str(live.vote_total),
        "kapital_gesamt": money(live.capital_total),
        "kapital_je_stimme": money(live.capital_per_vote),
        "mitglieder_anzahl": str(len(live.members)),
        "stichtag": format_date(live.as_of, loc=GERMAN),
    }
    return values[name]


def _services_text(live: LiveData) -> str:
    if not live.services:
        return "– (derzeit keine)"
    return "\n".join(f"– {s.name} (betreibende Stadt: {s.operator})" for s in live.services)


def table_lines(table: MemberTable) -> list[str]:
    """The member table as lines of text (for comparison and amendments)."""
    lines = [f"{m.name}: {votes_text(m.votes)}, Anteil am Stammkapital {money(m.capital)}"
             for m in table.rows]  # fmt: skip
    lines.append(
        f"Insgesamt: {votes_text(table.vote_total)}, Stammkapital {money(table.capital_total)}"
    )
    return lines


def resolve(subsection: str, live: LiveData) -> list[Part]:
    """A subsection with its placeholders filled: text parts and, where it stands, the table.

    The member table becomes a table where its placeholder stands alone on its line; anywhere
    else it is filled in as lines of text.
    """
    parts: list[Part] = []
    text: list[str] = []
    for line in subsection.split("\n"):
        alone = PLACEHOLDER.fullmatch(line.strip())
        if alone is not None and alone.group(1) == MEMBER_TABLE:
            if text:
                parts.append("\n".join(text))
                text = []
            parts.append(MemberTable(live.members, live.vote_total, live.capital_total))
            continue
        text.append(PLACEHOLDER.sub(lambda m: _fill(m.group(1), live), line))
    if text:
        parts.append("\n".join(text))
    return parts


def _fill(name: str, live: LiveData) -> str:
    if name == SERVICES:
        return _services_text(live)
    if name == MEMBER_TABLE:
        return "\n".join(
            table_lines(MemberTable(live.members, live.vote_total, live.capital_total))
        )
    return _inline(name, live) if name in INLINE else f"{{{{{name}}}}}"


def resolved_text(subsection: str, live: LiveData | None) -> str:
    """A subsection as plain text, placeholders filled (kept as written without live data)."""
    if live is None:
        return subsection
    return "\n".join(p if isinstance(p, str) else "\n".join(table_lines(p))
                     for p in resolve(subsection, live))  # fmt: skip
