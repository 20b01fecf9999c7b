"""The amendment statute (Änderungssatzung) between two statute versions as an A4 PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from zidkor_desktop.documents.base import DocumentRenderer, para
from zidkor_desktop.documents.statute import styles, text_paragraph
from zidkor_desktop.domain.statute_amendment import Amendment
from zidkor_desktop.l10n import _, format_date


@dataclass(frozen=True)
class AmendmentDocument:
    """The generated amendment with what the page frame shows."""

    short_name: str
    old_version: int
    new_version: int
    amendment: Amendment
    printed_on: date = field(default_factory=date.today)

    @property
    def versions_text(self) -> str:
        """'Version 1 → version 2' in the current language."""
        return _("Version {old} → version {new}").format(old=self.old_version, new=self.new_version)


def document_title() -> str:
    """The name of the document in the current language."""
    return _("Amendment statute")


def _story(doc: AmendmentDocument) -> list[Any]:
    st = styles()
    text = doc.amendment
    story: list[Any] = [
        para(text.title, st["title"]),
        para(doc.versions_text, st["subtitle"]),
        Spacer(1, 5 * mm),
        text_paragraph(text.preamble, st["body"]),
    ]
    for article in text.articles:
        story.append(para(article.heading, st["section"]))
        if article.intro:
            story.append(text_paragraph(article.intro, st["body"]))
        numbered = len(article.items) > 1 or article.heading.startswith("Artikel 1")
        for index, item in enumerate(article.items, start=1):
            if numbered:
                story.append(text_paragraph(item, st["numbered"], f"{index}."))
            else:
                story.append(text_paragraph(item, st["body"]))
    return story


class AmendmentRenderer(DocumentRenderer):
    """The amendment statute on the shared page frame."""

    def __init__(self, doc: AmendmentDocument) -> None:
        self.doc = doc
        self.title = doc.amendment.title
        self.author = doc.short_name
        self.subject = doc.versions_text

    def story(self) -> list[Any]:
        return _story(self.doc)

    def footer_left(self) -> str:
        return _("{short_name} · {document} · {version} · printed on {date}").format(
            short_name=self.doc.short_name,
            document=document_title(),
            version=self.doc.versions_text,
            date=format_date(self.doc.printed_on),
        )


def render_amendment(doc: AmendmentDocument) -> bytes:
    """The amendment statute as PDF bytes (A4 portrait, embedded fonts, 'page x of y')."""
    return AmendmentRenderer(doc).render()
