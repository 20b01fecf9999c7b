"""Date entry that may stay empty: a line edit for DD.MM.YYYY with a calendar popup."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from zidkor_desktop.l10n import _, current_language

_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")
_INVALID_STYLE = "QLineEdit { color: #b00020; }"


def parse_date_text(text: str) -> date | None:
    """Parse '25.11.2026', '25/11/26', '2026-11-25' or '25112026'; None when empty.

    Raises ValueError for anything that is not a real calendar date.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    if match := _ISO.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DMY.match(cleaned) or _COMPACT.match(cleaned):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            year += 2000 if year < 70 else 1900
    else:
        raise ValueError(f"not a date: {text!r}")
    return date(year, month, day)


def date_text(value: date | None) -> str:
    """Date as typed in the edit (DD.MM.YYYY); empty for None."""
    return "" if value is None else value.strftime("%d.%m.%Y")


def date_input_error(label: str) -> str:
    """Message for a date field whose text is not a date."""
    return _("{field}: please enter a date as DD.MM.YYYY or leave the field empty.").format(
        field=label
    )


class DateEdit(QWidget):
    """Optional date: empty means 'no date'; typed text is checked, a calendar helps."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._line = QLineEdit(self)
        self._line.setPlaceholderText(_("DD.MM.YYYY"))
        self._line.setClearButtonEnabled(True)
        self._line.setMaxLength(10)
        self._line.setFixedWidth(self._line.fontMetrics().horizontalAdvance("00.00.00000") + 56)
        self._button = QToolButton(self)
        self._button.setArrowType(Qt.ArrowType.DownArrow)
        self._button.setToolTip(_("Choose a date from the calendar"))
        self._button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._calendar: QCalendarWidget | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self._line)
        layout.addWidget(self._button)
        self.setFocusProxy(self._line)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._line.textChanged.connect(self._on_text_changed)
        self._line.editingFinished.connect(self._normalise)
        self._button.clicked.connect(self._show_calendar)

    def line_edit(self) -> QLineEdit:
        """The text field (for tests and key clicks)."""
        return self._line

    def text(self) -> str:
        """Text as typed."""
        return self._line.text()

    def set_text(self, text: str) -> None:
        """Set the typed text (unchecked)."""
        self._line.setText(text)

    def date(self) -> date | None:
        """The date entered, None when empty; raises ValueError for invalid text."""
        return parse_date_text(self._line.text())

    def set_date(self, value: date | None) -> None:
        """Show a date, or clear the field for None."""
        self._line.setText(date_text(value))

    def is_valid(self) -> bool:
        """True when the field is empty or holds a real date."""
        try:
            parse_date_text(self._line.text())
        except ValueError:
            return False
        return True

    def _on_text_changed(self, _text: str) -> None:
        self._line.setStyleSheet("" if self.is_valid() or self._line.hasFocus() else _INVALID_STYLE)
        self.changed.emit()

    def _normalise(self) -> None:
        """Rewrite a valid date as DD.MM.YYYY; mark invalid text red."""
        try:
            value = parse_date_text(self._line.text())
        except ValueError:
            self._line.setStyleSheet(_INVALID_STYLE)
            return
        self._line.setStyleSheet("")
        normalised = date_text(value)
        if normalised != self._line.text():
            self._line.setText(normalised)

    def _show_calendar(self) -> None:
        if self._calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setGridVisible(True)
            calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            language = (
                QLocale.Language.German
                if current_language() == "de"
                else (QLocale.Language.English)
            )
            calendar.setLocale(QLocale(language))
            calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            calendar.clicked.connect(self._take_calendar_date)
            calendar.activated.connect(self._take_calendar_date)
            self._calendar = calendar
        try:
            current = self.date()
        except ValueError:
            current = None
        if current is not None:
            self._calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self._calendar.move(self._line.mapToGlobal(QPoint(0, self._line.height())))
        self._calendar.show()
        self._calendar.setFocus()

    def _take_calendar_date(self, value: QDate) -> None:
        self.set_date(date(value.year(), value.month(), value.day()))
        if self._calendar is not None:
            self._calendar.hide()
        self._line.setFocus()
