"""Small renderer base for A4 documents: page frame, footer with 'page x of y', escaping."""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from zidkor_desktop import APP_NAME, __version__
from zidkor_desktop.documents.fonts import REGULAR, register_fonts
from zidkor_desktop.l10n import _, current_language

MARGIN = 20 * mm
FOOTER_Y = 12 * mm
HEADER_Y = 12 * mm
GRID = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e4e8ee")
FOOTER_TEXT = colors.HexColor("#444444")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user or program text, escaped so '<', '>' and '&' print literally."""
    return Paragraph(escape(text), style)


def page_of(number: int, total: int) -> str:
    """'Page x of y' in the current language."""
    return _("Page {page} of {pages}").format(page=number, pages=total)


class DocumentRenderer:
    """Renders one A4 portrait document to PDF bytes; subclasses give the story and texts.

    Subclasses implement `story()` and `footer_left()`, and set the metadata attributes.
    """

    title: str = ""
    author: str = ""
    subject: str = ""
    page_template_id: str = "page"

    def story(self) -> list[Any]:
        """The flowables of the document."""
        raise NotImplementedError

    def footer_left(self) -> str:
        """Text at the left of every footer (association, print date …)."""
        return ""

    def header_text(self, number: int) -> str:
        """Running header of page `number` (empty: none)."""
        return ""

    def draw_header(self, canvas: Canvas, number: int) -> None:
        """The running header, if any, above the frame: small, with a rule below."""
        text = self.header_text(number)
        if not text:
            return
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(FOOTER_TEXT)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.4)
        width, height = A4
        canvas.drawString(MARGIN, height - HEADER_Y, text)
        canvas.line(MARGIN, height - HEADER_Y - 2 * mm, width - MARGIN, height - HEADER_Y - 2 * mm)
        canvas.restoreState()

    def draw_page(self, canvas: Canvas, number: int, total: int) -> None:
        """Everything drawn on page `number` of `total` once the page count is known."""
        self.draw_header(canvas, number)
        self.draw_footer(canvas, number, total)

    def draw_footer(self, canvas: Canvas, number: int, total: int) -> None:
        """A rule, the left text and 'page x of y' at the foot of every page."""
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(FOOTER_TEXT)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.4)
        width = A4[0]
        canvas.line(MARGIN, FOOTER_Y + 4 * mm, width - MARGIN, FOOTER_Y + 4 * mm)
        canvas.drawString(MARGIN, FOOTER_Y, self.footer_left())
        canvas.drawRightString(width - MARGIN, FOOTER_Y, page_of(number, total))
        canvas.restoreState()

    def _canvas_class(self) -> type[Canvas]:
        """Canvas class that holds back its pages until the page count is known."""
        renderer = self

        class NumberedCanvas(Canvas):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self._pages: list[dict[str, Any]] = []

            def showPage(self) -> None:
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._pages)
                for number, state in enumerate(self._pages, start=1):
                    self.__dict__.update(state)
                    renderer.draw_page(self, number, total)
                    super().showPage()
                super().save()

        return NumberedCanvas

    def page_templates(self, doc: BaseDocTemplate) -> list[PageTemplate]:
        """The page layouts; by default one frame filling the space between the margins."""
        # No frame padding: tables are exactly as wide as the space between the margins.
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        return [PageTemplate(id=self.page_template_id, frames=[frame])]

    def render(self) -> bytes:
        """The document as PDF bytes (embedded fonts, metadata, numbered pages)."""
        register_fonts()
        buffer = BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + 5 * mm,
            title=self.title,
            author=self.author,
            subject=self.subject,
            creator=f"{APP_NAME} {__version__}",
            lang=current_language(),
            # Pages start with this font: an embedded one, never ReportLab's Helvetica (PDF/A).
            initialFontName=REGULAR,
            initialFontSize=10,
            enforceColorSpace="rgb",  # PDF/A with an sRGB output intent: no CMYK anywhere
        )
        doc.addPageTemplates(self.page_templates(doc))
        doc.build(self.story(), canvasmaker=self._canvas_class())
        return buffer.getvalue()
