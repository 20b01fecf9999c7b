"""A business letter on A4 after DIN 5008 form B, for a DL window envelope.

Measures from the page's top left corner: address field 85 × 45 mm at 20 mm from the left and
45 mm from the top, its first 17.7 mm for the return line; information block from 125 mm; body
text from 25 mm left; fold marks at 105 and 210 mm, hole mark at 148.5 mm. Subclasses give the
texts (`LetterParts`) and the story; later pages carry a running header.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, KeepInFrame, PageTemplate, Table, TableStyle

from zidkor_desktop.documents.base import FOOTER_TEXT, GRID, DocumentRenderer, page_of, para
from zidkor_desktop.documents.fonts import BOLD, REGULAR
from zidkor_desktop.domain.invoice import Buyer, Seller

PAGE_WIDTH = 210 * mm
PAGE_HEIGHT = 297 * mm
BODY_LEFT = 25 * mm
BODY_RIGHT = 20 * mm
BODY_WIDTH = PAGE_WIDTH - BODY_LEFT - BODY_RIGHT
ADDRESS_LEFT = 20 * mm
ADDRESS_TOP = 45 * mm
ADDRESS_WIDTH = 85 * mm
ADDRESS_HEIGHT = 45 * mm
RETURN_ZONE = 17.7 * mm
ADDRESS_INDENT = 5 * mm
INFO_LEFT = 125 * mm
INFO_TOP = 50 * mm
INFO_WIDTH = 73 * mm
INFO_LABEL_WIDTH = 29 * mm
INFO_BOTTOM = 96 * mm
FIRST_BODY_TOP = 98.5 * mm
LATER_BODY_TOP = 22 * mm
RUNNING_HEADER_TOP = 12 * mm
LOGO_TOP = 10 * mm
LOGO_MAX_WIDTH = 65 * mm
LOGO_MAX_HEIGHT = 28 * mm
LOGO_DPI = 240
FOLD_MARKS = (105 * mm, 210 * mm)
HOLE_MARK = 148.5 * mm
FOOTER_RULE = 29 * mm
FOOTER_TOP = 27 * mm
PAGE_NUMBER_Y = 30.5 * mm
BODY_BOTTOM = 34 * mm
FOOTER_WIDTHS = [42 * mm, 43 * mm, 46 * mm, 34 * mm]
RETURN_LINE_SIZES = (7.0, 6.5, 6.0)
LABEL_TEXT = colors.HexColor("#555555")


@dataclass(frozen=True)
class LetterParts:
    """The texts around the body of a form B letter (all plain text, escaped when drawn)."""

    sender: list[str]
    return_line: str
    recipient: list[str]
    info: list[tuple[str, str]]
    footer: list[list[str]]
    logo: bytes | None = None


def _top(distance: float) -> float:
    """ReportLab's y for a distance from the top edge of the page."""
    return PAGE_HEIGHT - distance


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "recipient": ParagraphStyle("recipient", fontName=REGULAR, fontSize=10, leading=12.5),
        "label": ParagraphStyle(
            "label", fontName=REGULAR, fontSize=8, leading=10, textColor=LABEL_TEXT
        ),
        "value": ParagraphStyle("value", fontName=REGULAR, fontSize=8, leading=10),
        "footer": ParagraphStyle(
            "footer", fontName=REGULAR, fontSize=6.5, leading=8, textColor=FOOTER_TEXT
        ),
        "sender": ParagraphStyle("sender", fontName=BOLD, fontSize=11, leading=14),
        "sender_line": ParagraphStyle("sender_line", fontName=REGULAR, fontSize=8.5, leading=11),
    }


def logo_image(data: bytes) -> ImageReader:
    """The logo as an opaque RGB image: transparency flattened onto white, CMYK converted."""
    return ImageReader(_flat_logo(data))


@lru_cache(maxsize=4)
def _flat_logo(data: bytes) -> Any:
    """The logo flattened to RGB and no larger than its box at LOGO_DPI (kept for the next page)."""
    from PIL import Image

    with Image.open(BytesIO(data)) as image:
        image.load()
        rgba = image.convert("RGBA")
    limit = (round(LOGO_MAX_WIDTH / 72 * LOGO_DPI), round(LOGO_MAX_HEIGHT / 72 * LOGO_DPI))
    rgba.thumbnail(limit, Image.Resampling.LANCZOS)
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def _draw_in_box(
    canvas: Canvas, flowables: list[Any], x: float, y: float, w: float, h: float
) -> None:
    """Draw flowables into a box (lower left x, y), shrunk to fit if they are too tall."""
    frame = Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    frame.addFromList([KeepInFrame(w, h, flowables, mode="shrink")], canvas)


class LetterRenderer(DocumentRenderer):
    """DIN 5008 form B: letterhead, window address, information block, marks and footer."""

    page_template_id = "first"

    def parts(self) -> LetterParts:
        """The texts of the letterhead, address field, information block and footer."""
        raise NotImplementedError

    @cached_property
    def letter_parts(self) -> LetterParts:
        """The parts, taken once per rendering."""
        return self.parts()

    def page_templates(self, doc: BaseDocTemplate) -> list[PageTemplate]:
        def frame(top: float) -> Frame:
            height = PAGE_HEIGHT - top - BODY_BOTTOM
            return Frame(BODY_LEFT, BODY_BOTTOM, BODY_WIDTH, height, 0, 0, 0, 0)

        return [
            PageTemplate(id="first", frames=[frame(FIRST_BODY_TOP)], autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[frame(LATER_BODY_TOP)]),
        ]

    def draw_page(self, canvas: Canvas, number: int, total: int) -> None:
        parts = self.letter_parts
        st = _styles()
        canvas.saveState()
        self._draw_marks(canvas, first=number == 1)
        if number == 1:
            self._draw_letterhead(canvas, parts, st)
            self._draw_address(canvas, parts, st)
            self._draw_info(canvas, parts, st)
        else:
            self._draw_running_header(canvas, number)
        self._draw_footer(canvas, parts, st, number, total)
        canvas.restoreState()

    def _draw_marks(self, canvas: Canvas, *, first: bool) -> None:
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        if first:
            for distance in FOLD_MARKS:
                canvas.line(4 * mm, _top(distance), 8 * mm, _top(distance))
        canvas.line(4 * mm, _top(HOLE_MARK), 10 * mm, _top(HOLE_MARK))

    def _draw_letterhead(self, canvas: Canvas, parts: LetterParts, st: dict[str, Any]) -> None:
        if parts.sender:
            lines = [para(parts.sender[0], st["sender"])]
            lines += [para(text, st["sender_line"]) for text in parts.sender[1:]]
            width = INFO_LEFT - BODY_LEFT - 5 * mm
            _draw_in_box(canvas, lines, BODY_LEFT, _top(ADDRESS_TOP - 3 * mm), width, 30 * mm)
        if parts.logo:
            image = logo_image(parts.logo)
            pixel_width, pixel_height = image.getSize()
            scale = min(LOGO_MAX_WIDTH / pixel_width, LOGO_MAX_HEIGHT / pixel_height)
            width, height = pixel_width * scale, pixel_height * scale
            x = PAGE_WIDTH - BODY_RIGHT - width
            canvas.drawImage(image, x, _top(LOGO_TOP) - height, width, height)

    def _draw_address(self, canvas: Canvas, parts: LetterParts, st: dict[str, Any]) -> None:
        width = ADDRESS_WIDTH - ADDRESS_INDENT - 2 * mm
        x = ADDRESS_LEFT + ADDRESS_INDENT
        text = parts.return_line
        size = next(
            (s for s in RETURN_LINE_SIZES if stringWidth(text, REGULAR, s) <= width),
            RETURN_LINE_SIZES[-1],
        )
        natural = stringWidth(text, REGULAR, size)
        baseline = _top(ADDRESS_TOP + RETURN_ZONE) + 1.5 * mm
        canvas.saveState()  # the horizontal scaling must not reach the address below
        canvas.setFillColor(FOOTER_TEXT)
        back = canvas.beginText(x, baseline)
        back.setFont(REGULAR, size)
        if natural > width:  # still too wide: condense the line rather than cut it
            back.setHorizScale(100 * width / natural)
        back.textOut(text)
        canvas.drawText(back)
        canvas.restoreState()
        canvas.setStrokeColor(FOOTER_TEXT)
        canvas.setLineWidth(0.3)
        canvas.line(x, baseline - 0.8 * mm, x + min(natural, width), baseline - 0.8 * mm)
        canvas.setFillColor(colors.black)
        lines = [para(line, st["recipient"]) for line in parts.recipient if line.strip()]
        zone = ADDRESS_HEIGHT - RETURN_ZONE - 1 * mm
        _draw_in_box(canvas, lines, x, _top(ADDRESS_TOP + ADDRESS_HEIGHT), width, zone)

    def _draw_info(self, canvas: Canvas, parts: LetterParts, st: dict[str, Any]) -> None:
        rows = [[para(k, st["label"]), para(v, st["value"])] for k, v in parts.info if v.strip()]
        if not rows:
            return
        table = Table(rows, colWidths=[INFO_LABEL_WIDTH, INFO_WIDTH - INFO_LABEL_WIDTH])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 1 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.3),
                ]
            )
        )
        height = INFO_BOTTOM - INFO_TOP
        _draw_in_box(canvas, [table], INFO_LEFT, _top(INFO_BOTTOM), INFO_WIDTH, height)

    def _draw_running_header(self, canvas: Canvas, number: int) -> None:
        text = self.header_text(number)
        if not text:
            return
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(FOOTER_TEXT)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.4)
        y = _top(RUNNING_HEADER_TOP)
        canvas.drawString(BODY_LEFT, y, text)
        canvas.line(BODY_LEFT, y - 2 * mm, PAGE_WIDTH - BODY_RIGHT, y - 2 * mm)

    def _draw_footer(
        self, canvas: Canvas, parts: LetterParts, st: dict[str, Any], number: int, total: int
    ) -> None:
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(FOOTER_TEXT)
        canvas.drawRightString(PAGE_WIDTH - BODY_RIGHT, PAGE_NUMBER_Y, page_of(number, total))
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.4)
        canvas.line(BODY_LEFT, FOOTER_RULE, PAGE_WIDTH - BODY_RIGHT, FOOTER_RULE)
        cells = [[para(line, st["footer"]) for line in column] for column in parts.footer]
        if not cells:
            return
        table = Table([cells], colWidths=FOOTER_WIDTHS[: len(cells)])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        _draw_in_box(canvas, [table], BODY_LEFT, 8 * mm, BODY_WIDTH, FOOTER_TOP - 8 * mm)


def party_parts(
    seller: Seller, buyer: Buyer, info: list[tuple[str, str]], logo: bytes | None = None
) -> LetterParts:
    """Letterhead, return line, window address and footer of a letter from seller to buyer."""
    from zidkor_desktop.domain.girocode import iban_groups
    from zidkor_desktop.l10n import _, locale

    place = f"{seller.postcode} {seller.city}".strip()
    recipient = [buyer.name, buyer.address_extra, buyer.street, f"{buyer.postcode} {buyer.city}"]
    if buyer.country_code and buyer.country_code != seller.country_code:
        recipient.append(locale().territories.get(buyer.country_code, buyer.country_code).upper())

    def labelled(label: str, value: str) -> str:
        return f"{label} {value}" if value.strip() else ""

    footer = [
        [seller.name, seller.street, place],
        [labelled(_("Phone"), seller.contact_phone), labelled(_("E-mail"), seller.contact_email)],
        [seller.bank_name, labelled("IBAN", iban_groups(seller.iban)), labelled("BIC", seller.bic)],
        [
            labelled(_("Tax number"), seller.tax_number),
            labelled(_("VAT ID"), seller.vat_id),
            labelled(_("Registration no."), seller.registration_id),
        ],
    ]
    return LetterParts(
        sender=[seller.name, f"{seller.street} · {place}"],
        return_line=f"{seller.name} · {seller.street} · {place}",
        recipient=[line for line in recipient if line.strip()],
        info=info,
        footer=[[x for x in column if x.strip()] for column in footer],
        logo=logo,
    )
