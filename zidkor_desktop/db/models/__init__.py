"""All ORM models; importing this package registers every table on Base.metadata."""

from zidkor_desktop.db.models.agreements import (
    Agreement,
    AgreementItem,
    AgreementTemplateSection,
)
from zidkor_desktop.db.models.audit import AuditEntry
from zidkor_desktop.db.models.backups import BackupRecord
from zidkor_desktop.db.models.invoices import (
    ArchivedDocument,
    BankEntry,
    BillingRun,
    Invoice,
    InvoiceLine,
    NumberSequence,
    Payment,
    Reminder,
    ReminderItem,
)
from zidkor_desktop.db.models.meetings import (
    AgendaItem,
    Attendance,
    BlockVote,
    ConflictExclusion,
    Meeting,
)
from zidkor_desktop.db.models.organisations import (
    Customer,
    Membership,
    MembershipVotes,
    Organisation,
    Population,
)
from zidkor_desktop.db.models.pricelist import PriceItem, PriceList
from zidkor_desktop.db.models.services import Service, ServiceOperator
from zidkor_desktop.db.models.settings import AssociationSettings
from zidkor_desktop.db.models.statute import StatuteSection, StatuteVersion

__all__ = [
    "AgendaItem",
    "Agreement",
    "AgreementItem",
    "AgreementTemplateSection",
    "ArchivedDocument",
    "AssociationSettings",
    "Attendance",
    "AuditEntry",
    "BackupRecord",
    "BankEntry",
    "BillingRun",
    "BlockVote",
    "ConflictExclusion",
    "Customer",
    "Invoice",
    "InvoiceLine",
    "Meeting",
    "Membership",
    "MembershipVotes",
    "NumberSequence",
    "Organisation",
    "Payment",
    "Population",
    "PriceItem",
    "PriceList",
    "Reminder",
    "ReminderItem",
    "Service",
    "ServiceOperator",
    "StatuteSection",
    "StatuteVersion",
]
