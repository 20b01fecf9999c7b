"""Line edits refuse control characters as they are typed or pasted (the use case still checks)."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit

_ONE_LINE = QRegularExpression(r"[^\x{0}-\x{1f}\x{7f}-\x{9f}\x{2028}\x{2029}]*")


def refuse_control_characters(line: QLineEdit) -> None:
    """Keep NUL, ESC, tabs, line breaks and other control characters out of a one-line field."""
    if line.validator() is None:
        line.setValidator(QRegularExpressionValidator(_ONE_LINE, line))
