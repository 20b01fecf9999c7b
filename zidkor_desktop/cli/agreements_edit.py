"""What a clerk does to an agreement on the command line: add, approve, activate, quantities."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from zidkor_desktop.cli.context import Context, open_db
from zidkor_desktop.cli.errors import EXIT_OK, CliError
from zidkor_desktop.cli.members_edit import parse_date
from zidkor_desktop.domain.kinds import BillingRhythm
from zidkor_desktop.l10n import _, format_date


def parse_quantity(text: str) -> Decimal:
    """A quantity typed with a point or a comma ('12', '2,5')."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise CliError(_("{text} is not a quantity.").format(text=text)) from None
    if not value.is_finite():
        raise CliError(_("{text} is not a quantity.").format(text=text))
    return value


def parse_item(text: str) -> tuple[str, Decimal]:
    """CODE=QUANTITY, e.g. AUT-01=12."""
    code, sep, quantity = text.partition("=")
    if not sep or not code.strip():
        raise CliError(
            _("--item: please write CODE=QUANTITY, e.g. AUT-01=12 (not {text}).").format(text=text)
        )
    return code.strip(), parse_quantity(quantity)


def _date_option(parser: argparse.ArgumentParser, flag: str, help_text: str, **kw: Any) -> None:
    parser.add_argument(flag, type=parse_date, metavar=_("DATE"), help=help_text, **kw)


def _with_id(sub: Any, common: argparse.ArgumentParser, name: str, help_text: str) -> Any:
    parser = sub.add_parser(name, parents=[common], help=help_text)
    parser.add_argument("agreement", metavar="ID", help=_("number or id of the agreement"))
    return parser


def add_agreement_edit_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register add, approve, announce, activate, quantity, notice and end."""
    add = sub.add_parser("add", parents=[common], help=_("draft a new agreement"))
    add.add_argument("--number", required=True, help=_("number of the agreement"))
    add.add_argument("--customer", type=int, required=True, metavar="ID", help=_("customer id"))
    add.add_argument("--service", required=True, metavar=_("CODE"), help=_("code of the service"))
    add.add_argument("--title", required=True, metavar=_("TEXT"), help=_("title of the agreement"))
    _date_option(add, "--from", _("start date"), dest="valid_from")
    _date_option(add, "--until", _("end date (default: open-ended)"), dest="valid_until")
    _date_option(add, "--signed", _("date signed"), dest="signed_on")
    add.add_argument(
        "--notice-months", type=int, default=6, metavar="N", help=_("notice period in months")
    )
    add.add_argument(
        "--rhythm",
        choices=[r.value for r in BillingRhythm],
        default=BillingRhythm.QUARTERLY.value,
        help=_("billing rhythm"),
    )
    add.add_argument(
        "--item",
        action="append",
        default=[],
        type=parse_item,
        metavar="CODE=N",
        help=_("price item and quantity from the start (repeatable), e.g. AUT-01=12"),
    )
    add.set_defaults(handler=cmd_add)
    approve = _with_id(sub, common, "approve", _("record the supervisory authority's approval"))
    _date_option(approve, "--date", _("date of the approval"), required=True)
    approve.add_argument("--file-number", required=True, help=_("file number, e.g. Az. 17 062-12"))
    approve.set_defaults(handler=cmd_approve)
    announce = _with_id(sub, common, "announce", _("record the public announcement"))
    _date_option(announce, "--date", _("date of the announcement"), required=True)
    announce.add_argument("--where", required=True, metavar=_("TEXT"), help=_("where published"))
    announce.set_defaults(handler=cmd_announce)
    activate = _with_id(sub, common, "activate", _("put a draft into force"))
    activate.set_defaults(handler=cmd_activate)
    quantity = _with_id(sub, common, "quantity", _("change the quantity of an item from a date"))
    quantity.add_argument("code", metavar=_("CODE"), help=_("code of the price item"))
    quantity.add_argument("quantity", type=parse_quantity, metavar="N", help=_("new quantity"))
    _date_option(quantity, "--from", _("first day of the new quantity"), dest="valid_from",
                 required=True)  # fmt: skip
    quantity.add_argument("--note", default="", metavar=_("TEXT"), help=_("note"))
    quantity.set_defaults(handler=cmd_quantity)
    notice = _with_id(sub, common, "notice", _("record that notice was given"))
    _date_option(notice, "--on", _("day notice was given"), required=True)
    _date_option(notice, "--end", _("last day of the agreement"), required=True)
    notice.set_defaults(handler=cmd_notice)
    end = _with_id(sub, common, "end", _("end an agreement on a day"))
    _date_option(end, "--on", _("last day of the agreement"), required=True)
    end.set_defaults(handler=cmd_end)


def _id(db: Any, text: str) -> int:
    from zidkor_desktop.queries.agreements import agreement_id_by_number

    return agreement_id_by_number(db, text)


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor agreements add --number N --customer ID --service CODE --title T [...]."""
    from zidkor_desktop.usecases.agreements import AgreementInput, create_agreement
    from zidkor_desktop.usecases.services import service_id_by_code

    with open_db(ctx) as db:
        data = AgreementInput(
            number=args.number,
            customer_id=args.customer,
            service_id=service_id_by_code(db, args.service),
            title=args.title,
            valid_from=args.valid_from,
            valid_until=args.valid_until,
            signed_on=args.signed_on,
            notice_months=args.notice_months,
            billing_rhythm=BillingRhythm(args.rhythm),
            items=list(args.item),
        )
        new_id = create_agreement(db, data)
    ctx.say(_("Agreement {number} drafted (id {id}).").format(number=args.number, id=new_id))
    return EXIT_OK


def cmd_approve(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor agreements approve ID --date DATE --file-number AZ."""
    from zidkor_desktop.usecases.agreements import record_approval

    with open_db(ctx) as db:
        record_approval(db, _id(db, args.agreement), args.date, args.file_number)
    ctx.say(_("Approval of {date} recorded.").format(date=format_date(args.date)))
    return EXIT_OK


def cmd_announce(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor agreements announce ID --date DATE --where TEXT."""
    from zidkor_desktop.usecases.agreements import record_announcement

    with open_db(ctx) as db:
        record_announcement(db, _id(db, args.agreement), args.date, args.where)
    ctx.say(_("Announcement of {date} recorded.").format(date=format_date(args.date)))
    return EXIT_OK


def cmd_activate(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor agreements activate ID."""
    from zidkor_desktop.usecases.agreements import activate

    with open_db(ctx) as db:
        activate(db, _id(db, args.agreement), date.today())
    ctx.say(_("Agreement {number} is active.").format(number=args.agreement))
    return EXIT_OK


def cmd_quantity(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor agreements quantity ID CODE N --from DATE [--note TEXT]."""
    from zidkor_desktop.usecases.agreements import set_quantity

    with open_db(ctx) as db:
        set_quantity(db, _id(db, args.agreement), args.code, args.quantity, args.valid_from,
                     args.note)  # fmt: skip
    ctx.say(
        _("Agreement {number}: {code} = {quantity} from {date}.").format(
            number=args.agreement,
            code=args.code,
            quantity=args.quantity,
            date=format_date(args.valid_from),
        )
    )
    return EXIT_OK


def cmd_notice(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor agreements notice ID --on DATE --end DATE."""
    from zidkor_desktop.usecases.agreements import give_notice

    with open_db(ctx) as db:
        give_notice(db, _id(db, args.agreement), args.on, args.end)
    ctx.say(_("Notice recorded; the agreement ends on {date}.").format(date=format_date(args.end)))
    return EXIT_OK


def cmd_end(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor agreements end ID --on DATE."""
    from zidkor_desktop.usecases.agreements import end_agreement

    with open_db(ctx) as db:
        end_agreement(db, _id(db, args.agreement), args.on)
    ctx.say(_("The agreement ended on {date}.").format(date=format_date(args.on)))
    return EXIT_OK
