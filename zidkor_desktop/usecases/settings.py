"""Association settings: read and change the association's own master data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from zidkor_desktop.db.models import AssociationSettings
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import NotFound, ValidationError
from zidkor_desktop.domain.money import to_money
from zidkor_desktop.l10n import _
from zidkor_desktop.usecases.errors import translated_db_errors


@dataclass
class SettingsData:
    """Editable association settings."""

    name: str
    short_name: str
    street: str = ""
    postcode: str = ""
    city: str = ""
    tax_number: str = ""
    vat_id: str = ""
    iban: str = ""
    bic: str = ""
    bank_name: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    electronic_address: str = ""
    chair_name: str = ""
    invoice_number_format: str = "{year}-{seq:05d}"
    capital_per_vote: Decimal = Decimal("2000.00")
    not_taxable_note: str = "Nicht steuerbar gem. § 2b Abs. 3 UStG."
    payment_terms_days: int = 30
    is_example: bool = False


def validate_settings(data: SettingsData) -> SettingsData:
    """Check and normalise settings; raises ValidationError naming the field."""
    text_fields = {f.name for f in fields(data) if type(getattr(data, f.name)) is str}
    data = replace(data, **{name: getattr(data, name).strip() for name in text_fields})
    if not data.name:
        raise ValidationError(_("Please enter the official name of the association."), "name")
    if not data.short_name:
        raise ValidationError(_("Please enter the short name of the association."), "short_name")
    if data.iban:
        from schwifty import IBAN
        from schwifty.exceptions import SchwiftyException

        try:
            iban = IBAN(data.iban)
        except SchwiftyException as exc:
            raise ValidationError(
                _("The IBAN {iban} is not valid ({reason}).").format(iban=data.iban, reason=exc),
                "iban",
            ) from exc
        data = replace(data, iban=iban.compact)
        if data.bic:
            from schwifty import BIC

            try:
                data = replace(data, bic=str(BIC(data.bic)))
            except SchwiftyException as exc:
                raise ValidationError(
                    _("The BIC {bic} is not valid.").format(bic=data.bic), "bic"
                ) from exc
    if "{seq" not in data.invoice_number_format:
        raise ValidationError(
            _("The invoice number format must contain the counter {seq}."), "invoice_number_format"
        )
    try:
        data.invoice_number_format.format(year=2026, seq=1)
    except (KeyError, ValueError, IndexError) as exc:
        raise ValidationError(
            _("The invoice number format is not valid: {error}").format(error=exc),
            "invoice_number_format",
        ) from exc
    if to_money(data.capital_per_vote) <= 0:
        raise ValidationError(_("The capital per vote must be positive."), "capital_per_vote")
    if not 0 <= data.payment_terms_days <= 365:
        raise ValidationError(
            _("The payment term must be between 0 and 365 days."), "payment_terms_days"
        )
    return data


def get_settings(db: Database) -> SettingsData:
    """Current association settings."""
    with db.sessions() as session:
        row = session.scalar(select(AssociationSettings))
        if row is None:
            raise NotFound(_("The database has not been set up yet."))
        return SettingsData(**{f.name: getattr(row, f.name) for f in fields(SettingsData)})


def save_settings(db: Database, data: SettingsData) -> None:
    """Create or update the association settings."""
    with translated_db_errors(), db.sessions.begin() as session:
        store_settings(session, data)


def store_settings(session: Session, data: SettingsData) -> None:
    """Validate and write the settings inside the caller's transaction."""
    data = validate_settings(data)
    row = session.get(AssociationSettings, 1)
    if row is None:
        session.add(AssociationSettings(id=1, **asdict(data)))
    else:
        for key, value in asdict(data).items():
            setattr(row, key, value)
