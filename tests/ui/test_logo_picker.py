"""The logo picker on the settings page: choose, preview, refuse bad files, remove after asking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from zidkor_desktop.l10n import _
from zidkor_desktop.ui.widgets.logo_picker import LAST_FOLDER_KEY, LogoPicker
from zidkor_desktop.usecases.settings import get_logo, set_logo


def write_image(path: Path, width: int, height: int, image_format: str = "PNG") -> Path:
    """Save a real image made with QImage (blue with a white half) and return its path."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f4e79"))
    # Few calls, no per-pixel loop: with PySide6 6.12 on Python 3.11 every call of a void Qt
    # method drops a reference to None, and tens of thousands of them abort the interpreter.
    painter = QPainter(image)
    painter.fillRect(0, 0, width // 2, height, QColor("white"))
    painter.end()
    assert image.save(str(path), image_format)
    return path


def offer_file(monkeypatch: pytest.MonkeyPatch, path: Path | str) -> list[str]:
    """Let QFileDialog.getOpenFileName return `path`; the returned list records the folders."""
    folders: list[str] = []

    def choose(_parent: Any, _title: str, folder: str, _filter: str, *_a: Any, **_k: Any) -> Any:
        folders.append(folder)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    return folders


def answer_question(
    monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton
) -> list[str]:
    """Let QMessageBox.question return `answer`; the returned list records the questions."""
    questions: list[str] = []

    def ask(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        questions.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", ask)
    return questions


@pytest.fixture
def picker(qtbot: Any, ctx: Any) -> LogoPicker:
    widget = LogoPicker(ctx)
    qtbot.addWidget(widget)
    widget.reload()
    return widget


def test_demo_has_no_logo(picker: LogoPicker) -> None:
    assert picker.preview.text() == _("No logo") == "Kein Logo"
    assert picker.preview.pixmap().isNull()
    assert not picker.remove_button.isEnabled()
    assert picker.choose_button.toolTip()  # says that it is saved immediately


def test_choosing_a_png_saves_and_shows_it(
    picker: LogoPicker, ctx: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_image(tmp_path / "wappen.png", 400, 100)
    folders = offer_file(monkeypatch, path)
    with qtbot.waitSignal(picker.saved) as saved:
        picker.choose_button.click()
    assert saved.args == [_("The logo has been saved. It will be printed on letters and invoices.")]
    assert get_logo(ctx.db) == path.read_bytes()
    pixmap = picker.preview.pixmap()
    assert not pixmap.isNull()
    shown = pixmap.deviceIndependentSize()
    assert (round(shown.width()), round(shown.height())) == (200, 50)  # fits 200×80, aspect kept
    assert picker.details.text() == "PNG, 400 × 100 Pixel"
    assert picker.remove_button.isEnabled()
    assert ctx.settings.value(LAST_FOLDER_KEY) == str(tmp_path)
    picker.choose_button.click()
    assert folders[-1] == str(tmp_path)  # the dialog opens in the last folder


def test_a_jpeg_is_accepted_and_a_small_logo_is_not_enlarged(
    picker: LogoPicker, ctx: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_image(tmp_path / "logo.jpg", 120, 64, "JPG")
    offer_file(monkeypatch, path)
    picker.choose_button.click()
    assert get_logo(ctx.db) == path.read_bytes()
    assert picker.preview.pixmap().size().toTuple() == (120, 64)
    assert picker.details.text() == "JPEG, 120 × 64 Pixel"


def test_removing_asks_first(
    picker: LogoPicker, ctx: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_logo(ctx.db, write_image(tmp_path / "logo.png", 100, 100).read_bytes())
    picker.reload()
    assert not picker.preview.pixmap().isNull()
    questions = answer_question(monkeypatch, QMessageBox.StandardButton.No)
    picker.remove_button.click()
    assert questions == [
        _("Remove the logo? Letters and invoices will then be printed without a logo.")
    ]
    assert get_logo(ctx.db) is not None and picker.has_logo()
    answer_question(monkeypatch, QMessageBox.StandardButton.Yes)
    picker.remove_button.click()
    assert get_logo(ctx.db) is None
    assert picker.preview.pixmap().isNull()
    assert picker.preview.text() == "Kein Logo"
    assert not picker.remove_button.isEnabled()
    assert picker.details.text() == ""


def test_cancelled_dialog_changes_nothing(
    picker: LogoPicker, ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    offer_file(monkeypatch, "")
    with qtbot.assertNotEmitted(picker.saved), qtbot.assertNotEmitted(picker.failed):
        picker.choose_button.click()
    assert get_logo(ctx.db) is None


def test_settings_page_shows_the_stored_logo_and_reports_success(
    window: Any, ctx: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_logo(ctx.db, write_image(tmp_path / "alt.png", 64, 64).read_bytes())
    page = window.show_area("settings")
    assert page.logo.details.text() == "PNG, 64 × 64 Pixel"
    offer_file(monkeypatch, write_image(tmp_path / "neu.png", 300, 300))
    page.logo.choose_button.click()
    assert (
        page.banner.text()
        == "Das Logo wurde gespeichert. Es wird auf Briefen und Rechnungen gedruckt."
    )
    assert page.logo.details.text() == "PNG, 300 × 300 Pixel"
    assert not page.save_button.isEnabled()  # the association form is not touched
    answer_question(monkeypatch, QMessageBox.StandardButton.Yes)
    page.logo.remove_button.click()
    assert page.banner.text() == "Das Logo wurde entfernt."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bild.gif",
            b"GIF89a\x40\x00\x40\x00" + b"\x00" * 60,
            "Das Logo muss ein PNG- oder JPEG-Bild sein.",
        ),
        ("logo.png", b"Das ist kein Bild.\n", "Das Logo muss ein PNG- oder JPEG-Bild sein."),
        (
            "klein.png",
            None,
            "Das Logo ist zu klein (32 × 48 Pixel); es muss mindestens 64 × 64 Pixel groß sein.",
        ),
    ],
    ids=["gif", "text", "too-small"],
)
def test_bad_files_are_refused_with_a_german_message(
    window: Any,
    ctx: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / name
    if content is None:
        write_image(path, 32, 48)
    else:
        path.write_bytes(content)
    page = window.show_area("settings")
    offer_file(monkeypatch, path)
    page.logo.choose_button.click()
    assert page.banner.text() == message
    assert page.banner.property("kind") == "error"
    assert get_logo(ctx.db) is None
    assert page.logo.preview.text() == "Kein Logo"


def test_a_too_large_file_is_refused(
    window: Any, ctx: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_image(tmp_path / "gross.png", 100, 100)
    with path.open("ab") as handle:  # trailing bytes after IEND: still a PNG, but 3 MB
        handle.write(b"\x00" * 3 * 1024 * 1024)
    page = window.show_area("settings")
    offer_file(monkeypatch, path)
    page.logo.choose_button.click()
    assert page.banner.text().startswith("Die Logodatei ist zu groß")
    assert get_logo(ctx.db) is None


def test_an_unreadable_file_is_reported(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.show_area("settings")
    missing = tmp_path / "weg.png"
    offer_file(monkeypatch, missing)
    page.logo.choose_button.click()
    assert page.banner.text() == f"Die Datei oder der Ordner {missing} existiert nicht."
