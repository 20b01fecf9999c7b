"""The `zidkor statute` command group: one parser that every statute module adds to."""

from __future__ import annotations

import argparse
from typing import Any

from zidkor_desktop.l10n import _

_SUBCOMMANDS = "_statute_subcommands"


def statute_subcommands(commands: Any, common: argparse.ArgumentParser) -> Any:
    """The subcommands of `statute`, creating the group on first use (idempotent)."""
    group = commands.choices.get("statute")
    if group is None:
        group = commands.add_parser(
            "statute", parents=[common], help=_("the statute (Verbandsordnung) and its versions")
        )
        sub = group.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
        setattr(group, _SUBCOMMANDS, sub)
    return getattr(group, _SUBCOMMANDS)
