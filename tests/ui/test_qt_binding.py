"""The Qt binding must not corrupt Python's reference counts (PySide6 6.12.0 on 3.11 did)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(2000):
        label.setText(str(number))
        label.setEnabled(number % 2 == 0)
    after = sys.getrefcount(None)
    # A broken binding loses one reference per call (-4000 here) and later aborts the program.
    assert after - before > -100
