"""Composition root: QApplication, AppContext, the opened database and the main window."""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import traceback
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from zidkor_desktop import APP_NAME, ORG_NAME, __version__, l10n
from zidkor_desktop.l10n import _
from zidkor_desktop.options import LaunchOptions
from zidkor_desktop.paths import resource_path
from zidkor_desktop.ui import ready_probe
from zidkor_desktop.ui.context import AppContext, saved_language
from zidkor_desktop.usecases import backup as backups
from zidkor_desktop.usecases.database import is_initialised, open_and_migrate
from zidkor_desktop.usecases.errors import translate

_QT_LOCALES = {
    "de": (QLocale.Language.German, QLocale.Country.Germany),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}
_installed_translators: list[QTranslator] = []


def application() -> QApplication:
    """The running QApplication, created with the program's names if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    icon = resource_path("icons", "zidkor.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def install_language(app: QApplication, language: str) -> bool:
    """Switch our catalogs, Qt's own dialog texts and Qt's locale; False if Qt's are missing."""
    if language not in l10n.LANGUAGES:
        language = l10n.DEFAULT_LANGUAGE
    l10n.set_language(language)
    QLocale.setDefault(QLocale(*_QT_LOCALES[language]))
    for previous in _installed_translators:
        app.removeTranslator(previous)
    _installed_translators.clear()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return False
    app.installTranslator(translator)
    _installed_translators.append(translator)
    return True


def run_daily_backup(ctx: AppContext) -> str | None:
    """Make the day's first backup; returns a status message, or None when nothing happened.

    A damaged database is not backed up: the warning is kept in the context for the window.
    """
    try:
        written = backups.daily_backup(ctx.db, ctx.today())
    except backups.DamagedDatabase as exc:
        ctx.damage_warning = damage_warning(exc)
        ctx.damage_detail = "; ".join(exc.problems[:3])
        ctx.backup_to_restore = exc.newest_good
        return None
    except Exception as exc:
        known = translate(exc, path=ctx.database_location())
        if known is None:
            raise
        return _("The daily backup could not be saved: {error}").format(error=known)
    if written is None:
        return None
    return _("Today's backup was saved: {path}").format(path=written)


def damage_warning(exc: backups.DamagedDatabase) -> str:
    """The window's warning about a damaged database, naming the newest good backup."""
    text = _(
        "SQLite found damage in {path}. Today's backup was not written, so that it cannot "
        "replace a good one; every existing backup is kept."
    ).format(path=exc.path)
    if exc.newest_good is None:
        return text + " " + _("No good backup was found; please contact the support.")
    return text + " " + _("Newest good backup: {backup}").format(backup=exc.newest_good)


def _report_unexpected_error(kind: type[BaseException], error: BaseException, tb: Any) -> None:
    """Show an unexpected error to the clerk instead of losing it on a console nobody reads."""
    traceback.print_exception(kind, error, tb)
    known = translate(error)
    if known is not None:  # a library or system error we can name in German
        QMessageBox.warning(QApplication.activeWindow(), APP_NAME, str(known))
        return
    QMessageBox.critical(
        QApplication.activeWindow(),
        APP_NAME,
        _(
            "An unexpected error occurred: {error}\n\nThe last action may not have been "
            "completed. Please note what you did and tell the support."
        ).format(error=error),
    )


def run(options: LaunchOptions) -> int:
    """Start the GUI on the chosen database; returns the exit code."""
    from zidkor_desktop.ui.main_window import MainWindow
    from zidkor_desktop.ui.status import show_status_message

    app = application()
    sys.excepthook = _report_unexpected_error
    settings = QSettings()
    install_language(app, options.language or saved_language(settings))
    choice = options.choice
    try:
        opened = open_and_migrate(choice)
    except Exception as exc:
        known = translate(exc, path=choice.path or choice.url)
        if known is None:
            raise
        QMessageBox.critical(None, APP_NAME, str(known))
        return 1
    db = opened.db
    try:
        if choice.is_network_share:
            QMessageBox.warning(
                None,
                APP_NAME,
                _(
                    "The database lies on a network share. SQLite cannot lock files safely "
                    "there, so data may be damaged when two computers use it. Please keep the "
                    "file on this computer, or use a PostgreSQL server for shared work."
                ),
            )
        ctx = AppContext(db=db, today=date.today, settings=settings)
        if not is_initialised(db):
            from zidkor_desktop.ui.dialogs.first_start import FirstStartDialog

            gc.enable()  # the start may have switched it off (__main__); not for a dialog
            first_start = FirstStartDialog(ctx)
            if first_start.exec() != QDialog.DialogCode.Accepted:
                return 0
        backup_message = run_daily_backup(ctx)
        window = MainWindow(ctx)
        window.show()
        QTimer.singleShot(0, gc.enable)  # once the window is painted (see __main__)
        if opened.upgrade_backup is not None:
            show_status_message(
                window.statusBar(),
                _("The database was updated; a copy from before the update: {path}").format(
                    path=opened.upgrade_backup
                ),
            )
        elif backup_message:
            show_status_message(window.statusBar(), backup_message)
        if ready_probe.wanted():
            ready_probe.exit_when_ready(window)
        return app.exec()
    finally:
        db.dispose()


def self_test_gui(db: Any) -> list[str]:
    """Build the main window offscreen on an initialised database; returns problems found."""
    from zidkor_desktop.ui.main_window import AREA_KEYS, MainWindow

    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    application()
    problems: list[str] = []
    with tempfile.TemporaryDirectory(
        prefix="zidkor-selftest-", ignore_cleanup_errors=True
    ) as folder:
        settings = QSettings(str(Path(folder) / "selftest.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(db=db, today=date.today, settings=settings)
        window = MainWindow(ctx)
        try:
            for key in AREA_KEYS:
                try:
                    window.show_area(key)
                except Exception as exc:  # the self-test reports, it must not crash
                    problems.append(_("Area {area}: {error}").format(area=key, error=exc))
            window.show_area("members")
            page = window.members_page
            if page.model.rowCount() == 0:
                problems.append(_("The members list shows no rows."))
            elif not page.totals_label.text():
                problems.append(_("The members list shows no totals."))
        except Exception as exc:
            problems.append(_("The main window failed: {error}").format(error=exc))
        problems += _self_test_viewer(window, db, Path(folder))
        window.close()
        window.deleteLater()
    return problems


def _self_test_viewer(parent: QWidget, db: Any, folder: Path) -> list[str]:
    """Open the members list in the document viewer (QtPdf); returns the problems found."""
    try:
        from zidkor_desktop.ui.preview.viewer import DocumentViewer
        from zidkor_desktop.usecases.member_list import member_list_pdf

        data = member_list_pdf(db, date.today())
        viewer = DocumentViewer(data, APP_NAME, folder / "selftest.pdf", parent)
        pages = viewer.document.pageCount()
        viewer.deleteLater()
    except Exception as exc:  # the self-test reports, it must not crash
        return [_("The document viewer failed: {error}").format(error=exc)]
    return [] if pages > 0 else [_("The document viewer shows no page.")]
