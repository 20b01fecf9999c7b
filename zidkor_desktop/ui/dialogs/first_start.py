"""First start on an empty database: load the example data or set up the association."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop import APP_NAME
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.pages.base import heading_label
from zidkor_desktop.ui.widgets.association_form import (
    SETUP_GROUPS,
    AssociationForm,
    save_association_form,
)
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.usecases.demo import load_demo

DEMO, EMPTY = "demo", "empty"
_PAGE_WIDTHS = (620, 860)


class FirstStartDialog(QDialog):
    """Offers example data or an empty start with a short setup; rejecting quits the program."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.choice: str | None = None
        self.setWindowTitle(_("Welcome to {app}").format(app=APP_NAME))
        self.banner = MessageBanner(self)
        self.pages = [self._choice_page(), self._setup_page()]
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(_("Welcome to {app}").format(app=APP_NAME), self))
        layout.addWidget(self.banner)
        for page in self.pages:
            layout.addWidget(page, 1)
        self._switch_to(0)

    # --- pages --------------------------------------------------------------------------------

    def _choice_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            _(
                "The database does not contain any data yet:\n{location}\n\n"
                "How would you like to begin?"
            ).format(location=self.ctx.database_location()),
            page,
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_button = QCommandLinkButton(
            _("Load example data"),
            _(
                "The association with its 9 founding members, their votes and capital "
                "contributions. Invented details are marked as examples."
            ),
            page,
        )
        self.empty_button = QCommandLinkButton(
            _("Start empty"),
            _("Enter the association's name, address, tax and bank details now."),
            page,
        )
        self.demo_button.clicked.connect(self.load_example_data)
        self.empty_button.clicked.connect(self.show_setup)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, page)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.empty_button)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    def _setup_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            _("Please enter the association's details. They can be changed later under Settings."),
            page,
        )
        intro.setWordWrap(True)
        self.form = AssociationForm(SETUP_GROUPS, page)
        buttons = QDialogButtonBox(page)
        self.back_button = QPushButton(_("Back"), page)
        self.create_button = QPushButton(_("Create"), page)
        self.create_button.setDefault(True)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.back_button.clicked.connect(self.show_choice)
        self.create_button.clicked.connect(self.create_empty)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.form, 1)
        layout.addWidget(buttons)
        return page

    def current_page(self) -> int:
        """0 while the two choices are shown, 1 for the setup form."""
        return 0 if self.pages[0].isVisibleTo(self) else 1

    def _switch_to(self, index: int) -> None:
        """Show one page (hidden ones take no room) and fit the dialog to it."""
        for position, page in enumerate(self.pages):
            page.setVisible(position == index)
        width = _PAGE_WIDTHS[index]
        layout = self.layout()
        layout.activate()
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        self.resize(width, height if height > 0 else self.sizeHint().height())

    # --- actions ------------------------------------------------------------------------------

    def show_setup(self) -> None:
        """Switch to the setup form."""
        self.banner.clear_message()
        self._switch_to(1)
        self.form.widget_for("name").setFocus()  # type: ignore[union-attr]

    def show_choice(self) -> None:
        """Back to the two choices."""
        self.banner.clear_message()
        self._switch_to(0)

    def load_example_data(self) -> None:
        """Fill the database with the example association and close."""
        try:
            load_demo(self.ctx.db, self.ctx.today())
        except DomainError as exc:
            self.banner.show_error(str(exc))
            return
        self.choice = DEMO
        self.accept()

    def create_empty(self) -> None:
        """Save the association settings; on a mistake name the field and keep the input."""
        if not save_association_form(self.ctx.db, self.form, self.banner):
            return
        self.choice = EMPTY
        self.accept()
