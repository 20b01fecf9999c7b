"""The agreement dialogs: new/edit, approval and announcement, quantity, notice, end."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import QWidget

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.kinds import BillingRhythm
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.agreements import AgreementDetail, customer_choices
from zidkor_desktop.queries.price_versions import service_items
from zidkor_desktop.queries.services import list_services
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.form_dialog import Field, FormDialog
from zidkor_desktop.usecases.agreements import (
    AgreementInput,
    create_agreement,
    end_agreement,
    give_notice,
    record_announcement,
    record_approval,
    set_quantity,
    update_agreement,
)


def parse_quantity(text: str, field: str) -> Decimal:
    """A quantity typed the German way ('12', '2,5'); ValidationError names the field."""
    try:
        value = Decimal(text.strip().replace(".", "").replace(",", "."))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise ValidationError(_("{text} is not a quantity.").format(text=text), field)
    return value


def agreement_dialog(
    ctx: AppContext, detail: AgreementDetail | None, parent: QWidget
) -> FormDialog:
    """New agreement (with its first item) or edit of the stored one."""
    row = detail.row if detail else None
    services = [(s.service_id, f"{s.code} – {s.name}") for s in list_services(ctx.db, ctx.today())]
    fields = [
        Field("number", _("Number"), value=row.number if row else "", max_length=30),
        Field(
            "customer_id",
            _("Customer"),
            "combo",
            row.customer_id if row else None,
            customer_choices(ctx.db),
            required=True,
        ),
        Field(
            "service_id",
            _("Service"),
            "combo",
            row.service_id if row else None,
            services,
            required=True,
        ),
        Field("title", _("Title"), value=row.title if row else _("Service agreement")),
        Field("valid_from", _("Start"), "date", row.valid_from if row else None),
        Field("valid_until", _("End"), "date", row.valid_until if row else None),
        Field("notice_months", _("Notice period (months)"), "int", row.notice_months if row else 6),
        Field("signed_on", _("Date signed"), "date", row.signed_on if row else None),
        Field(
            "billing_rhythm",
            _("Billing"),
            "combo",
            row.billing_rhythm if row else BillingRhythm.QUARTERLY,
            [(r, r.label) for r in BillingRhythm],
        ),
        Field("notes", _("Notes"), "multiline", detail.notes if detail else ""),
    ]
    if detail is None:
        fields += [
            Field("item_code", _("First item (code)"), value=""),
            Field("item_quantity", _("Quantity"), value=""),
        ]

    def save(values: dict[str, Any]) -> int | None:
        items = []
        if values.get("item_code", "").strip():
            items.append(
                (
                    values["item_code"].strip(),
                    parse_quantity(values["item_quantity"], "item_quantity"),
                )
            )
        data = AgreementInput(
            number=values["number"],
            customer_id=values["customer_id"],
            service_id=values["service_id"],
            title=values["title"],
            valid_from=values["valid_from"],
            valid_until=values["valid_until"],
            notice_months=values["notice_months"],
            signed_on=values["signed_on"],
            billing_rhythm=values["billing_rhythm"] or BillingRhythm.QUARTERLY,
            notes=values["notes"],
            items=items,
        )
        if detail is None:
            return create_agreement(ctx.db, data)
        update_agreement(ctx.db, detail.row.agreement_id, detail.version, data)
        return detail.row.agreement_id

    title = _("New agreement") if detail is None else _("Edit agreement {number}")
    return FormDialog(ctx, title.format(number=row.number if row else ""), fields, save, parent)


def approval_dialog(ctx: AppContext, detail: AgreementDetail, parent: QWidget) -> FormDialog:
    """The supervisory authority's approval and its public announcement."""
    fields = [
        Field("approved_on", _("Approved on"), "date", detail.row.authority_approved_on),
        Field("file_number", _("File number"), value=detail.authority_file_number, max_length=80),
        Field("announced_on", _("Announced on"), "date", detail.announced_on),
        Field("announced_in", _("Announced in"), value=detail.announced_in),
    ]

    def save(values: dict[str, Any]) -> int:
        agreement_id = detail.row.agreement_id
        record_approval(ctx.db, agreement_id, values["approved_on"], values["file_number"])
        record_announcement(ctx.db, agreement_id, values["announced_on"], values["announced_in"])
        return agreement_id

    title = _("Approval of agreement {number}").format(number=detail.row.number)
    return FormDialog(ctx, title, fields, save, parent)


def quantity_dialog(ctx: AppContext, detail: AgreementDetail, parent: QWidget) -> FormDialog:
    """A new quantity of a price item from a date (the previous one ends the day before)."""
    _version, items = service_items(ctx.db, detail.row.service_id, ctx.today())
    choices = [(i.code, f"{i.code} – {i.title}") for i in items]
    first = detail.row.items[0].price_code if detail.row.items else None
    fields = [
        Field("code", _("Price item"), "combo", first, choices, required=True),
        Field("quantity", _("New quantity"), value=""),
        Field("valid_from", _("From"), "date", None, required=True),
        Field("note", _("Note"), value=""),
    ]

    def save(values: dict[str, Any]) -> int:
        quantity = parse_quantity(values["quantity"], "quantity")
        set_quantity(
            ctx.db,
            detail.row.agreement_id,
            values["code"],
            quantity,
            values["valid_from"],
            values["note"],
        )
        return detail.row.agreement_id

    title = _("Change quantity: {number}").format(number=detail.row.number)
    return FormDialog(ctx, title, fields, save, parent, _("Change quantity"))


def notice_dialog(ctx: AppContext, detail: AgreementDetail, parent: QWidget) -> FormDialog:
    """Notice given on a day, with the last day of the agreement."""
    fields = [
        Field("notice_on", _("Notice given on"), "date", ctx.today(), required=True),
        Field("ends_on", _("Last day"), "date", None, required=True),
    ]

    def save(values: dict[str, Any]) -> int:
        give_notice(ctx.db, detail.row.agreement_id, values["notice_on"], values["ends_on"])
        return detail.row.agreement_id

    title = _("Notice: {number}").format(number=detail.row.number)
    return FormDialog(ctx, title, fields, save, parent, _("Record notice"))


def end_dialog(ctx: AppContext, detail: AgreementDetail, parent: QWidget) -> FormDialog:
    """End the agreement on a day (the open quantities end with it)."""
    last: date | None = detail.row.valid_until
    fields = [Field("last_day", _("Last day"), "date", last, required=True)]

    def save(values: dict[str, Any]) -> int:
        end_agreement(ctx.db, detail.row.agreement_id, values["last_day"])
        return detail.row.agreement_id

    title = _("End agreement {number}").format(number=detail.row.number)
    return FormDialog(ctx, title, fields, save, parent, _("End agreement"))
