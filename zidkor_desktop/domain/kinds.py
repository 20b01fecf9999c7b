"""Enumerations shared by domain, database and user interface (stored as their string value)."""

from __future__ import annotations

from enum import StrEnum

from zidkor_desktop.l10n import N_, _


class LabelledEnum(StrEnum):
    """String enum whose members have a translatable label."""

    @property
    def label(self) -> str:
        """Translated label for display."""
        return _(_LABELS[(type(self), self.value)])


class OrganisationKind(LabelledEnum):
    """Legal form of an organisation."""

    CITY = "city"
    COUNTY = "county"
    VERBANDSGEMEINDE = "verbandsgemeinde"
    MUNICIPALITY = "municipality"
    COMPANY = "company"
    OTHER = "other"

    @property
    def municipal_default(self) -> bool:
        """Whether organisations of this kind are municipal bodies by default."""
        return self not in (OrganisationKind.COMPANY, OrganisationKind.OTHER)


class MembershipStatus(LabelledEnum):
    """Stage of a membership, derived from its dates."""

    APPLIED = "applied"
    COUNCIL_RESOLVED = "council_resolved"
    ASSEMBLY_APPROVED = "assembly_approved"
    AUTHORITY_APPROVED = "authority_approved"
    ACTIVE = "active"
    NOTICE_GIVEN = "notice_given"
    LEFT = "left"


class ServiceStatus(LabelledEnum):
    """Lifecycle of an IT service (Verfahren)."""

    PLANNED = "planned"
    ACTIVE = "active"
    RETIRED = "retired"


class PriceListStatus(LabelledEnum):
    """Draft or published price-list version."""

    DRAFT = "draft"
    PUBLISHED = "published"


class TaxCategory(LabelledEnum):
    """Tax treatment of a price item (EN 16931 category codes S/E/O)."""

    STANDARD = "S"
    REDUCED = "AA"
    NOT_TAXABLE = "O"


class BillingRhythm(LabelledEnum):
    """How often a recurring fee is invoiced."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"
    ONCE = "once"


class PriceUnit(LabelledEnum):
    """Unit a price refers to."""

    WORKSTATION_MONTH = "workstation_month"
    RESIDENT_YEAR = "resident_year"
    CASE = "case"
    FLAT_YEAR = "flat_year"
    FLAT_MONTH = "flat_month"
    PIECE = "piece"
    HOUR = "hour"


class AgreementStatus(LabelledEnum):
    """Lifecycle of a service agreement."""

    DRAFT = "draft"
    ACTIVE = "active"
    NOTICE_GIVEN = "notice_given"
    ENDED = "ended"


class InvoiceKind(LabelledEnum):
    """Kind of invoice document."""

    INVOICE = "invoice"
    CANCELLATION = "cancellation"
    CAPITAL = "capital"


class InvoiceStatus(LabelledEnum):
    """Lifecycle of an invoice."""

    DRAFT = "draft"
    ISSUED = "issued"
    CANCELLED = "cancelled"


class MeetingStatus(LabelledEnum):
    """Lifecycle of an assembly meeting."""

    PLANNED = "planned"
    HELD = "held"
    CLOSED = "closed"


class Majority(LabelledEnum):
    """Majority a resolution needs."""

    SIMPLE = "simple"
    TWO_THIRDS_STATUTORY = "two_thirds_statutory"
    TWO_THIRDS_AND_MEMBERS = "two_thirds_and_members"
    TASK_CHANGE = "task_change"
    UNANIMOUS = "unanimous"
    NONE = "none"


class MinutesStatus(LabelledEnum):
    """Lifecycle of a meeting's minutes (Niederschrift, § 41 GemO)."""

    DRAFT = "draft"
    SIGNED = "signed"
    APPROVED = "approved"


class Outcome(LabelledEnum):
    """What became of a resolution put to the vote."""

    ADOPTED = "adopted"
    REJECTED = "rejected"
    NOT_QUORATE = "not_quorate"


class VoteChoice(LabelledEnum):
    """A member's block vote on a resolution."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    NOT_TAKING_PART = "not_taking_part"


class StatuteStatus(LabelledEnum):
    """Lifecycle of a statute version."""

    DRAFT = "draft"
    ADOPTED = "adopted"
    APPROVED = "approved"
    IN_FORCE = "in_force"
    SUPERSEDED = "superseded"


_LABEL_LIST: list[tuple[LabelledEnum, str]] = [
    (OrganisationKind.CITY, N_("City")),
    (OrganisationKind.COUNTY, N_("County")),
    (OrganisationKind.VERBANDSGEMEINDE, N_("Verbandsgemeinde")),
    (OrganisationKind.MUNICIPALITY, N_("Municipality")),
    (OrganisationKind.COMPANY, N_("Company")),
    (OrganisationKind.OTHER, N_("Other")),
    (MembershipStatus.APPLIED, N_("Applied")),
    (MembershipStatus.COUNCIL_RESOLVED, N_("Council resolution")),
    (MembershipStatus.ASSEMBLY_APPROVED, N_("Approved by assembly")),
    (MembershipStatus.AUTHORITY_APPROVED, N_("Approved by authority")),
    (MembershipStatus.ACTIVE, N_("Member")),
    (MembershipStatus.NOTICE_GIVEN, N_("Notice given")),
    (MembershipStatus.LEFT, N_("Left")),
    (ServiceStatus.PLANNED, N_("Planned")),
    (ServiceStatus.ACTIVE, N_("Active")),
    (ServiceStatus.RETIRED, N_("Retired")),
    (PriceListStatus.DRAFT, N_("Draft")),
    (PriceListStatus.PUBLISHED, N_("Published")),
    (TaxCategory.STANDARD, N_("19 % VAT")),
    (TaxCategory.REDUCED, N_("7 % VAT")),
    (TaxCategory.NOT_TAXABLE, N_("Not taxable")),
    (BillingRhythm.MONTHLY, N_("Monthly")),
    (BillingRhythm.QUARTERLY, N_("Quarterly")),
    (BillingRhythm.HALF_YEARLY, N_("Half-yearly")),
    (BillingRhythm.YEARLY, N_("Yearly")),
    (BillingRhythm.ONCE, N_("Once")),
    (PriceUnit.WORKSTATION_MONTH, N_("per workstation and month")),
    (PriceUnit.RESIDENT_YEAR, N_("per resident and year")),
    (PriceUnit.CASE, N_("per case")),
    (PriceUnit.FLAT_YEAR, N_("flat fee per year")),
    (PriceUnit.FLAT_MONTH, N_("flat fee per month")),
    (PriceUnit.PIECE, N_("per piece")),
    (PriceUnit.HOUR, N_("per hour")),
    (AgreementStatus.DRAFT, N_("Draft")),
    (AgreementStatus.ACTIVE, N_("Active")),
    (AgreementStatus.NOTICE_GIVEN, N_("Notice given")),
    (AgreementStatus.ENDED, N_("Ended")),
    (InvoiceKind.INVOICE, N_("Invoice")),
    (InvoiceKind.CANCELLATION, N_("Cancellation invoice")),
    (InvoiceKind.CAPITAL, N_("Capital contribution")),
    (InvoiceStatus.DRAFT, N_("Draft")),
    (InvoiceStatus.ISSUED, N_("Issued")),
    (InvoiceStatus.CANCELLED, N_("Cancelled")),
    (MeetingStatus.PLANNED, N_("Planned")),
    (MeetingStatus.HELD, N_("Held")),
    (MeetingStatus.CLOSED, N_("Closed")),
    (Majority.SIMPLE, N_("Ordinary resolution")),
    (Majority.TWO_THIRDS_STATUTORY, N_("Qualified majority (statute change)")),
    (Majority.TWO_THIRDS_AND_MEMBERS, N_("Accession or exit of a member")),
    (Majority.TASK_CHANGE, N_("Change of the association's tasks")),
    (Majority.UNANIMOUS, N_("Unanimity")),
    (Majority.NONE, N_("No vote")),
    (MinutesStatus.DRAFT, N_("Draft")),
    (MinutesStatus.SIGNED, N_("Signed")),
    (MinutesStatus.APPROVED, N_("Approved")),
    (Outcome.ADOPTED, N_("Carried")),
    (Outcome.REJECTED, N_("Rejected")),
    (Outcome.NOT_QUORATE, N_("Not quorate")),
    (VoteChoice.YES, N_("Yes")),
    (VoteChoice.NO, N_("No")),
    (VoteChoice.ABSTAIN, N_("Abstain")),
    (VoteChoice.NOT_TAKING_PART, N_("Not taking part")),
    (StatuteStatus.DRAFT, N_("Draft")),
    (StatuteStatus.ADOPTED, N_("Adopted")),
    (StatuteStatus.APPROVED, N_("Approved")),
    (StatuteStatus.IN_FORCE, N_("In force")),
    (StatuteStatus.SUPERSEDED, N_("Superseded")),
]
# Keyed by (enum class, value): members of different enums with equal values are equal strings.
_LABELS: dict[tuple[type, str], str] = {(type(m), m.value): text for m, text in _LABEL_LIST}
