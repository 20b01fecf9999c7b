"""Customer commands: `zidkor customers list`, `customers add` and `customers edit ID`.

They call the same use cases as the customer dialog, so every rule (Leitweg-ID, e-mail, VAT ID,
debtor number, population figures, optimistic locking) holds for scripts as for the GUI.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from typing import Any

from zidkor_desktop.cli.context import Context, open_db
from zidkor_desktop.cli.errors import EXIT_OK, CliError, UsageError
from zidkor_desktop.cli.members_edit import parse_date
from zidkor_desktop.cli.output import Column, add_list_options
from zidkor_desktop.cli.payments import add_account_command
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.customers import AddressScheme, PopulationFigure
from zidkor_desktop.domain.errors import NotFound, ValidationError
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.queries.customers import CustomerRow, list_customers

CUSTOMER_COLUMNS: list[Column[CustomerRow]] = [
    Column("id", N_("No."), lambda r: r.customer_id),
    Column("debtor_number", N_("Debtor no."), lambda r: r.debtor_number),
    Column("name", N_("Name"), lambda r: r.name),
    Column("type", N_("Type"), lambda r: r.kind),
    Column("member", N_("Member"), lambda r: r.is_member),
    Column("leitweg_id", N_("Leitweg-ID"), lambda r: r.leitweg_id),
    Column("email", N_("E-mail for e-invoices"), lambda r: r.einvoice_email),
    Column("scheme", N_("Scheme"), lambda r: r.scheme.value),
]
TEXT_FIELDS = (
    "street",
    "postcode",
    "city",
    "address_extra",
    "contact_name",
    "contact_phone",
    "einvoice_email",
    "debtor_number",
    "tax_number",
    "vat_id",
    "leitweg_id",
)
OPTIONS = {"einvoice_email": "--email", "contact_phone": "--phone", "member_id": "--member"}


def option_of(field: str) -> str:
    """The command-line option that sets a CustomerInput field."""
    return OPTIONS.get(field, "--" + field.replace("_", "-"))


def _population(values: list[str]) -> PopulationFigure:
    year, residents, source, as_of = values
    if not year.strip().isdigit() or not residents.strip().replace(".", "").isdigit():
        raise UsageError(
            _(
                "--population: give YEAR RESIDENTS SOURCE DATE, e.g. --population 2026 18200 "
                '"Statistisches Landesamt RLP" 31.12.2025.'
            )
        )
    try:
        day = parse_date(as_of)
    except argparse.ArgumentTypeError as exc:
        raise UsageError(f"--population: {exc}") from exc
    return PopulationFigure(int(year), int(residents.replace(".", "")), source, day)


def _field_options(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    """The CustomerInput fields as options; options not given are left out (edit keeps them)."""
    parser.add_argument(
        "--name", required=False, metavar=_("TEXT"), help=_("name of the customer (not a member)")
    )
    kinds = ", ".join(f"{k.value} ({k.label})" for k in OrganisationKind)
    parser.add_argument(
        "--kind",
        choices=[k.value for k in OrganisationKind],
        metavar=_("TYPE"),
        help=_("type of organisation: {kinds}").format(kinds=kinds)
        + (_("; default verbandsgemeinde") if adding else ""),
    )
    if adding:
        parser.add_argument(
            "--member",
            dest="member_id",
            metavar=_("MEMBER"),
            help=_(
                "the member this customer is (name or number from 'zidkor members list'); "
                "name and address then come from the member"
            ),
        )
    text_help = {
        "street": _("street and number"),
        "postcode": _("postcode (five digits)"),
        "city": _("town"),
        "address_extra": _("address addition, e.g. Standesamt"),
        "contact_name": _("contact person"),
        "contact_phone": _("phone number of the contact person"),
        "einvoice_email": _("e-mail address for e-invoices"),
        "debtor_number": _("debtor number (default: the next free number)"),
        "tax_number": _("tax number"),
        "vat_id": _("VAT ID (DE and nine digits)"),
        "leitweg_id": _("Leitweg-ID, e.g. 07315000-12345-66 (check digits are checked)"),
    }
    for field in TEXT_FIELDS:
        parser.add_argument(option_of(field), dest=field, metavar=_("TEXT"), help=text_help[field])
    parser.add_argument(
        "--scheme",
        choices=[s.value for s in AddressScheme],
        help=_(
            "electronic address for e-invoices: 0204 (the Leitweg-ID, default) or EM (the e-mail "
            "address)"
        ),
    )
    parser.add_argument(
        "--population",
        nargs=4,
        action="append",
        metavar=(_("YEAR"), _("RESIDENTS"), _("SOURCE"), _("DATE")),
        help=_(
            "residents in a year with the source and the date of the figure; replaces that "
            "year's figure; may be given several times"
        ),
    )
    if not adding:
        parser.add_argument(
            "--remove-population",
            type=int,
            action="append",
            metavar=_("YEAR"),
            help=_("remove the figure of this year"),
        )


def add_customer_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `customers list`, `customers add` and `customers edit`."""
    customers = commands.add_parser(
        "customers", parents=[common], help=_("customers (Kunden) and their e-invoice addresses")
    )
    sub = customers.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    listing = sub.add_parser("list", parents=[common], help=_("list the customers"))
    add_list_options(listing)
    listing.set_defaults(handler=cmd_customers_list)
    add = sub.add_parser(
        "add",
        parents=[common],
        argument_default=argparse.SUPPRESS,
        help=_("add a customer"),
        description=_(
            "Record a new customer with the same rules as the customer dialog: --name (or "
            "--member for a member city) and a Leitweg-ID or --scheme EM with --email. Dates as "
            "YYYY-MM-DD or DD.MM.YYYY."
        ),
    )
    _field_options(add, adding=True)
    add.set_defaults(handler=cmd_customers_add)
    edit = sub.add_parser(
        "edit",
        parents=[common],
        argument_default=argparse.SUPPRESS,
        help=_("change a customer"),
        description=_(
            "Change the given fields of customer ID (the number from 'zidkor customers list'); "
            "fields not given stay as they are."
        ),
    )
    edit.add_argument("id", type=int, metavar="ID", help=_("number of the customer"))
    _field_options(edit, adding=False)
    edit.set_defaults(handler=cmd_customers_edit)
    add_account_command(sub, common)


def cmd_customers_list(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor customers list [--format table|csv|json] [--output FILE]."""
    with open_db(ctx) as db:
        rows = list_customers(db, date.today())
    ctx.write_list(args, CUSTOMER_COLUMNS, rows, None)
    return EXIT_OK


def _given(args: argparse.Namespace) -> dict[str, Any]:
    """The field options given on the command line (absent ones are not in args)."""
    values = {n: getattr(args, n) for n in ("name", *TEXT_FIELDS) if hasattr(args, n)}
    if hasattr(args, "kind"):
        values["kind"] = OrganisationKind(args.kind)
    if hasattr(args, "scheme"):
        values["scheme"] = AddressScheme(args.scheme)
    return values


def _member_id(db: Database, member: str) -> int:
    """The member organisation named (case-insensitive) or numbered `member`."""
    from zidkor_desktop.queries.members import list_members

    wanted = member.strip()
    for row in list_members(db, date.today()):
        if (wanted.isdigit() and row.organisation_id == int(wanted)) or (
            row.name.casefold() == wanted.casefold()
        ):
            return row.organisation_id
    raise CliError(
        _("There is no member named or numbered \"{member}\" (see 'zidkor members list').").format(
            member=member
        )
    )


def _populations(
    args: argparse.Namespace, figures: list[PopulationFigure]
) -> list[PopulationFigure]:
    """The stored figures with --population added or replaced and --remove-population dropped."""
    by_year = {f.year: f for f in figures}
    for year in getattr(args, "remove_population", None) or []:
        if by_year.pop(year, None) is None:
            raise CliError(
                _("--remove-population: there is no figure of {year}.").format(year=year)
            )
    for values in getattr(args, "population", None) or []:
        figure = _population(values)
        by_year[figure.year] = figure
    return [by_year[year] for year in sorted(by_year)]


def _field_error(exc: ValidationError) -> CliError:
    """A validation message prefixed with the option that sets the offending field."""
    if exc.field is None:
        return CliError(str(exc))
    if exc.field == "populations":
        return CliError(f"--population: {exc}")
    return CliError(f"{option_of(exc.field)}: {exc}")


def cmd_customers_add(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor customers add --name NAME | --member MEMBER [further fields]."""
    from zidkor_desktop.usecases.customers import CustomerInput, create_customer

    values = _given(args)
    member = getattr(args, "member_id", None)
    if member is None and not values.get("name", "").strip():
        raise UsageError(_("Give --name, or --member for a member city."))
    with open_db(ctx) as db:
        if member is not None:
            values["member_id"] = _member_id(db, member)
        values.setdefault("name", "")
        data = CustomerInput(**values, populations=_populations(args, []))
        try:
            customer_id = create_customer(db, data, date.today())
        except ValidationError as exc:
            raise _field_error(exc) from exc
        row = next(r for r in list_customers(db, date.today()) if r.customer_id == customer_id)
    ctx.say(
        _('Customer "{name}" added (No. {id}, debtor number {number}).').format(
            name=row.name, id=customer_id, number=row.debtor_number
        )
    )
    return EXIT_OK


def cmd_customers_edit(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor customers edit ID [--leitweg-id ID] [--population …] [further fields]."""
    from zidkor_desktop.usecases.customers import get_customer, update_customer

    values = _given(args)
    changes_population = hasattr(args, "population") or hasattr(args, "remove_population")
    if not values and not changes_population:
        raise UsageError(_("Nothing to change: give at least one field, e.g. --leitweg-id."))
    with open_db(ctx) as db:
        try:
            record = get_customer(db, args.id)
        except NotFound as exc:
            raise CliError(
                _("There is no customer with the number {id}.").format(id=args.id)
            ) from exc
        if record.data.member_id is not None and {"name", "kind", "street", "postcode", "city"} & (
            values.keys()
        ):
            raise CliError(
                _(
                    "{name} is a member: change its name, type and address with "
                    "'zidkor members edit'."
                ).format(name=record.data.name)
            )
        data = replace(record.data, **values)
        data.populations = _populations(args, record.data.populations)
        try:
            update_customer(db, record, data, date.today())
        except ValidationError as exc:
            raise _field_error(exc) from exc
    ctx.say(_('Customer "{name}" (No. {id}) saved.').format(name=data.name.strip(), id=args.id))
    return EXIT_OK
