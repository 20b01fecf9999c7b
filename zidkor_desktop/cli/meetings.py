"""Meeting commands: `zidkor meetings list|quorum|invitation|notice|minutes|extract` and
`zidkor resolutions list`, on the same use cases as the area "Sitzungen"."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from zidkor_desktop.cli.context import Context, open_db, refuse_existing
from zidkor_desktop.cli.errors import EXIT_OK
from zidkor_desktop.cli.output import Column, ListFormat, add_list_options
from zidkor_desktop.domain.meetings import ItemQuorum
from zidkor_desktop.l10n import N_, _

MEETING_COLUMNS: list[Column[Any]] = [
    Column("id", N_("ID"), lambda r: r.id),
    Column("number", N_("Number"), lambda r: r.number),
    Column("date", N_("Date"), lambda r: r.held_on),
    Column("title", N_("Title"), lambda r: r.title),
    Column("place", N_("Place"), lambda r: r.place),
    Column("status", N_("Status"), lambda r: r.status),
    Column("minutes", N_("Minutes"), lambda r: r.minutes_status),
    Column("invited_on", N_("Invited on"), lambda r: r.invited_on),
    Column("items", N_("Items"), lambda r: r.items),
]
QUORUM_COLUMNS: list[Column[tuple[int, str, ItemQuorum]]] = [
    Column("item", N_("Agenda item"), lambda r: r[0]),
    Column("title", N_("Title"), lambda r: r[1]),
    Column("members_present", N_("Members present"), lambda r: r[2].members_present),
    Column("members", N_("Members"), lambda r: r[2].members),
    Column("votes_present", N_("Votes present"), lambda r: r[2].votes_present),
    Column("votes", N_("Votes"), lambda r: r[2].votes),
    Column("quorate", N_("Quorate"), lambda r: r[2].quorate),
    Column("rule", N_("Rule applied"), lambda r: r[2].rule),
]
RESOLUTION_COLUMNS: list[Column[Any]] = [
    Column("item_id", N_("ID"), lambda r: r.item_id),
    Column("meeting", N_("Meeting"), lambda r: r.meeting_number),
    Column("date", N_("Date"), lambda r: r.held_on),
    Column("item", N_("Agenda item"), lambda r: r.position),
    Column("title", N_("Title"), lambda r: r.title),
    Column("resolution", N_("Resolution"), lambda r: r.resolution_text),
    Column("responsible", N_("Responsible"), lambda r: r.assignee),
    Column("due_on", N_("Due"), lambda r: r.due_on),
    Column("done_on", N_("Done on"), lambda r: r.done_on),
    Column("note", N_("Note"), lambda r: r.done_note),
]


def _pdf_command(sub: Any, common: argparse.ArgumentParser, name: str, text: str) -> Any:
    parser = sub.add_parser(name, parents=[common], help=text)
    parser.add_argument("id", type=int, metavar="ID", help=_("number (ID) of the meeting"))
    return parser


def _target(parser: Any) -> None:
    parser.add_argument("target", type=Path, metavar=_("FILE"))
    parser.add_argument("--force", action="store_true", help=_("overwrite FILE"))


def add_meeting_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `meetings …` and `resolutions list`."""
    meetings = commands.add_parser("meetings", parents=[common], help=_("assembly meetings"))
    sub = meetings.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    listing = sub.add_parser("list", parents=[common], help=_("list the meetings"))
    add_list_options(listing)
    listing.set_defaults(handler=cmd_meetings_list)
    quorum = _pdf_command(sub, common, "quorum", _("the quorum at every item"))
    add_list_options(quorum)
    quorum.set_defaults(handler=cmd_meetings_quorum)
    invitation = _pdf_command(sub, common, "invitation", _("the invitation letters as PDF"))
    _target(invitation)
    invitation.set_defaults(handler=cmd_meetings_invitation)
    notice = _pdf_command(sub, common, "notice", _("the public notice as PDF"))
    _target(notice)
    notice.set_defaults(handler=cmd_meetings_notice)
    minutes = _pdf_command(sub, common, "minutes", _("the minutes as PDF"))
    _target(minutes)
    minutes.add_argument(
        "--part",
        choices=["public", "non-public"],
        default="public",
        help=_("public (default) or non-public part"),
    )
    minutes.set_defaults(handler=cmd_meetings_minutes)
    extract = _pdf_command(sub, common, "extract", _("the resolution extract of one item"))
    extract.add_argument("item", type=int, metavar=_("ITEM"), help=_("number of the item (TOP)"))
    _target(extract)
    extract.set_defaults(handler=cmd_meetings_extract)

    resolutions = commands.add_parser(
        "resolutions", parents=[common], help=_("resolutions and their tracking")
    )
    sub = resolutions.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    listing = sub.add_parser("list", parents=[common], help=_("list the adopted resolutions"))
    listing.add_argument("--open", action="store_true", help=_("only those not yet carried out"))
    add_list_options(listing)
    listing.set_defaults(handler=cmd_resolutions_list)


def cmd_meetings_list(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor meetings list [--format …]."""
    from zidkor_desktop.queries.meeting_record import meeting_record
    from zidkor_desktop.queries.meetings import list_meetings

    with open_db(ctx) as db:
        rows = list_meetings(db)
        if ListFormat(args.format) is not ListFormat.JSON:
            ctx.write_list(args, MEETING_COLUMNS, rows)
            return EXIT_OK
        records = [meeting_record(db, r.id) for r in rows]
    data = [
        {
            "id": r.id,
            "number": r.number,
            "date": r.held_on.isoformat(),
            "title": r.title,
            "place": r.place,
            "status": r.status.value,
            "minutes": r.minutes_status.value,
            "invited_on": r.invited_on.isoformat() if r.invited_on else None,
            "items": [
                {
                    "item": i.position,
                    "title": i.title,
                    "public": i.public,
                    "majority": i.majority.value,
                    "outcome": i.outcome.value if i.outcome else None,
                }
                for i in r.items
            ],
        }
        for r in records
    ]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    ctx.emit(text.encode("utf-8"), True, args.output, force=args.force)
    return EXIT_OK


def cmd_meetings_quorum(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor meetings quorum ID [--format …]."""
    from zidkor_desktop.queries.meeting_record import meeting_record

    with open_db(ctx) as db:
        record = meeting_record(db, args.id)
    rows = [(i.position, i.title, i.quorum) for i in record.items]
    ctx.write_list(args, QUORUM_COLUMNS, rows)
    return EXIT_OK


def _write(ctx: Context, args: argparse.Namespace, content: bytes) -> int:
    args.target.expanduser().write_bytes(content)
    ctx.say(_("Written to {path}.").format(path=args.target))
    return EXIT_OK


def cmd_meetings_invitation(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor meetings invitation ID FILE."""
    from zidkor_desktop.usecases.minutes import invitations_pdf

    refuse_existing(args.target, args.force)
    with open_db(ctx) as db:
        content = invitations_pdf(db, args.id)
    return _write(ctx, args, content)


def cmd_meetings_notice(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor meetings notice ID FILE."""
    from zidkor_desktop.usecases.minutes import public_notice_pdf

    refuse_existing(args.target, args.force)
    with open_db(ctx) as db:
        content = public_notice_pdf(db, args.id)
    return _write(ctx, args, content)


def cmd_meetings_minutes(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor meetings minutes ID FILE [--part public|non-public]."""
    from zidkor_desktop.usecases.minutes import Part, minutes_pdf

    refuse_existing(args.target, args.force)
    with open_db(ctx) as db:
        content = minutes_pdf(db, args.id, Part(args.part))
    return _write(ctx, args, content)


def cmd_meetings_extract(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor meetings extract ID ITEM FILE."""
    from zidkor_desktop.usecases.minutes import extract_pdf

    refuse_existing(args.target, args.force)
    with open_db(ctx) as db:
        content = extract_pdf(db, args.id, args.item)
    return _write(ctx, args, content)


def cmd_resolutions_list(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor resolutions list [--open] [--format …]."""
    from zidkor_desktop.queries.meetings import list_resolutions

    with open_db(ctx) as db:
        rows = list_resolutions(db, open_only=args.open)
    ctx.write_list(args, RESOLUTION_COLUMNS, rows)
    return EXIT_OK
