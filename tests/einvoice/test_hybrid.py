"""The ZUGFeRD/Factur-X hybrid: PDF/A-3 identification, sRGB intent, embedded XML and fonts."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import facturx
import invoice_samples as samples
import pytest
from lxml import etree
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from zidkor_desktop.documents.base import DocumentRenderer, para
from zidkor_desktop.documents.fonts import REGULAR
from zidkor_desktop.documents.invoice import render_invoice
from zidkor_desktop.einvoice.hybrid import hybrid_pdf
from zidkor_desktop.einvoice.xrechnung import xrechnung_xml

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XMP_NS = {
    "rdf": RDF,
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "fx": "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}


class InvoiceLikeDocument(DocumentRenderer):
    """A small document of the project's renderer: embedded fonts only (also the initial one)."""

    title = "Rechnung RE-2027-00012"
    author = "Zweckverband Kommunale IT Rheinland-Pfalz (ZIDKOR)"
    subject = "Rechnung an Verbandsgemeinde Musterland"

    def story(self) -> list[Any]:
        style = ParagraphStyle("body", fontName=REGULAR, fontSize=10)
        return [
            para(f"Rechnung RE-2027-00012 – Position {n}: 1.638,00 € <&>", style) for n in (1, 2)
        ]


@pytest.fixture(scope="module")
def invoice_pdf() -> bytes:
    return InvoiceLikeDocument().render()


@pytest.fixture(scope="module")
def xml() -> bytes:
    return xrechnung_xml(samples.taxed())


@pytest.fixture(scope="module")
def hybrid(invoice_pdf: bytes, xml: bytes) -> PdfReader:
    return PdfReader(BytesIO(hybrid_pdf(invoice_pdf, xml)))


def xmp_root(reader: PdfReader) -> etree._Element:
    data = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    return etree.fromstring(data[data.index(b"<x:xmpmeta") : data.index(b"</x:xmpmeta>") + 12])


def xmp_text(root: etree._Element, path: str) -> str:
    found = root.xpath(path, namespaces=XMP_NS)
    assert len(found) == 1, path
    return found[0].text


def test_the_embedded_xml_extracts_back_byte_identical(hybrid: PdfReader, xml: bytes) -> None:
    assert list(hybrid.attachments) == ["factur-x.xml"]
    assert hybrid.attachments["factur-x.xml"] == [xml]
    catalog = hybrid.trailer["/Root"]
    associated = [spec.get_object() for spec in catalog["/AF"]]
    assert [spec["/F"] for spec in associated] == ["factur-x.xml"]
    assert associated[0]["/UF"] == "factur-x.xml"
    assert associated[0]["/AFRelationship"] == "/Alternative"
    stream = associated[0]["/EF"]["/F"].get_object()
    assert stream["/Subtype"] == "/text/xml"
    assert stream["/Params"]["/Size"] == len(xml)


def test_a_factur_x_reader_finds_the_xml(hybrid: PdfReader, xml: bytes) -> None:
    out = BytesIO()
    hybrid.stream.seek(0)
    out.write(hybrid.stream.read())
    filename, found = facturx.get_xml_from_pdf(out.getvalue(), check_xsd=False)
    assert (filename, found) == ("factur-x.xml", xml)


def test_xmp_says_pdf_a_3b_and_factur_x_xrechnung(hybrid: PdfReader) -> None:
    root = xmp_root(hybrid)
    descriptions = root.iter(f"{{{RDF}}}Description")
    assert all(node.get(f"{{{RDF}}}about") == "" for node in descriptions)
    assert xmp_text(root, "//pdfaid:part") == "3"
    assert xmp_text(root, "//pdfaid:conformance") == "B"
    assert xmp_text(root, "//fx:ConformanceLevel") == "XRECHNUNG"
    assert xmp_text(root, "//fx:DocumentFileName") == "factur-x.xml"
    assert xmp_text(root, "//fx:DocumentType") == "INVOICE"
    assert xmp_text(root, "//fx:Version") == "1.0"
    assert xmp_text(root, "//pdfaSchema:namespaceURI") == XMP_NS["fx"]
    names = root.xpath("//pdfaSchema:property//*[local-name()='name']/text()", namespaces=XMP_NS)
    assert sorted(names) == ["ConformanceLevel", "DocumentFileName", "DocumentType", "Version"]
    assert xmp_text(root, "//xmpMM:DocumentID").startswith("uuid:")


def test_the_information_dictionary_says_what_the_xmp_says(hybrid: PdfReader) -> None:
    root = xmp_root(hybrid)
    info = hybrid.metadata
    assert info["/Title"] == xmp_text(root, "//dc:title//rdf:li") == InvoiceLikeDocument.title
    assert info["/Author"] == xmp_text(root, "//dc:creator//rdf:li")
    assert info["/Subject"] == xmp_text(root, "//dc:description//rdf:li")
    assert info["/Creator"] == xmp_text(root, "//xmp:CreatorTool")
    assert info["/Producer"] == xmp_text(root, "//pdf:Producer")
    created = info.creation_date.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    assert created == xmp_text(root, "//xmp:CreateDate") == xmp_text(root, "//xmp:ModifyDate")
    assert "/Trapped" not in info and "/Keywords" not in info


def test_an_srgb_output_intent_with_its_icc_profile(hybrid: PdfReader) -> None:
    intents = hybrid.trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"
    profile = intent["/DestOutputProfile"].get_object()
    icc = profile.get_data()
    assert profile["/N"] == 3
    assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB " and icc[12:16] == b"mntr"
    assert int.from_bytes(icc[:4], "big") == len(icc)


def test_every_font_is_embedded_and_the_file_has_an_id(hybrid: PdfReader) -> None:
    fonts = []
    for page in hybrid.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            fonts.append(font["/BaseFont"])
    assert fonts and all("Helvetica" not in name for name in fonts)
    first, second = hybrid.trailer["/ID"]
    # pypdf may read an ID as text when its bytes happen to decode: compare the raw bytes.
    assert len(first.original_bytes) == 16 and len(second.original_bytes) == 16
    assert hybrid.pdf_header == "%PDF-1.7"


def test_a_pdf_with_an_unembedded_font_is_refused(xml: bytes) -> None:
    buffer = BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(100, 700, "Rechnung")
    canvas.save()
    with pytest.raises(ValueError, match="Helvetica"):
        hybrid_pdf(buffer.getvalue(), xml)


COLOUR_OPERATORS = re.compile(rb"(?<![A-Za-z])(k|K|cs|CS|sc|SC|scn|SCN)(?![A-Za-z])")


@pytest.mark.parametrize("name", ["taxed", "cancellation", "long"])
def test_the_printed_invoice_makes_a_conforming_hybrid(name: str) -> None:
    """The real invoice renderer: embedded fonts, RGB colours and images, the XML inside."""
    snapshot = samples.ALL[name]()
    xml = xrechnung_xml(snapshot)
    reader = PdfReader(BytesIO(hybrid_pdf(render_invoice(snapshot), xml)))
    assert reader.attachments["factur-x.xml"] == [xml]
    for page in reader.pages:
        assert not COLOUR_OPERATORS.search(page.get_contents().get_data())
        for xobject in page["/Resources"].get("/XObject", {}).values():
            image = xobject.get_object()
            assert image["/ColorSpace"] in ("/DeviceRGB", "/DeviceGray")
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor
