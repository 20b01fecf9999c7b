"""Main window: navigation between the areas, menus, shortcuts and the status bar."""

from __future__ import annotations

import platform
from dataclasses import dataclass

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, Qt, qVersion
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from zidkor_desktop import APP_NAME, __version__
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import LANGUAGES, N_, _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.save_backup import save_backup
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.pages.base import Page
from zidkor_desktop.ui.pages.members import MembersPage
from zidkor_desktop.ui.pages.overview import OverviewPage
from zidkor_desktop.ui.pages.placeholder import PlaceholderPage
from zidkor_desktop.ui.pages.settings import SettingsPage, restart_note
from zidkor_desktop.usecases.settings import get_settings

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
AREA_KEY = "main_window/area"
DEFAULT_SIZE = (1200, 760)


@dataclass(frozen=True)
class Area:
    """One entry of the navigation."""

    key: str
    title: str
    """English msgid."""
    planned: str = ""
    """For areas not built yet: what the area will hold (English msgid)."""


AREAS: list[Area] = [
    Area("overview", N_("Overview")),
    Area("members", N_("Members")),
    Area(
        "services",
        N_("Services"),
        N_(
            "Here you will manage the IT services (Verfahren) offered through ZIDKOR, such as "
            "AutiSta and the electronic civil status register, with the member city that "
            "operates each service and the history of operators."
        ),
    ),
    Area(
        "pricelist",
        N_("Price list"),
        N_(
            "Here you will keep the service and fee schedule (Leistungs- und "
            "Entgeltverzeichnis) in versions: draft a new version, compare it with the one in "
            "force, exchange it with the cities as a spreadsheet, publish and print it."
        ),
    ),
    Area(
        "customers",
        N_("Customers"),
        N_(
            "Here you will manage the municipalities that receive services, members or not, "
            "with their Leitweg-ID for e-invoices, billing contacts and population figures."
        ),
    ),
    Area(
        "agreements",
        N_("Service agreements"),
        N_(
            "Here you will draft and print service agreements and Zweckvereinbarungen, record "
            "the authority's approval and keep the agreed quantities over time."
        ),
    ),
    Area(
        "invoices",
        N_("Invoices"),
        N_(
            "Here you will run the quarterly billing with a preview, issue and print invoices, "
            "export XRechnung files, cancel wrong invoices and record payments."
        ),
    ),
    Area(
        "meetings",
        N_("Meetings"),
        N_(
            "Here you will prepare assembly meetings with agenda and invitations, record "
            "attendance, quorum and each member's block vote, and print the minutes."
        ),
    ),
    Area(
        "statute",
        N_("Statute"),
        N_(
            "Here you will keep the statute (Verbandsordnung) in versions, draft amendments "
            "with the current member table and print them after approval."
        ),
    ),
    Area("settings", N_("Settings")),
]
AREA_KEYS = [area.key for area in AREAS]
_AREA_SHORTCUT_KEYS = "1234567890"


class MainWindow(QMainWindow):
    """Navigation list on the left, the pages in a stack on the right."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pages: dict[str, Page] = {}
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget(self)
        self.members_page = MembersPage(ctx, self)
        self.overview_page = OverviewPage(ctx, self)
        self.settings_page = SettingsPage(ctx, self)
        for area in AREAS:
            page = self._page_for(area)
            self.pages[area.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(_(area.title), self.nav)
            item.setData(Qt.ItemDataRole.UserRole, area.key)
        self._size_navigation()
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        self.nav.currentRowChanged.connect(self._area_changed)
        self.members_page.selection_changed.connect(self._update_actions)
        self.members_page.data_changed.connect(self._update_actions)
        self.settings_page.settings_saved.connect(self._update_title)
        self.settings_page.language_chosen.connect(self._language_chosen_on_page)
        self._update_title()
        self._restore()

    # --- construction -------------------------------------------------------------------------

    def _page_for(self, area: Area) -> Page:
        if area.key == "overview":
            return self.overview_page
        if area.key == "members":
            return self.members_page
        if area.key == "settings":
            return self.settings_page
        page = PlaceholderPage(self.ctx, _(area.title), _(area.planned), self)
        page.setObjectName(f"page_{area.key}")
        return page

    def _size_navigation(self) -> None:
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 5px 8px; }")
        widest = max(
            self.nav.fontMetrics().horizontalAdvance(self.nav.item(i).text())
            for i in range(self.nav.count())
        )
        self.nav.setFixedWidth(max(170, widest + 48))

    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(_("&File"))
        self.member_list_action = self._action(
            _("Members list as PDF…"), self.save_member_list, "Ctrl+P"
        )
        self.backup_action = self._action(_("Save backup…"), self.save_backup)
        self.quit_action = self._action(_("&Quit"), self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.member_list_action)
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = menu_bar.addMenu(_("&Edit"))
        self.new_member_action = self._action(
            _("New member"), self.new_member, QKeySequence.StandardKey.New
        )
        self.edit_action = self._action(_("Edit"), self.edit_selected, "F2")
        self.find_action = self._action(_("Find"), self.focus_filter, QKeySequence.StandardKey.Find)
        edit_menu.addAction(self.new_member_action)
        edit_menu.addAction(self.edit_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)

        view_menu = menu_bar.addMenu(_("&View"))
        self.area_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for area, key in zip(AREAS, _AREA_SHORTCUT_KEYS, strict=True):
            action = self._action(
                _(area.title), lambda _checked=False, k=area.key: self.show_area(k), f"Ctrl+{key}"
            )
            action.setCheckable(True)
            group.addAction(action)
            view_menu.addAction(action)
            self.area_actions[area.key] = action
        view_menu.addSeparator()
        language_menu = view_menu.addMenu(_("Language"))
        self.language_actions: dict[str, QAction] = {}
        language_group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = self._action(name, lambda _checked=False, c=code: self.choose_language(c))
            action.setCheckable(True)
            language_group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action
        language_menu.aboutToShow.connect(self._sync_language_actions)
        self._sync_language_actions()

        help_menu = menu_bar.addMenu(_("&Help"))
        self.about_action = self._action(_("About {app}").format(app=APP_NAME), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_qt = self._action(_("About Qt"), QApplication.aboutQt)
        about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
        help_menu.addAction(self.about_action)
        help_menu.addAction(about_qt)

    def _build_status_bar(self) -> None:
        self.location_label = QLabel(
            _("Database: {location}").format(location=self.ctx.database_location()), self
        )
        self.location_label.setObjectName("databaseLocation")
        self.example_label = QLabel(_("Example data"), self)
        self.example_label.setObjectName("exampleData")
        self.example_label.setStyleSheet(
            "QLabel { background: #fff4ce; color: #5c4400; padding: 1px 6px; border-radius: 3px; }"
        )
        self.statusBar().addPermanentWidget(self.example_label)
        self.statusBar().addPermanentWidget(self.location_label)

    # --- areas --------------------------------------------------------------------------------

    def current_area(self) -> str:
        """Key of the area shown."""
        row = self.nav.currentRow()
        return AREA_KEYS[row] if 0 <= row < len(AREA_KEYS) else AREA_KEYS[0]

    def show_area(self, key: str) -> Page:
        """Switch to an area by key ('members', 'settings', …)."""
        self.nav.setCurrentRow(AREA_KEYS.index(key))
        return self.pages[key]

    def _area_changed(self, row: int) -> None:
        if not 0 <= row < len(AREAS):
            return
        key = AREA_KEYS[row]
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        self.area_actions[key].setChecked(True)
        try:
            call(self, page.refresh, where=self.ctx.database_location())
        except DomainError as exc:
            QMessageBox.warning(self, _(AREAS[row].title), str(exc))
        self._update_actions()

    def _update_actions(self) -> None:
        on_members = self.current_area() == "members"
        self.edit_action.setEnabled(on_members and self.members_page.can_edit())
        self.find_action.setEnabled(on_members)

    def _update_title(self) -> None:
        try:
            settings = get_settings(self.ctx.db)
        except DomainError:
            self.setWindowTitle(APP_NAME)
            self.example_label.hide()
            return
        self.setWindowTitle(f"{APP_NAME} – {settings.short_name}")
        self.example_label.setVisible(settings.is_example)

    # --- commands -----------------------------------------------------------------------------

    def new_member(self) -> None:
        """Open the dialog for a new member (from any area)."""
        self.show_area("members")
        self.members_page.new_member()

    def edit_selected(self) -> None:
        """Edit the member selected in the list."""
        if self.current_area() == "members":
            self.members_page.edit_selected()

    def focus_filter(self) -> None:
        """Put the cursor into the filter box of the members list."""
        if self.current_area() == "members":
            self.members_page.focus_filter()

    def save_member_list(self) -> None:
        """Save the members list as PDF (from any area; shows the members list first)."""
        self.show_area("members")
        self.members_page.save_pdf()

    def save_backup(self) -> None:
        """Save a backup copy to a file the clerk chooses."""
        if save_backup(self, self.ctx) is not None:
            self.pages[self.current_area()].refresh()

    def choose_language(self, code: str) -> None:
        """Remember the language for the next start and say when it applies."""
        if code != self.ctx.saved_language():
            self.ctx.save_language(code)
        self.settings_page.sync_language()
        self._sync_language_actions()
        note = restart_note(self.ctx)
        if note:
            QMessageBox.information(self, _("Language"), note)

    def _language_chosen_on_page(self, _code: str) -> None:
        self._sync_language_actions()

    def _sync_language_actions(self) -> None:
        saved = self.ctx.saved_language()
        for code, action in self.language_actions.items():
            action.setChecked(code == saved)

    def show_about(self) -> None:
        """Program name, version and environment."""
        QMessageBox.about(
            self,
            _("About {app}").format(app=APP_NAME),
            _(
                "{app} {version}\n\n"
                "Administration program of the office of the Zweckverband ZIDKOR: members, "
                "services, price list, customers, agreements, invoices, meetings and statute."
                "\n\nDatabase: {location}\nPython {python}, Qt {qt}, PySide6 {pyside}"
            ).format(
                app=APP_NAME,
                version=__version__,
                location=self.ctx.database_location(),
                python=platform.python_version(),
                qt=qVersion(),
                pyside=pyside_version,
            ),
        )

    # --- window state -------------------------------------------------------------------------

    def _restore(self) -> None:
        settings = self.ctx.settings
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(*DEFAULT_SIZE)
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        area = str(settings.value(AREA_KEY, "members") or "members")
        self.show_area(area if area in AREA_KEYS else "members")

    def save_window_state(self) -> None:
        """Remember geometry, toolbar state and the current area."""
        settings = self.ctx.settings
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        settings.setValue(AREA_KEY, self.current_area())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Keep unsaved input unless the clerk decides otherwise; remember the window."""
        if not all(page.can_leave() for page in self.pages.values()):
            event.ignore()
            return
        self.save_window_state()
        event.accept()
