"""The association's logo: a preview with buttons to choose and remove it, saved at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.usecases.errors import translate
from zidkor_desktop.usecases.settings import (
    LOGO_MAX_BYTES,
    LOGO_MIN_PIXELS,
    get_logo,
    inspect_logo,
    remove_logo,
    set_logo,
)

PREVIEW_SIZE = QSize(200, 80)
LAST_FOLDER_KEY = "logo/last_folder"


class LogoPicker(QWidget):
    """Shows the stored logo; choosing or removing one changes the database immediately.

    `saved` carries a success message, `failed` an error message for the page's banner.
    """

    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview = QLabel(self)
        self.preview.setObjectName("logoPreview")
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        frame = 2 * self.preview.frameWidth()
        self.preview.setFixedSize(PREVIEW_SIZE + QSize(frame, frame))
        self.details = QLabel(self)
        self.details.setObjectName("logoDetails")
        self.choose_button = QPushButton(_("Choose logo…"), self)
        self.remove_button = QPushButton(_("Remove logo"), self)
        immediately = _(
            "The logo is saved as soon as it is chosen or removed; "
            "the button “Save settings” is not needed for it."
        )
        for button in (self.choose_button, self.remove_button):
            button.setToolTip(immediately)
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove)
        self.hint = QLabel(
            _(
                "PNG or JPEG, at least {minimum} × {minimum} pixels, at most {limit} MB. "
                "Printed on letters and invoices; saved immediately."
            ).format(minimum=LOGO_MIN_PIXELS, limit=LOGO_MAX_BYTES // 1024 // 1024),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setToolTip(immediately)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.preview, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(buttons, 0, 1)
        grid.addWidget(self.details, 1, 0)
        grid.addWidget(self.hint, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.show_logo(None)

    # --- public -------------------------------------------------------------------------------

    def has_logo(self) -> bool:
        """True while a logo is stored (and shown)."""
        return self.remove_button.isEnabled()

    def reload(self) -> None:
        """Show the logo stored in the database."""
        try:
            data = get_logo(self.ctx.db)
        except DomainError as exc:
            self.failed.emit(str(exc))
            return
        self.show_logo(data)

    def show_logo(self, data: bytes | None) -> None:
        """Preview the given image bytes scaled into the preview box, or 'No logo'."""
        self.preview.clear()
        self.details.clear()
        self.remove_button.setEnabled(data is not None)
        if data is None:
            self.preview.setText(_("No logo"))
            return
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self.preview.setText(_("Preview not available"))
            return
        ratio = self.devicePixelRatioF()
        if pixmap.width() > PREVIEW_SIZE.width() or pixmap.height() > PREVIEW_SIZE.height():
            pixmap = pixmap.scaled(
                PREVIEW_SIZE * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            pixmap.setDevicePixelRatio(ratio)
        self.preview.setPixmap(pixmap)
        try:
            image = inspect_logo(data)
        except DomainError:
            return
        self.details.setText(
            _("{kind}, {width} × {height} pixels").format(
                kind=image.kind, width=image.width, height=image.height
            )
        )

    def choose(self) -> None:
        """Ask for an image file and store it as the logo."""
        folder = str(self.ctx.settings.value(LAST_FOLDER_KEY, str(Path.home())))
        chosen, _selected = QFileDialog.getOpenFileName(
            self, _("Choose logo"), folder, _("Images (*.png *.jpg *.jpeg)")
        )
        if not chosen:
            return
        path = Path(chosen)
        try:
            with path.open("rb") as handle:
                data = handle.read(LOGO_MAX_BYTES + 1)  # enough to refuse a huge file
        except OSError as exc:
            self.failed.emit(str(translate(exc, path=path)))
            return
        self.ctx.settings.setValue(LAST_FOLDER_KEY, str(path.parent))
        try:
            call(self, lambda: set_logo(self.ctx.db, data), where=self.ctx.database_location())
        except DomainError as exc:
            self.failed.emit(str(exc))
            return
        self.reload()
        self.saved.emit(_("The logo has been saved. It will be printed on letters and invoices."))

    def remove(self) -> None:
        """Delete the stored logo after asking."""
        answer = QMessageBox.question(
            self,
            _("Remove logo"),
            _("Remove the logo? Letters and invoices will then be printed without a logo."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            call(self, lambda: remove_logo(self.ctx.db), where=self.ctx.database_location())
        except DomainError as exc:
            self.failed.emit(str(exc))
            return
        self.reload()
        self.saved.emit(_("The logo has been removed."))
