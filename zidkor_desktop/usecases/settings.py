"""Association settings: read and change the association's own master data."""

from __future__ import annotations

import struct
from dataclasses import asdict, dataclass, fields, replace
from decimal import ROUND_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from zidkor_desktop.db.models import AssociationSettings
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain import numbering
from zidkor_desktop.domain.billing import ProRataRule
from zidkor_desktop.domain.errors import NotFound, ValidationError
from zidkor_desktop.domain.money import to_money
from zidkor_desktop.domain.text import check_text
from zidkor_desktop.l10n import N_, _, format_number
from zidkor_desktop.usecases.errors import translate, translated_db_errors


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
    invoice_number_format: str = numbering.DEFAULT_PATTERN
    capital_per_vote: Decimal = Decimal("2000.00")
    not_taxable_note: str = "Nicht steuerbar gem. § 2b Abs. 3 UStG."
    payment_terms_days: int = 30
    registration_id: str = ""
    electronic_scheme: str = "EM"
    pro_rata_rule: str = ProRataRule.PER_STARTED_MONTH.value
    invoice_intro: str = ""
    invoice_closing: str = ""
    is_example: bool = False


TEXT_LABELS = {
    "name": N_("Official name"),
    "short_name": N_("Short name"),
    "street": N_("Street and number"),
    "postcode": N_("Postcode"),
    "city": N_("Town"),
    "tax_number": N_("Tax number"),
    "vat_id": N_("VAT ID"),
    "iban": N_("IBAN"),
    "bic": N_("BIC"),
    "bank_name": N_("Bank"),
    "contact_name": N_("Contact person"),
    "contact_phone": N_("Phone"),
    "contact_email": N_("E-mail"),
    "electronic_address": N_("Electronic address"),
    "chair_name": N_("Chair"),
    "invoice_number_format": N_("Invoice number format"),
    "not_taxable_note": N_("Note on non-taxable invoices"),
    "registration_id": N_("Registration ID"),
    "electronic_scheme": N_("Scheme of the electronic address"),
    "pro_rata_rule": N_("Months begun or ended"),
    "invoice_intro": N_("Invoice intro text"),
    "invoice_closing": N_("Invoice closing text"),
}
MULTILINE = {"not_taxable_note", "invoice_intro", "invoice_closing"}
SELLER_SCHEMES = ("EM", "0204", "9930")


def validate_settings(data: SettingsData) -> SettingsData:
    """Check and normalise settings; raises ValidationError naming the field."""
    text_fields = {f.name for f in fields(data) if type(getattr(data, f.name)) is str}
    data = replace(data, **{name: getattr(data, name).strip() for name in text_fields})
    for name in sorted(text_fields):
        check_text(
            getattr(data, name),
            field=name,
            label=_(TEXT_LABELS.get(name, name)),
            multiline=name in MULTILINE,
        )
    if data.electronic_scheme not in SELLER_SCHEMES:
        raise ValidationError(
            _("Scheme of the electronic address: choose e-mail (EM) or Leitweg-ID (0204)."),
            "electronic_scheme",
        )
    if data.pro_rata_rule not in {r.value for r in ProRataRule}:
        raise ValidationError(
            _("Months begun or ended: choose per month begun or by the day."), "pro_rata_rule"
        )
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
            raise translate(exc, field="iban", value=data.iban) or exc from exc
        data = replace(data, iban=iban.compact)
        if data.bic:
            from schwifty import BIC

            try:
                data = replace(data, bic=str(BIC(data.bic)))
            except SchwiftyException as exc:
                raise translate(exc, field="bic", value=data.bic) or exc from exc
    data = replace(data, invoice_number_format=numbering.validate(data.invoice_number_format))
    if to_money(data.capital_per_vote) <= 0:
        raise ValidationError(_("The capital per vote must be positive."), "capital_per_vote")
    if not 0 <= data.payment_terms_days <= 365:
        raise ValidationError(
            _("The payment term must be between 0 and 365 days."), "payment_terms_days"
        )
    return data


def get_settings(db: Database) -> SettingsData:
    """Current association settings (a plain table read: the window title needs it at start)."""
    table = AssociationSettings.__table__
    with db.sessions() as session:
        row = session.execute(select(*(table.c[f.name] for f in fields(SettingsData)))).first()
    if row is None:
        raise NotFound(_("The database has not been set up yet."))
    data = SettingsData(**row._asdict())
    # patterns of earlier versions ("{year}-{seq:05d}") are shown and saved in today's syntax
    return replace(data, invoice_number_format=numbering.normalise(data.invoice_number_format))


def save_settings(db: Database, data: SettingsData) -> None:
    """Create or update the association settings."""
    with translated_db_errors(), db.write() as session:
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


# --- logo ---------------------------------------------------------------------------------------

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MIN_PIXELS = 64
LOGO_MAX_PIXELS = 4000

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SIGNATURE = b"\xff\xd8\xff"
# Start-of-frame markers ReportLab embeds without conversion: baseline, extended, progressive.
_JPEG_FRAME_MARKERS = {0xC0, 0xC1, 0xC2}
# Start-of-frame markers of JPEG variants (lossless, arithmetic coding) we do not accept.
_JPEG_OTHER_FRAME_MARKERS = {0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
# Markers without a length field: TEM and the restart markers RST0..RST7.
_JPEG_STANDALONE_MARKERS = {0x01, *range(0xD0, 0xD8)}


@dataclass(frozen=True)
class LogoImage:
    """Format ("PNG" or "JPEG") and pixel size read from an image file's header."""

    kind: str
    width: int
    height: int


def _png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the IHDR chunk, which must directly follow the signature."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame segment (SOF0, SOF1 or SOF2)."""
    position = 2  # after the SOI marker FF D8
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker in _JPEG_STANDALONE_MARKERS:
            position += 2
            continue
        if marker in (0xD9, 0xDA) or marker in _JPEG_OTHER_FRAME_MARKERS:
            return None  # end of image or scan data before a supported frame header
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if length < 2:
            return None
        if marker in _JPEG_FRAME_MARKERS:
            if length < 7 or position + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        position += 2 + length
    return None


def inspect_logo(data: bytes) -> LogoImage:
    """Check a logo file (PNG or JPEG, size, pixels) without Qt; raises ValidationError."""
    if data.startswith(_PNG_SIGNATURE):
        kind, size = "PNG", _png_size(data)
    elif data.startswith(_JPEG_SIGNATURE):
        kind, size = "JPEG", _jpeg_size(data)
    else:
        raise ValidationError(_("The logo must be a PNG or JPEG image."), "logo")
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo file is too large ({size} MB); at most {limit} MB are allowed.").format(
                size=format_number(
                    (Decimal(len(data)) / 1024 / 1024).quantize(Decimal("0.1"), ROUND_UP)
                ),
                limit=LOGO_MAX_BYTES // 1024 // 1024,
            ),
            "logo",
        )
    if size is None:
        raise ValidationError(
            _("The logo image could not be read. Please save it again as PNG or JPEG."), "logo"
        )
    width, height = size
    if width < LOGO_MIN_PIXELS or height < LOGO_MIN_PIXELS:
        raise ValidationError(
            _(
                "The logo is too small ({width} × {height} pixels); "
                "it needs at least {minimum} × {minimum} pixels."
            ).format(width=width, height=height, minimum=LOGO_MIN_PIXELS),
            "logo",
        )
    if width > LOGO_MAX_PIXELS or height > LOGO_MAX_PIXELS:
        raise ValidationError(
            _(
                "The logo is too large ({width} × {height} pixels); "
                "at most {maximum} × {maximum} pixels are allowed."
            ).format(width=width, height=height, maximum=LOGO_MAX_PIXELS),
            "logo",
        )
    return LogoImage(kind, width, height)


def get_logo(db: Database) -> bytes | None:
    """The association's logo as stored (PNG or JPEG bytes), or None when there is none."""
    with db.sessions() as session:
        row = session.get(AssociationSettings, 1)
        return None if row is None else row.logo_png


def set_logo(db: Database, data: bytes) -> None:
    """Check and store a new logo.

    The original file bytes are kept unchanged. Despite its name the column
    ``AssociationSettings.logo_png`` holds either PNG or JPEG data; the magic bytes tell which.
    """
    inspect_logo(data)
    with translated_db_errors(), db.write() as session:
        row = session.get(AssociationSettings, 1)
        if row is None:
            raise NotFound(_("The database has not been set up yet."))
        row.logo_png = bytes(data)


def remove_logo(db: Database) -> None:
    """Delete the stored logo (nothing happens when there is none)."""
    with translated_db_errors(), db.write() as session:
        row = session.get(AssociationSettings, 1)
        if row is not None and row.logo_png is not None:
            row.logo_png = None
