"""Printed invoice: § 14 UStG fields, amounts recomputed with Decimal, pages, carry-over totals,
GiroCode, escaping, window position and what a PDF/A conversion needs (fonts, RGB, metadata)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from typing import Any

import pytest
import segno
from invoice_samples import ALL, cancellation, capital, long, not_subject, taxed
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from zidkor_desktop import l10n
from zidkor_desktop.documents.invoice import render_invoice
from zidkor_desktop.domain.invoice import InvoiceSnapshot, TaxCode

MM = 72 / 25.4
HEADER = "Pos. Leistung Menge Einheit Einzelpreis USt Betrag"


@pytest.fixture(autouse=True)
def german() -> Iterator[None]:
    previous = l10n.current_language()
    l10n.set_language("de")
    yield
    l10n.set_language(previous)


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, whitespace (also no-break spaces) folded to single spaces."""
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(BytesIO(pdf)).pages]


def euro(amount: Decimal) -> str:
    """German amount written independently of Babel: '1.638,00 €', '-311,22 €'."""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    return f"{sign}{int(whole):,}".replace(",", ".") + f",{cents} €"


def number(value: Decimal) -> str:
    """German quantity without trailing zeros: '12', '1,5', '12.345', '-12'."""
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _dot, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + (f",{fraction}" if fraction else "")


def day(value: date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def breakdown(snapshot: InvoiceSnapshot) -> dict[tuple[TaxCode, Decimal], tuple[Decimal, Decimal]]:
    """Net per category and rate summed from the lines, VAT rounded half-up once per rate."""
    nets: dict[tuple[TaxCode, Decimal], Decimal] = {}
    for line in snapshot.lines:
        key = (line.tax_code, Decimal(0) if line.tax_code is TaxCode.NOT_SUBJECT else line.tax_rate)
        nets[key] = nets.get(key, Decimal(0)) + line.net
    return {
        key: (net, (net * key[1] / 100).quantize(Decimal("0.01"), ROUND_HALF_UP))
        for key, net in nets.items()
    }


@pytest.mark.parametrize("name", list(ALL))
def test_every_kind_prints_the_section_14_fields_and_amounts(name: str) -> None:
    snapshot: InvoiceSnapshot = ALL[name]()
    pages = page_texts(render_invoice(snapshot))
    text = " ".join(pages)
    seller, buyer = snapshot.seller, snapshot.buyer
    for expected in (
        seller.name,
        f"{seller.street} · {seller.postcode} {seller.city}",
        f"Steuernummer {seller.tax_number}",
        "Verbandsgemeinde Musterland (Beispiel) & Co <Test>",
        buyer.address_extra,
        buyer.street,
        f"{buyer.postcode} {buyer.city}",
        f"Rechnungsnummer {snapshot.number}",
        f"Rechnungsdatum {day(snapshot.issue_date)}",
        f"Kundennummer {buyer.debtor_number}",
        f"Leitweg-ID {buyer.leitweg_id}",
        'Ihr Zeichen Az. 1.2-"Standesamt"',
        f"Ansprechpartner {seller.contact_name}",
        f"{snapshot.title} Nr. {snapshot.number}",
    ):
        assert expected in text, expected
    if snapshot.period_start is not None:
        period = f"{day(snapshot.period_start)} – {day(snapshot.period_end)}"  # type: ignore[arg-type]
        assert f"Leistungszeitraum {period}" in text
    else:
        assert "Leistungszeitraum" not in text
    for line in snapshot.lines:
        assert line.description in text
        assert f"{number(line.quantity)} {line.unit_label}" in text
        assert euro(line.net) in text
        if line.period_start is not None:
            period = f"{day(line.period_start)} – {day(line.period_end)}"  # type: ignore[arg-type]
            assert f"Zeitraum: {period}" in text
    gross = Decimal(0)
    for (code, rate), (net, tax) in breakdown(snapshot).items():
        gross += net + tax
        if code is TaxCode.NOT_SUBJECT:
            assert f"Nettobetrag (nicht steuerbar) {euro(net)}" in text
        else:
            assert f"Nettobetrag {number(rate)} % {euro(net)}" in text
            assert f"Umsatzsteuer {number(rate)} % {euro(tax)}" in text
    assert f"Gesamtbetrag {euro(gross)}" in text
    for index, page in enumerate(pages, start=1):
        assert f"Seite {index} von {len(pages)}" in page


def test_taxed_invoice_lines_rates_payment_and_girocode() -> None:
    snapshot = taxed()
    pdf = render_invoice(snapshot)
    text = " ".join(page_texts(pdf))
    assert "12 × 45,50 € × 3 Monate" in text  # how the line amount comes about
    assert "33,3333 €" in text  # unit price with four places
    assert "Nettobetrag 19 % 1.638,00 € Umsatzsteuer 19 % 311,22 €" in text
    assert "Nettobetrag 7 % 100,00 € Umsatzsteuer 7 % 7,00 €" in text
    assert "Gesamtbetrag 2.056,22 €" in text
    assert "Bitte überweisen Sie den Gesamtbetrag von 2.056,22 €" in text
    assert "Zahlbar ohne Abzug bis 05.05.2027." in text
    assert "Fällig am 05.05.2027" in text
    for expected in (
        "Sparkasse Koblenz",
        "IBAN DE02 1203 0000 0000 2020 51",
        "BIC BYLADEM1001",
        "Verwendungszweck: RE-2027-00012",
        "GiroCode",
    ):
        assert expected in text, expected
    expected_code = segno.make_qr(
        b"BCD\n002\n1\nSCT\nBYLADEM1001\nZweckverband Kommunale IT Rheinland-Pfalz (ZIDKOR)\n"
        b"DE02120300000000202051\nEUR2056.22\n\n\nRE-2027-00012",
        error="m",
        boost_error=False,
    )
    reader = PdfReader(BytesIO(pdf))
    assert qr_modules(reader, 0) == dark_modules(expected_code)
    assert not reader.pages[0].images  # the code is drawn as vector squares, no image


def dark_modules(code: segno.QRCode) -> set[tuple[int, int]]:
    """(row, column) of every dark module of a code."""
    return {(r, c) for r, row in enumerate(code.matrix) for c, dark in enumerate(row) if dark}


def qr_modules(reader: PdfReader, index: int) -> set[tuple[int, int]]:
    """(row, column) of the dark modules drawn on a page: the rectangles drawn in the flipped
    one-unit-per-module coordinate system of the code (the only flipped one on the page)."""
    flipped, stack, modules = False, [], set()
    for args, op in ContentStream(reader.pages[index].get_contents(), reader).operations:
        if op == b"q":
            stack.append(flipped)
        elif op == b"Q":
            flipped = stack.pop()
        elif op == b"cm" and float(args[3]) < 0:
            flipped = True
        elif op == b"re" and flipped:
            x, y, width, height = (int(float(v)) for v in args)
            assert height == 1
            modules |= {(y, column) for column in range(x, x + width)}
    return modules


def test_cancellation_refers_to_the_original_with_negative_amounts_and_no_code() -> None:
    pdf = render_invoice(cancellation())
    text = " ".join(page_texts(pdf))
    assert text.count("Stornorechnung Nr. RE-2027-00020") >= 1
    assert "Storno zu Rechnung RE-2027-00012 vom 05.04.2027" in text
    assert "Grund: Falsche Anzahl Arbeitsplätze (12 statt 10)." in text
    assert "-12 je Arbeitsplatz" in text and "-12 × 45,50 € × 3 Monate" in text
    assert "-1.638,00 €" in text and "Umsatzsteuer 19 % -311,22 €" in text
    assert "Gesamtbetrag -2.056,22 €" in text
    assert "GiroCode" not in text and "Bitte überweisen" not in text and "Fällig am" not in text
    reader = PdfReader(BytesIO(pdf))
    assert all(not qr_modules(reader, i) for i in range(len(reader.pages)))


@pytest.mark.parametrize("make", [not_subject, capital])
def test_not_taxable_invoice_shows_the_note_and_no_vat(make: Any) -> None:
    snapshot = make()
    text = " ".join(page_texts(render_invoice(snapshot)))
    assert snapshot.exemption_note in text
    assert "Umsatzsteuer" not in text and "USt " not in text and " %" not in text
    assert f"Gesamtbetrag {euro(snapshot.lines[0].net)}" in text


def test_long_invoice_repeats_the_header_and_carries_the_running_total() -> None:
    snapshot = long()
    pages = page_texts(render_invoice(snapshot))
    assert len(pages) > 1
    nets = {line.position: line.net for line in snapshot.lines}
    on_page = [[n for n in nets if f"Position {n}: " in page] for page in pages]
    assert sorted(n for found in on_page for n in found) == list(nets)  # each line once
    before = Decimal(0)
    for index, page in enumerate(pages):
        assert HEADER in page, index
        carried = re.findall(r"Übertrag (-?[\d.]+,\d\d €)", page)
        after = before + sum((nets[n] for n in on_page[index]), Decimal(0))
        expected = ([euro(before)] if index else []) + (
            [euro(after)] if index < len(pages) - 1 else []
        )
        assert carried == expected, index
        before = after
    assert f"Gesamtbetrag {euro(before * Decimal('1.19'))}" in pages[-1]


def test_user_text_prints_literally() -> None:
    tricky = "a < b & \"c\" <b>fett</b> &amp; 'd'"
    snapshot = replace(
        cancellation(),
        cancel_reason=tricky,
        note=f"Hinweis: {tricky}",
        lines=[replace(cancellation().lines[0], description=tricky, detail=tricky)],
    )
    text = " ".join(page_texts(render_invoice(snapshot)))
    assert f"Grund: {tricky}" in text
    assert f"Hinweis: {tricky}" in text
    assert text.count(tricky) >= 4
    assert "„Anführungszeichen“ & <Klammern>" in " ".join(page_texts(render_invoice(long(2))))


def test_address_sits_in_the_window_of_a_dl_envelope() -> None:
    reader = PdfReader(BytesIO(render_invoice(taxed())))
    found: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip():
            found.append((text.strip(), x / MM, 297 - y / MM, size * abs(tm[0] or 1)))

    reader.pages[0].extract_text(visitor_text=visit)
    (name,) = [f for f in found if f[0].startswith("Verbandsgemeinde")]
    (town,) = [f for f in found if f[0] == "56000 Musterland"]
    (back,) = [f for f in found if f[0].endswith("Rathausplatz 1 · 56068 Koblenz") and f[3] < 8]
    for _text, left, top, _size in (name, town):
        assert 45 + 17.7 < top < 45 + 45 and 20 < left < 20 + 85  # address zone of the window
    assert 45 < back[2] < 45 + 17.7 and 20 < back[1] < 30  # return line in its first 17.7 mm
    (info,) = [f for f in found if f[0] == "Rechnungsnummer"]
    assert info[1] >= 125 - 0.1 and 45 < info[2] < 100
    assert condensed_sizes(reader, 0) == {6.0}  # only the long return line is condensed


def condensed_sizes(reader: PdfReader, index: int) -> set[float]:
    """Font sizes of text shown with a horizontal scaling other than 100 % (q/Q aware)."""
    scale, size, stack, sizes = 100.0, 0.0, [], set()
    for args, op in ContentStream(reader.pages[index].get_contents(), reader).operations:
        if op == b"q":
            stack.append(scale)
        elif op == b"Q":
            scale = stack.pop()
        elif op == b"Tz":
            scale = float(args[0])
        elif op == b"Tf":
            size = float(args[1])
        elif op in (b"Tj", b"TJ", b"'", b'"') and scale != 100:
            sizes.add(size)
    return sizes


def test_logo_top_right_flattened_to_rgb() -> None:
    logo = Image.new("RGBA", (200, 80), (0, 0, 0, 0))
    logo.paste((200, 30, 30, 255), (20, 20, 180, 60))
    buffer = BytesIO()
    logo.save(buffer, format="PNG")
    pdf = render_invoice(taxed(), buffer.getvalue())
    (image,) = PdfReader(BytesIO(pdf)).pages[0].images
    printed = image.image
    assert printed.size == (200, 80)
    assert printed.mode == "RGB"
    assert printed.getpixel((5, 5)) == (255, 255, 255)  # transparency flattened onto white
    assert printed.getpixel((100, 40)) == (200, 30, 30)
    cmyk = Image.new("CMYK", (120, 120), (0, 255, 255, 0))
    jpeg = BytesIO()
    cmyk.save(jpeg, format="JPEG")
    assert_pdfa_ready(render_invoice(not_subject(), jpeg.getvalue()))


def fonts_of(resources: Any) -> Iterator[Any]:
    """Every font of a resource dictionary and of the form XObjects it uses."""
    resources = resources.get_object() if resources is not None else {}
    yield from (f.get_object() for f in resources.get("/Font", {}).values())
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from fonts_of(xobject.get("/Resources"))


def assert_pdfa_ready(pdf: bytes) -> None:
    """Embedded fonts only, RGB colour only, no transparency, no JavaScript."""
    reader = PdfReader(BytesIO(pdf))
    assert b"/JavaScript" not in pdf and b"/JS" not in pdf
    for page in reader.pages:
        for font in fonts_of(page.get("/Resources")):
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, font.get("/BaseFont")
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
        operators = {op for _args, op in ContentStream(page.get_contents(), reader).operations}
        assert operators.isdisjoint({b"g", b"G", b"k", b"K", b"cs", b"CS", b"sc", b"scn"})
        assert b"rg" in operators
        for xobject in page["/Resources"].get("/XObject", {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Image":
                assert xobject["/ColorSpace"] == "/DeviceRGB"
                assert "/SMask" not in xobject and "/Mask" not in xobject
        assert "/ExtGState" not in page["/Resources"]


@pytest.mark.parametrize("name", list(ALL))
def test_pdf_is_ready_for_pdfa_and_has_metadata(name: str) -> None:
    snapshot = ALL[name]()
    pdf = render_invoice(snapshot)
    assert_pdfa_ready(pdf)
    meta = PdfReader(BytesIO(pdf)).metadata
    assert meta is not None
    assert meta.title == f"{snapshot.title} Nr. {snapshot.number}"
    assert meta.author == snapshot.seller.name
    assert snapshot.buyer.name in (meta.subject or "")


def test_quantities_and_unit_prices_in_german_format() -> None:
    line = replace(
        taxed().lines[0],
        quantity=Decimal("1.500"),
        unit_price=Decimal("0.1250"),
        net=Decimal("0.56"),
        factor_text="3 Monate",
    )
    text = " ".join(page_texts(render_invoice(replace(taxed(), lines=[line]))))
    assert "1,5 je Arbeitsplatz" in text and "0,125 € × 3 Monate" not in text
    assert "1,5 × 0,1250 € × 3 Monate" in text and "0,56 €" in text
