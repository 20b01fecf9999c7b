"""The agreement text template: the office changes a section's heading and text."""

from __future__ import annotations

from sqlalchemy import select

from zidkor_desktop.db.models import AgreementTemplateSection
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.agreement_template import DEFAULT_SECTIONS, check_placeholders
from zidkor_desktop.domain.errors import NotFound, ValidationError
from zidkor_desktop.domain.text import check_text
from zidkor_desktop.l10n import _
from zidkor_desktop.usecases.errors import translated_db_errors


def update_section(db: Database, key: str, heading: str, body: str) -> None:
    """Store a new heading and text of section `key` (the other sections stay as they are).

    The first change stores the whole shipped default, so the template is complete in the
    database from then on; placeholders the program cannot fill are refused.
    """
    heading, body = heading.strip(), body.strip()
    check_text(heading, field="heading", label=_("Heading"))
    check_text(body, field="body", label=_("Text"), multiline=True)
    if not heading:
        raise ValidationError(_("Please enter the heading of the section."), "heading")
    if len(heading) > 200:
        raise ValidationError(_("The heading is too long (at most 200 characters)."), "heading")
    if not body:
        raise ValidationError(_("Please enter the text of the section."), "body")
    check_placeholders(heading, "heading")
    check_placeholders(body, "body")
    with translated_db_errors(), db.write() as session:
        rows = {r.key: r for r in session.scalars(select(AgreementTemplateSection))}
        if not rows:
            for position, section in enumerate(DEFAULT_SECTIONS, start=1):
                row = AgreementTemplateSection(
                    key=section.key,
                    position=position,
                    heading=section.heading,
                    body=section.body,
                )
                session.add(row)
                rows[section.key] = row
        if key not in rows:
            raise NotFound(
                _("There is no section {key} in the agreement text (known: {keys}).").format(
                    key=key, keys=", ".join(rows)
                )
            )
        rows[key].heading = heading
        rows[key].body = body
