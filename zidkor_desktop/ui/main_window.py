"""Main window: navigation between the areas, menus, shortcuts and the status bar.

Each area's page is built on its first visit (until then a bare widget holds its place in the
stack), so an area costs nothing at start until the clerk opens it.
"""

from __future__ import annotations

import platform
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, Qt, qVersion
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop import APP_NAME, __version__
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import LANGUAGES, N_, _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.save_backup import save_backup
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.pages.base import Page
from zidkor_desktop.ui.status import short_path_message
from zidkor_desktop.ui.widgets.damage_banner import DamageBanner
from zidkor_desktop.usecases.settings import get_settings

if TYPE_CHECKING:
    from zidkor_desktop.ui.pages.members import MembersPage
    from zidkor_desktop.ui.pages.overview import OverviewPage
    from zidkor_desktop.ui.pages.settings import SettingsPage

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
    Area("services", N_("Services")),
    Area("pricelist", N_("Price list")),
    Area("customers", N_("Customers")),
    Area("agreements", N_("Service agreements")),
    Area("invoices", N_("Invoices")),
    Area("payments", N_("Payments")),
    Area("meetings", N_("Meetings")),
    Area("statute", N_("Statute")),
    Area("settings", N_("Settings")),
]
AREA_KEYS = [area.key for area in AREAS]
_AREA_SHORTCUT_KEYS = "1234567890"


def _area_shortcuts(count: int) -> list[str | None]:
    """Ctrl+1 … Ctrl+9 for the first areas and Ctrl+0 for the last (settings); areas beyond
    ten between them are reached by the navigation and the view menu only."""
    digits = [f"Ctrl+{key}" for key in _AREA_SHORTCUT_KEYS]
    if count <= len(digits):
        return list(digits[:count])
    return [*digits[:9], *[None] * (count - len(digits)), digits[9]]


class MainWindow(QMainWindow):
    """Navigation list on the left, the pages in a stack on the right."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pages: dict[str, Page] = {}  # the pages built so far, by area key (see page())
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget(self)
        for area in AREAS:
            self.stack.addWidget(QWidget(self.stack))  # holds the place until the first visit
            item = QListWidgetItem(_(area.title), self.nav)
            item.setData(Qt.ItemDataRole.UserRole, area.key)
        self._size_navigation()
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 6)
        self.damage_banner = DamageBanner(central)
        self.damage_banner.restore_requested.connect(self.restore_offered_backup)
        outer.addWidget(self.damage_banner)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)
        self._show_damage_warning()

        self._build_menus()
        self._build_status_bar()
        self.nav.currentRowChanged.connect(self._area_changed)
        self._update_title()
        self._restore()

    # --- pages, built on the first visit -------------------------------------------------------

    def page(self, key: str) -> Page:
        """The page of an area ('members', 'settings', …), built now if not yet."""
        page = self.pages.get(key)
        if page is None:
            index = AREA_KEYS.index(key)
            page = self._build_page(AREAS[index])
            stand_in = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self.pages[key] = page
        return page

    @property
    def members_page(self) -> MembersPage:
        """The members area (built on first use)."""
        return cast("MembersPage", self.page("members"))

    @property
    def overview_page(self) -> OverviewPage:
        """The overview area (built on first use)."""
        return cast("OverviewPage", self.page("overview"))

    @property
    def settings_page(self) -> SettingsPage:
        """The settings area (built on first use)."""
        return cast("SettingsPage", self.page("settings"))

    def _build_page(self, area: Area) -> Page:
        builders: dict[str, Callable[[], Page]] = {
            "overview": self._new_overview_page,
            "members": self._new_members_page,
            "services": self._new_services_page,
            "pricelist": self._new_pricelist_page,
            "customers": self._new_customers_page,
            "agreements": self._new_agreements_page,
            "invoices": self._new_invoices_page,
            "payments": self._new_payments_page,
            "meetings": self._new_meetings_page,
            "statute": self._new_statute_page,
            "settings": self._new_settings_page,
        }
        build = builders.get(area.key)
        if build is not None:
            return build()
        from zidkor_desktop.ui.pages.placeholder import PlaceholderPage

        page = PlaceholderPage(self.ctx, _(area.title), _(area.planned), self)
        page.setObjectName(f"page_{area.key}")
        return page

    def _new_overview_page(self) -> Page:
        from zidkor_desktop.ui.pages.overview import OverviewPage

        page = OverviewPage(self.ctx, self)
        page.restore_requested.connect(self.restore_offered_backup)
        return page

    def _new_members_page(self) -> Page:
        from zidkor_desktop.ui.pages.members import MembersPage

        page = MembersPage(self.ctx, self)
        page.selection_changed.connect(self._update_actions)
        page.data_changed.connect(self._update_actions)
        return page

    def _new_agreements_page(self) -> Page:
        from zidkor_desktop.ui.pages.agreements import AgreementsPage

        return AgreementsPage(self.ctx, self)

    def _new_invoices_page(self) -> Page:
        from zidkor_desktop.ui.pages.invoices import InvoicesPage

        return InvoicesPage(self.ctx, self)

    def _new_payments_page(self) -> Page:
        from zidkor_desktop.ui.pages.payments import PaymentsPage

        return PaymentsPage(self.ctx, self)

    def _new_meetings_page(self) -> Page:
        from zidkor_desktop.ui.pages.meetings import MeetingsPage

        return MeetingsPage(self.ctx, self)

    def _new_services_page(self) -> Page:
        from zidkor_desktop.ui.pages.services import ServicesPage

        return ServicesPage(self.ctx, self)

    def _new_pricelist_page(self) -> Page:
        from zidkor_desktop.ui.pages.pricelist import PriceListPage

        return PriceListPage(self.ctx, self)

    def _new_customers_page(self) -> Page:
        from zidkor_desktop.ui.pages.customers import CustomersPage

        return CustomersPage(self.ctx, self)

    def _new_statute_page(self) -> Page:
        from zidkor_desktop.ui.pages.statute import StatutePage

        return StatutePage(self.ctx, self)

    def _new_settings_page(self) -> Page:
        from zidkor_desktop.ui.pages.settings import SettingsPage

        page = SettingsPage(self.ctx, self)
        page.settings_saved.connect(self._update_title)
        page.language_chosen.connect(self._language_chosen_on_page)
        return page

    # --- construction -------------------------------------------------------------------------

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
            _("Members list as PDF…"), self.show_member_list, "Ctrl+P"
        )
        self.price_list_action = self._action(
            _("Schedule of services and fees as PDF…"), self.show_price_list
        )
        self.backup_action = self._action(_("Save backup…"), self.save_backup)
        self.restore_action = self._action(
            _("Restore backup…"), lambda _checked=False: self.restore_backup()
        )
        self.quit_action = self._action(_("&Quit"), self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.member_list_action)
        file_menu.addAction(self.price_list_action)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
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
        edit_menu.addSeparator()
        self.audit_log_action = self._action(_("Audit log…"), self.show_audit_log)
        edit_menu.addAction(self.audit_log_action)

        view_menu = menu_bar.addMenu(_("&View"))
        self.area_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for area, shortcut in zip(AREAS, _area_shortcuts(len(AREAS)), strict=True):
            action = self._action(
                _(area.title), lambda _checked=False, k=area.key: self.show_area(k), shortcut
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
        location = _("Database: {location}").format(location=self.ctx.database_location())
        shown, full_path = short_path_message(location)  # the file name; the path as tooltip
        self.location_label = QLabel(shown, self)
        self.location_label.setToolTip(location if full_path else "")
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
        return self.page(key)

    def _area_changed(self, row: int) -> None:
        if not 0 <= row < len(AREAS):
            return
        key = AREA_KEYS[row]
        page = self.page(key)
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

    def show_member_list(self) -> None:
        """The members list as PDF in the viewer (from any area; shows the members list first)."""
        self.show_area("members")
        self.members_page.show_pdf()

    def show_price_list(self) -> None:
        """Ask for a date and show the schedule of services and fees valid then in the viewer."""
        from zidkor_desktop.ui.dialogs.price_list_pdf import open_price_list_dialog  # lazily

        open_price_list_dialog(self, self.ctx)

    def save_backup(self) -> None:
        """Save a backup copy to a file the clerk chooses."""
        if save_backup(self, self.ctx) is not None:
            self.pages[self.current_area()].refresh()

    def restore_backup(self, preselect: Path | None = None) -> bool:
        """Choose a backup and restore it; the pages show the restored data afterwards."""
        if getattr(self.ctx.db, "path", None) is None:
            QMessageBox.information(
                self,
                _("Restore backup"),
                _("The database is on a PostgreSQL server; restore it there with pg_restore."),
            )
            return False
        from zidkor_desktop.ui.dialogs.restore_backup import RestoreBackupDialog

        dialog = RestoreBackupDialog(self.ctx, preselect, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.restored is None:
            return False
        self.ctx.damage_warning = ""
        self.ctx.backup_to_restore = None
        self._show_damage_warning()
        self._update_title()
        self.pages[self.current_area()].refresh()
        text = _("The backup was restored:\n{source}").format(source=dialog.restored)
        if dialog.kept is not None:
            text += "\n\n" + _("The previous database was kept as:\n{path}").format(
                path=dialog.kept
            )
        QMessageBox.information(self, _("Restore backup"), text)
        return True

    def restore_offered_backup(self) -> None:
        """Restore with the newest good backup named in the damage warning preselected."""
        self.restore_backup(self.ctx.backup_to_restore)

    def _show_damage_warning(self) -> None:
        if self.ctx.damage_warning:
            self.damage_banner.show_warning(self.ctx.damage_warning, self.ctx.damage_detail)
        else:
            self.damage_banner.clear()

    def show_audit_log(self) -> QDialog:
        """Open the audit log (Änderungsprotokoll) beside the window."""
        from zidkor_desktop.ui.dialogs.audit_log import AuditLogDialog

        dialog = AuditLogDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def choose_language(self, code: str) -> None:
        """Remember the language for the next start and say when it applies."""
        from zidkor_desktop.ui.pages.settings import restart_note

        if code != self.ctx.saved_language():
            self.ctx.save_language(code)
        if "settings" in self.pages:  # else it shows the saved language when first built
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
                "Administration program of the office of the Zweckverband ZIDKOR. This version "
                "keeps the members with their votes and capital contributions, prints the "
                "members list as PDF and makes backups."
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
