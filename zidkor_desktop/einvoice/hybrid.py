"""The ZUGFeRD / Factur-X hybrid: a PDF/A-3b that carries the XRechnung XML as factur-x.xml.

The printed PDF comes from ReportLab: it must embed every font it uses (including the canvas's
initial font) and paint in RGB or grey only. This module adds what ReportLab's open-source
edition does not write: the sRGB output intent, the XMP metadata with the PDF/A identification
and the Factur-X extension schema (conformance level XRECHNUNG, which the factur-x library does
not know), the embedded XML as an associated file (AFRelationship Alternative, as Factur-X and
ZUGFeRD ask for the EN 16931 and XRECHNUNG levels) and a document information dictionary that
says the same as the XMP. The trailer's file identifier is kept as the XMP document ID.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from io import BytesIO

from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

XML_FILENAME = "factur-x.xml"
CONFORMANCE_LEVEL = "XRECHNUNG"
FX_NAMESPACE = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"
SRGB_NAME = "sRGB IEC61966-2.1"
NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    "fx": FX_NAMESPACE,
}
FX_PROPERTIES = {
    "DocumentFileName": "The name of the embedded XML document",
    "DocumentType": "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER",
    "Version": "The actual version of the standard applying to the embedded XML document",
    "ConformanceLevel": "The conformance level of the embedded XML document",
}


def hybrid_pdf(pdf: bytes, xml: bytes) -> bytes:
    """The PDF/A-3b hybrid of a rendered invoice PDF and its XRechnung XML."""
    reader = PdfReader(BytesIO(pdf))
    missing = sorted(set(_unembedded_fonts(reader)))
    if missing:
        raise ValueError(f"PDF/A needs embedded fonts; not embedded: {', '.join(missing)}")
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = b"%PDF-1.7"
    info = reader.metadata or {}
    created = (reader.metadata.creation_date if reader.metadata else None) or datetime.now(UTC)
    first_id = _first_id(writer, pdf)
    writer._ID = ArrayObject(
        [ByteStringObject(first_id), ByteStringObject(hashlib.md5(pdf + xml).digest())]
    )
    texts = {key: str(info.get(f"/{key}") or "") for key in ("Title", "Author", "Subject")}
    texts["Creator"] = str(info.get("/Creator") or "")
    texts["Producer"] = str(info.get("/Producer") or "")
    catalog = writer.root_object
    filespec = _attach_xml(writer, xml, created)
    catalog[NameObject("/AF")] = writer._add_object(ArrayObject([filespec]))
    names = catalog.get("/Names")
    names = names.get_object() if names is not None else DictionaryObject()
    names[NameObject("/EmbeddedFiles")] = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject(XML_FILENAME), filespec])}
    )
    catalog[NameObject("/Names")] = names
    catalog[NameObject("/OutputIntents")] = ArrayObject([_output_intent(writer)])
    xmp = _xmp(texts, created, uuid.UUID(bytes=first_id[:16].ljust(16, b"\0")))
    metadata = StreamObject()
    metadata[NameObject("/Type")] = NameObject("/Metadata")
    metadata[NameObject("/Subtype")] = NameObject("/XML")
    metadata.set_data(xmp)
    catalog[NameObject("/Metadata")] = writer._add_object(metadata)
    writer.metadata = _info(texts, created)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _first_id(writer: PdfWriter, pdf: bytes) -> bytes:
    """The permanent part of the file identifier (ReportLab writes one; else from the bytes)."""
    current = writer._ID
    if current and len(current) == 2 and bytes(current[0].original_bytes):
        return bytes(current[0].original_bytes)
    return hashlib.md5(pdf).digest()


def _attach_xml(writer: PdfWriter, xml: bytes, created: datetime) -> IndirectObject:
    """The XML as an embedded file stream and its file specification (returned)."""
    stream = DecodedStreamObject()
    stream.set_data(xml)
    stream = stream.flate_encode()
    stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
    stream[NameObject("/Subtype")] = NameObject("/text/xml")
    stream[NameObject("/Params")] = DictionaryObject(
        {
            NameObject("/Size"): NumberObject(len(xml)),
            NameObject("/ModDate"): TextStringObject(_pdf_date(created)),
            NameObject("/CheckSum"): ByteStringObject(hashlib.md5(xml).digest()),
        }
    )
    file_ref = writer._add_object(stream)
    spec = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject(XML_FILENAME),
            NameObject("/UF"): TextStringObject(XML_FILENAME),
            NameObject("/Desc"): TextStringObject("XRechnung (UN/CEFACT CII)"),
            NameObject("/AFRelationship"): NameObject("/Alternative"),
            NameObject("/EF"): DictionaryObject(
                {NameObject("/F"): file_ref, NameObject("/UF"): file_ref}
            ),
        }
    )
    return writer._add_object(spec)


def _output_intent(writer: PdfWriter) -> IndirectObject:
    """The PDF/A output intent with the sRGB ICC profile."""
    profile = DecodedStreamObject()
    profile.set_data(srgb_profile())
    profile = profile.flate_encode()
    profile[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject(SRGB_NAME),
            NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
            NameObject("/Info"): TextStringObject(SRGB_NAME),
            NameObject("/DestOutputProfile"): writer._add_object(profile),
        }
    )
    return writer._add_object(intent)


@cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile (made by LittleCMS through Pillow, so no file has to ship)."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _pdf_date(moment: datetime) -> str:
    """A PDF date string in UTC ("D:20270405120000+00'00'")."""
    return moment.astimezone(UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


def _xmp_date(moment: datetime) -> str:
    """The same moment as an XMP date."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _info(texts: dict[str, str], created: datetime) -> dict[str, str]:
    """The document information dictionary, equal to the XMP (PDF/A 6.6.2.3.1)."""
    info = {f"/{key}": value for key, value in texts.items() if value}
    info["/CreationDate"] = _pdf_date(created)
    info["/ModDate"] = _pdf_date(created)
    return info


def _xmp(texts: dict[str, str], created: datetime, document_id: uuid.UUID) -> bytes:
    """The XMP packet: PDF/A-3b identification, Dublin Core, dates, IDs and the Factur-X data."""
    rdf = etree.Element(_q("rdf", "RDF"), nsmap={"rdf": NS["rdf"]})

    def description(prefix: str, *extra: str) -> etree._Element:
        nsmap = {name: NS[name] for name in (prefix, *extra)}
        node = etree.SubElement(rdf, _q("rdf", "Description"), nsmap=nsmap)
        node.set(_q("rdf", "about"), "")
        return node

    ident = description("pdfaid")
    _leaf(ident, "pdfaid", "part", "3")
    _leaf(ident, "pdfaid", "conformance", "B")
    dc = description("dc")
    if texts["Title"]:
        _lang_alt(_leaf(dc, "dc", "title"), texts["Title"])
    if texts["Author"]:
        etree.SubElement(
            etree.SubElement(_leaf(dc, "dc", "creator"), _q("rdf", "Seq")), _q("rdf", "li")
        ).text = texts["Author"]
    if texts["Subject"]:
        _lang_alt(_leaf(dc, "dc", "description"), texts["Subject"])
    pdf = description("pdf")
    if texts["Producer"]:
        _leaf(pdf, "pdf", "Producer", texts["Producer"])
    xmp = description("xmp")
    if texts["Creator"]:
        _leaf(xmp, "xmp", "CreatorTool", texts["Creator"])
    for name in ("CreateDate", "ModifyDate", "MetadataDate"):
        _leaf(xmp, "xmp", name, _xmp_date(created))
    mm = description("xmpMM")
    _leaf(mm, "xmpMM", "DocumentID", f"uuid:{document_id}")
    _leaf(mm, "xmpMM", "InstanceID", f"uuid:{document_id}")
    _extension_schema(description("pdfaExtension", "pdfaSchema", "pdfaProperty"))
    fx = description("fx")
    _leaf(fx, "fx", "DocumentType", "INVOICE")
    _leaf(fx, "fx", "DocumentFileName", XML_FILENAME)
    _leaf(fx, "fx", "Version", "1.0")
    _leaf(fx, "fx", "ConformanceLevel", CONFORMANCE_LEVEL)
    meta = etree.Element(_q("x", "xmpmeta"), nsmap={"x": NS["x"]})
    meta.append(rdf)
    body = etree.tostring(meta, encoding="UTF-8", pretty_print=True)
    head = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'.encode()
    return head + body + b'<?xpacket end="w"?>'


def _extension_schema(node: etree._Element) -> None:
    """The PDF/A extension schema that declares the Factur-X properties."""
    bag = etree.SubElement(_leaf(node, "pdfaExtension", "schemas"), _q("rdf", "Bag"))
    schema = etree.SubElement(bag, _q("rdf", "li"))
    schema.set(_q("rdf", "parseType"), "Resource")
    _leaf(schema, "pdfaSchema", "schema", "Factur-X PDFA Extension Schema")
    _leaf(schema, "pdfaSchema", "namespaceURI", FX_NAMESPACE)
    _leaf(schema, "pdfaSchema", "prefix", "fx")
    seq = etree.SubElement(_leaf(schema, "pdfaSchema", "property"), _q("rdf", "Seq"))
    for name, text in FX_PROPERTIES.items():
        prop = etree.SubElement(seq, _q("rdf", "li"))
        prop.set(_q("rdf", "parseType"), "Resource")
        _leaf(prop, "pdfaProperty", "name", name)
        _leaf(prop, "pdfaProperty", "valueType", "Text")
        _leaf(prop, "pdfaProperty", "category", "external")
        _leaf(prop, "pdfaProperty", "description", text)


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def _leaf(
    parent: etree._Element, prefix: str, name: str, text: str | None = None
) -> etree._Element:
    node = etree.SubElement(parent, _q(prefix, name))
    if text is not None:
        node.text = text
    return node


def _lang_alt(parent: etree._Element, text: str) -> None:
    item = etree.SubElement(etree.SubElement(parent, _q("rdf", "Alt")), _q("rdf", "li"))
    item.set("{http://www.w3.org/XML/1998/namespace}lang", "x-default")
    item.text = text


def _unembedded_fonts(reader: PdfReader) -> Iterator[str]:
    """Base names of the fonts in the PDF's pages and forms that have no embedded font file."""
    seen: set[int] = set()
    for page in reader.pages:
        yield from _resource_fonts(page.get("/Resources"), seen)


def _resource_fonts(resources: object, seen: set[int]) -> Iterator[str]:
    if resources is None:
        return
    resources = resources.get_object()  # type: ignore[attr-defined]
    if id(resources) in seen:
        return
    seen.add(id(resources))
    fonts = resources.get("/Font")
    for font in (fonts.get_object() if fonts is not None else {}).values():
        font = font.get_object()
        if font.get("/Subtype") == "/Type3":
            continue
        target = font
        if font.get("/Subtype") == "/Type0":
            target = font["/DescendantFonts"][0].get_object()
        descriptor = target.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            yield str(font.get("/BaseFont", "?")).lstrip("/")
    xobjects = resources.get("/XObject")
    for xobject in (xobjects.get_object() if xobjects is not None else {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _resource_fonts(xobject.get("/Resources"), seen)
