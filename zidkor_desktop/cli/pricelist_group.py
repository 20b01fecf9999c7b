"""The `zidkor pricelist` command group: one parser that every pricelist module adds to."""

from __future__ import annotations

import argparse
from typing import Any

from zidkor_desktop.l10n import _

_SUBCOMMANDS = "_pricelist_subcommands"


def pricelist_subcommands(commands: Any, common: argparse.ArgumentParser) -> Any:
    """The subcommands of `pricelist`, creating the group on first use (idempotent)."""
    group = commands.choices.get("pricelist")
    if group is None:
        group = commands.add_parser(
            "pricelist",
            parents=[common],
            help=_("the schedule of services and fees (price list)"),
        )
        sub = group.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
        setattr(group, _SUBCOMMANDS, sub)
    return getattr(group, _SUBCOMMANDS)
