"""Column headers of every list: the sort arrow never covers the header text."""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionHeader,
    QTableView,
    QWidget,
)

ARROW_GAP = 4
"""Pixels between the header text and the sort arrow."""


class SortArrowStyle(QProxyStyle):
    """Draws a header label beside the sort arrow instead of underneath it."""

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Header sections: background, label left of the arrow, arrow."""
        if (
            element != QStyle.ControlElement.CE_Header
            or not isinstance(option, QStyleOptionHeader)
            or option.sortIndicator == QStyleOptionHeader.SortIndicator.None_
        ):
            super().drawControl(element, option, painter, widget)
            return
        self.drawControl(QStyle.ControlElement.CE_HeaderSection, option, painter, widget)
        arrow = QStyleOptionHeader(option)
        arrow.rect = self.subElementRect(QStyle.SubElement.SE_HeaderArrow, option, widget)
        label = QStyleOptionHeader(option)
        label.rect = self.subElementRect(QStyle.SubElement.SE_HeaderLabel, option, widget)
        if arrow.rect.isValid() and arrow.rect.left() > label.rect.left():
            label.rect.setRight(min(label.rect.right(), arrow.rect.left() - ARROW_GAP))
        self.drawControl(QStyle.ControlElement.CE_HeaderLabel, label, painter, widget)
        if arrow.rect.isValid():
            self.drawPrimitive(
                QStyle.PrimitiveElement.PE_IndicatorHeaderArrow, arrow, painter, widget
            )

    def label_rect(self, option: QStyleOptionHeader, widget: QWidget | None = None) -> object:
        """The rectangle the label of a header section is drawn in (for tests and checks)."""
        rect = self.subElementRect(QStyle.SubElement.SE_HeaderLabel, option, widget)
        if option.sortIndicator != QStyleOptionHeader.SortIndicator.None_:
            arrow = self.subElementRect(QStyle.SubElement.SE_HeaderArrow, option, widget)
            if arrow.isValid() and arrow.left() > rect.left():
                rect.setRight(min(rect.right(), arrow.left() - ARROW_GAP))
        return rect


def set_up_list_header(table: QTableView) -> QHeaderView:
    """Give a list's horizontal header the sort-arrow style; returns the header."""
    header = table.horizontalHeader()
    style = SortArrowStyle()
    style.setParent(header)  # lives as long as the header
    header.setStyle(style)
    return header
