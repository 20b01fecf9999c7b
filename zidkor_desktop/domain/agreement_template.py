"""The agreement text: sections with {{placeholders}}, the shipped default and how it is filled."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.l10n import _


@dataclass(frozen=True)
class TemplateSection:
    """One section of the agreement text: key, heading and body with placeholders."""

    key: str
    heading: str
    body: str


PLACEHOLDERS: dict[str, str] = {
    "nummer": "number of the agreement",
    "verband": "name of the association",
    "verband_anschrift": "address of the association",
    "kunde": "name of the customer",
    "kunde_anschrift": "address of the customer",
    "verfahren": "name of the service",
    "betreiber": "operating city on the date of the document",
    "beginn": "start date",
    "ende": "end date or 'unbefristet'",
    "kuendigungsfrist": "notice period, e.g. '6 Monate'",
    "abrechnung": "billing rhythm",
    "entgeltverzeichnis": "title of the price list in force",
}
"""Placeholder names (German, as the office writes them) and what they stand for."""

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")

# Our own default text (German, the language of the contract), edited by the office in the program.
DEFAULT_SECTIONS: list[TemplateSection] = [
    TemplateSection(
        "subject",
        "§ 1 Gegenstand",
        "{{verband}} erbringt für {{kunde}} das Verfahren „{{verfahren}}“. Den technischen "
        "Betrieb übernimmt im Auftrag des Zweckverbands eine Mitgliedsstadt; betreibende Stadt "
        "ist derzeit {{betreiber}}. Ein Wechsel der betreibenden Stadt wird {{kunde}} "
        "rechtzeitig mitgeteilt und ändert diese Vereinbarung nicht.",
    ),
    TemplateSection(
        "term",
        "§ 2 Laufzeit und Kündigung",
        "Die Vereinbarung gilt ab dem {{beginn}}; ihre Laufzeit endet: {{ende}}. Jede Seite "
        "kann sie schriftlich kündigen; die Kündigungsfrist beträgt {{kuendigungsfrist}}. "
        "Das Recht zur Kündigung aus wichtigem Grund bleibt unberührt. Ist die Vereinbarung "
        "eine Zweckvereinbarung nach § 12 KomZG, wird sie erst mit der Genehmigung durch die "
        "Aufsichtsbehörde wirksam.",
    ),
    TemplateSection(
        "duties_association",
        "§ 3 Pflichten des Zweckverbands",
        "Der Zweckverband stellt das Verfahren betriebsbereit zur Verfügung, sorgt für Pflege, "
        "Aktualisierung und Datensicherung, hält eine Ansprechstelle für Störungen bereit und "
        "unterrichtet {{kunde}} über Wartungsarbeiten und Änderungen, die die Arbeit im "
        "Verfahren betreffen.",
    ),
    TemplateSection(
        "duties_customer",
        "§ 4 Pflichten von {{kunde}}",
        "{{kunde}} benennt eine verantwortliche Ansprechperson, meldet Änderungen der Zahl der "
        "Arbeitsplätze und der Einwohnerzahl unverzüglich, hält die eigenen Arbeitsplätze und "
        "Zugänge nach den Vorgaben des Zweckverbands auf einem sicheren Stand und verwendet das "
        "Verfahren nur für die eigenen Aufgaben.",
    ),
    TemplateSection(
        "data_protection",
        "§ 5 Datenschutz (Verarbeitung im Auftrag)",
        "Soweit der Zweckverband und die betreibende Stadt personenbezogene Daten für {{kunde}} "
        "verarbeiten, geschieht dies im Auftrag nach Art. 28 der Datenschutz-Grundverordnung. "
        "{{kunde}} bleibt Verantwortlicher; der Zweckverband verarbeitet die Daten nur auf "
        "dokumentierte Weisung, verpflichtet die eingesetzten Personen zur Vertraulichkeit, "
        "trifft die technischen und organisatorischen Maßnahmen nach Art. 32 DSGVO, setzt "
        "weitere Auftragsverarbeiter nur mit Genehmigung ein, unterstützt bei Anfragen "
        "betroffener Personen und gibt die Daten nach dem Ende der Vereinbarung zurück oder "
        "löscht sie.",
    ),
    TemplateSection(
        "fees",
        "§ 6 Entgelte",
        "Für die Leistungen zahlt {{kunde}} die Benutzungsentgelte nach dem jeweils geltenden "
        "Leistungs- und Entgeltverzeichnis des Zweckverbands (derzeit: {{entgeltverzeichnis}}). "
        "Die vereinbarten Positionen und ihre derzeitigen Preise nennt die Anlage. Entgelte je "
        "Einwohner richten sich nach der Einwohnerzahl des jeweiligen Jahres. Abgerechnet "
        "wird {{abrechnung}}.",
    ),
    TemplateSection(
        "final",
        "§ 7 Schlussbestimmungen",
        "Änderungen und Ergänzungen bedürfen der Schriftform. Sollte eine Bestimmung unwirksam "
        "sein, bleibt die Vereinbarung im Übrigen wirksam.",
    ),
]


def check_placeholders(text: str, field: str) -> None:
    """Refuse a placeholder the program cannot fill, naming it and the known ones."""
    for name in _PLACEHOLDER.findall(text):
        if name not in PLACEHOLDERS:
            raise ValidationError(
                _("Unknown placeholder {{{{{name}}}}}; known are: {known}.").format(
                    name=name, known=", ".join("{{" + k + "}}" for k in PLACEHOLDERS)
                ),
                field,
            )


def fill(text: str, values: Mapping[str, str]) -> str:
    """The text with every {{placeholder}} replaced by its value (unknown ones stay as written)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
