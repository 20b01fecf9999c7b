"""`zidkor self-test`: check the installation and print one line per check."""

from __future__ import annotations

import argparse
from typing import TextIO

from zidkor_desktop.cli.context import Context
from zidkor_desktop.cli.errors import EXIT_ERROR, EXIT_OK
from zidkor_desktop.l10n import _


def _marks(stream: TextIO | None) -> tuple[str, str]:
    """The pass/fail marks: ✓ and ✗ where the stream can show them, else OK and FAILED."""
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        "✓✗".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "OK", _("FAILED")
    return "✓", "✗"


def cmd_self_test(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor self-test: check the installation and (read-only) the chosen database."""
    from zidkor_desktop.usecases.selftest import CheckResult, run_self_test

    good, bad = _marks(ctx.out)

    def show(result: CheckResult) -> None:
        ctx.say(f"{good if result.ok else bad} {result.name}: {result.detail}")

    choice = ctx.options.choice
    explicit = choice.path is not None or choice.url is not None
    results = run_self_test(  # the database only when named by --db or --db-url
        gui_check=ctx.gui_check, on_result=show, choice=choice if explicit else None, explicit=True
    )
    failed = sum(1 for r in results if not r.ok)
    if failed:
        ctx.say(_("{failed} of {total} checks failed.").format(failed=failed, total=len(results)))
        return EXIT_ERROR
    ctx.say(_("All {total} checks passed.").format(total=len(results)))
    return EXIT_OK
