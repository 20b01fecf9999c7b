"""Member commands that write: `zidkor members add` and `zidkor members edit ID`.

They call the same use cases as the member dialog, so every rule (validation, municipal
majority, unique name, optimistic locking) holds for scripts as for the GUI.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from zidkor_desktop.cli.context import Context, open_db
from zidkor_desktop.cli.errors import EXIT_OK, CliError, UsageError
from zidkor_desktop.domain.errors import NotFound, ValidationError
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.domain.money import parse_amount
from zidkor_desktop.l10n import _

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_GERMAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")

TEXT_FIELDS = (
    "short_name",
    "street",
    "postcode",
    "city",
    "email",
    "phone",
    "council_resolution_ref",
    "authority_file_number",
    "capital_payer",
    "notes",
)
DATE_FIELDS = (
    "applied_on",
    "council_resolution_on",
    "assembly_resolution_on",
    "authority_approved_on",
    "member_from",
    "exit_notice_on",
    "member_until",
    "capital_paid_on",
    "votes_from",
)
FLAG_OPTIONS = {"is_municipal_body": "--municipal", "is_founding": "--founding"}


def option_of(field: str) -> str:
    """The command-line option that sets a MemberInput field."""
    return FLAG_OPTIONS.get(field, "--" + field.replace("_", "-"))


def parse_date(text: str) -> date | None:
    """A date typed as YYYY-MM-DD or DD.MM.YYYY; an empty text clears the date."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        if match := _ISO.match(cleaned):
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
        if match := _GERMAN.match(cleaned):
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(
        _('"{value}" is not a date; use YYYY-MM-DD or DD.MM.YYYY.').format(value=text)
    )


def parse_money(text: str) -> Decimal:
    """An amount typed as 2000, 2000.00 or 2.000,00."""
    try:
        return parse_amount(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _('"{value}" is not an amount; use for example 2000.00 or 2.000,00.').format(value=text)
        ) from exc


def _field_options(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    """The MemberInput fields as options; options not given are left out (edit keeps them)."""
    parser.add_argument("--name", required=adding, metavar=_("TEXT"), help=_("name of the member"))
    parser.add_argument("--short-name", dest="short_name", metavar=_("TEXT"), help=_("short name"))
    kinds = ", ".join(f"{k.value} ({k.label})" for k in OrganisationKind)
    parser.add_argument(
        "--kind",
        choices=[k.value for k in OrganisationKind],
        metavar=_("TYPE"),
        help=_("type of organisation: {kinds}").format(kinds=kinds)
        + (_("; default city") if adding else ""),
    )
    parser.add_argument(
        "--municipal",
        dest="is_municipal_body",
        action=argparse.BooleanOptionalAction,
        help=_("municipal body (Gebietskörperschaft); default from the type"),
    )
    parser.add_argument(
        "--votes",
        type=int,
        metavar=_("NUMBER"),
        help=_("votes (at least 1)") + (_("; default 1") if adding else ""),
    )
    date_help = {
        "votes_from": _("date from which the votes apply (default: today)"),
        "applied_on": _("date of the application"),
        "council_resolution_on": _("date of the council resolution"),
        "assembly_resolution_on": _("date of the assembly resolution"),
        "authority_approved_on": _("date of the approval by the authority"),
        "member_from": _("member from"),
        "exit_notice_on": _("date of the notice of exit"),
        "member_until": _("member until"),
        "capital_paid_on": _("date on which the capital was paid"),
    }
    for field in DATE_FIELDS:
        parser.add_argument(
            option_of(field),
            dest=field,
            type=parse_date,
            metavar=_("DATE"),
            help=date_help[field] + _(" (YYYY-MM-DD or DD.MM.YYYY; '' clears it)"),
        )
    text_help = {
        "street": _("street and number"),
        "postcode": _("postcode (five digits)"),
        "city": _("town"),
        "email": _("e-mail address"),
        "phone": _("phone number"),
        "council_resolution_ref": _("reference of the council resolution"),
        "authority_file_number": _("file number of the authority's approval"),
        "capital_payer": _("who pays the capital, if not the member"),
        "notes": _("notes"),
    }
    for field in TEXT_FIELDS[1:]:
        parser.add_argument(option_of(field), dest=field, metavar=_("TEXT"), help=text_help[field])
    parser.add_argument(
        "--capital-paid",
        dest="capital_paid",
        type=parse_money,
        metavar=_("AMOUNT"),
        help=_("capital paid in euros, e.g. 2000.00 or 2.000,00"),
    )
    parser.add_argument(
        "--founding",
        dest="is_founding",
        action=argparse.BooleanOptionalAction,
        help=_("founding member"),
    )
    parser.add_argument(
        "--allow-overpayment",
        action="store_true",
        help=_("save even when the capital paid exceeds the capital due"),
    )


def add_member_commands(member_commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `members add` and `members edit` on the `members` sub-command parser."""
    add = member_commands.add_parser(
        "add",
        parents=[common],
        argument_default=argparse.SUPPRESS,
        help=_("add a member or applicant"),
        description=_(
            "Record a new member or applicant with the same rules as the member dialog. "
            "Dates as YYYY-MM-DD or DD.MM.YYYY."
        ),
    )
    _field_options(add, adding=True)
    add.set_defaults(handler=cmd_members_add)
    edit = member_commands.add_parser(
        "edit",
        parents=[common],
        argument_default=argparse.SUPPRESS,
        help=_("change a member"),
        description=_(
            "Change the given fields of member ID (the number from 'zidkor members list'); "
            "fields not given stay as they are. A change of --votes applies from --votes-from "
            "(default: today)."
        ),
    )
    edit.add_argument("id", type=int, metavar="ID", help=_("number of the member"))
    _field_options(edit, adding=False)
    edit.set_defaults(handler=cmd_members_edit)


def _given(args: argparse.Namespace) -> dict[str, Any]:
    """The field options given on the command line (text stripped by the use case)."""
    names = ("name", "kind", "votes", "is_municipal_body", "capital_paid", "is_founding")
    # Options not given are absent from args (default SUPPRESS); an empty date is None (cleared).
    values = {
        name: getattr(args, name)
        for name in (*names, *TEXT_FIELDS, *DATE_FIELDS)
        if hasattr(args, name)
    }
    if "kind" in values:
        values["kind"] = OrganisationKind(values["kind"])
    return values


def _overpayment_allowed(args: argparse.Namespace) -> bool:
    """True when --allow-overpayment was given (the dialog asks the clerk instead)."""
    return bool(getattr(args, "allow_overpayment", False))


def _field_error(exc: ValidationError) -> CliError:
    """A validation message prefixed with the option that sets the offending field."""
    if exc.field is None:
        return CliError(str(exc))
    return CliError(f"{option_of(exc.field)}: {exc}")


def cmd_members_add(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor members add --name NAME [--kind TYPE] [--votes N] [further fields]."""
    from zidkor_desktop.usecases.members import MemberInput, Overpayment, create_member

    values = _given(args)
    kind = values.pop("kind", OrganisationKind.CITY)
    values.setdefault("is_municipal_body", kind.municipal_default)
    values.setdefault("votes", 1)
    values.setdefault("capital_paid", Decimal("0.00"))
    data = MemberInput(kind=kind, **values)
    with open_db(ctx) as db:
        try:
            organisation_id = create_member(
                db, data, date.today(), allow_overpayment=_overpayment_allowed(args)
            )
        except Overpayment as exc:
            raise CliError(f"{exc} " + _("Give --allow-overpayment to save it anyway.")) from exc
        except ValidationError as exc:
            raise _field_error(exc) from exc
    ctx.say(
        _('Member "{name}" added (No. {id}).').format(name=data.name.strip(), id=organisation_id)
    )
    return EXIT_OK


def cmd_members_edit(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor members edit ID [--name NAME] [--votes N --votes-from DATE] [further fields]."""
    from zidkor_desktop.usecases.members import Overpayment, get_member, update_member

    values = _given(args)
    if not values:
        raise UsageError(_("Nothing to change: give at least one field, e.g. --votes 2."))
    today = date.today()
    with open_db(ctx) as db:
        try:
            record = get_member(db, args.id, today)
        except NotFound as exc:
            raise CliError(
                _("There is no member with the number {id}.").format(id=args.id)
            ) from exc
        kind = values.get("kind")
        if kind is not None and kind != record.data.kind:
            values.setdefault("is_municipal_body", kind.municipal_default)
        data = replace(record.data, **values)
        try:
            update_member(db, record, data, today, allow_overpayment=_overpayment_allowed(args))
        except Overpayment as exc:
            raise CliError(f"{exc} " + _("Give --allow-overpayment to save it anyway.")) from exc
        except ValidationError as exc:
            raise _field_error(exc) from exc
    ctx.say(_('Member "{name}" (No. {id}) saved.').format(name=data.name.strip(), id=args.id))
    return EXIT_OK
