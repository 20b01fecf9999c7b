"""Restore a backup from the program: the known backups with date, size and check result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import N_, _, format_datetime, format_number
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.usecases import backup as backups


@dataclass(frozen=True)
class BackupRow:
    """One listed backup and the result of its check (None: passed)."""

    path: Path
    at: datetime | None
    size_bytes: int
    problem: str | None


def _size(row: BackupRow) -> str:
    return _("{kib} KiB").format(kib=format_number(max(1, round(row.size_bytes / 1024))))


COLUMNS: list[Column[BackupRow]] = [
    Column(N_("Date"), lambda r: format_datetime(r.at) if r.at else "", lambda r: r.at),
    Column(N_("Size"), _size, lambda r: r.size_bytes, ALIGN_RIGHT),
    Column(
        N_("Check"),
        lambda r: _("ok") if r.problem is None else _("failed"),
        tooltip=lambda r: r.problem,
    ),
    Column(N_("File"), lambda r: str(r.path), searchable=True),
]


def checked_row(path: Path, at: datetime | None) -> BackupRow:
    """A backup file with its size, time (else its modification time) and check result."""
    if not path.is_file():
        return BackupRow(path, at, 0, backups.check_backup(path))
    stat = path.stat()
    when = at or datetime.fromtimestamp(stat.st_mtime)
    return BackupRow(path, when, stat.st_size, backups.check_backup(path))


class RestoreBackupDialog(QDialog):
    """Lists the known backups, checks them, confirms and restores the chosen one."""

    def __init__(
        self, ctx: AppContext, preselect: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kept: Path | None = None
        self.restored: Path | None = None
        self.setWindowTitle(_("Restore backup"))
        self.resize(820, 420)
        intro = QLabel(
            _(
                "Choose the backup that replaces the database {path}. The current database "
                "is kept as a copy beside it."
            ).format(path=ctx.database_location()),
            self,
        )
        intro.setWordWrap(True)
        self.model: RowTableModel[BackupRow] = RowTableModel(COLUMNS, key=lambda r: r.path)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty_note = QLabel(_("No backup was found. Choose a file with “Other file…”."), self)
        buttons = QDialogButtonBox(self)
        self.other_button = QPushButton(_("Other file…"), self)
        self.restore_button = buttons.addButton(
            _("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.other_button.clicked.connect(self.choose_other_file)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_note)
        layout.addWidget(buttons)
        self.view.selectionModel().selectionChanged.connect(self._sync_button)
        self.load(preselect)

    def load(self, preselect: Path | None = None) -> None:
        """List and check the known backups; select `preselect` or the newest good one."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            rows = [checked_row(k.path, k.at) for k in backups.known_backups(self.ctx.db)]
            if preselect is not None and all(r.path != preselect for r in rows):
                rows.insert(0, checked_row(preselect, None))
        finally:
            QApplication.restoreOverrideCursor()
        self.model.set_rows(rows)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.empty_note.setVisible(not rows)
        wanted = preselect or next((r.path for r in rows if r.problem is None), None)
        self.select(wanted)

    def select(self, path: Path | None) -> None:
        """Select the row of `path` (nothing when it is not listed)."""
        position = None if path is None else self.model.position_of(path)
        self.view.clearSelection()
        if position is not None:
            self.view.selectRow(position)
        self._sync_button()

    def selected(self) -> BackupRow | None:
        """The chosen backup row."""
        indexes = self.view.selectionModel().selectedRows()
        return self.model.row_for_index(indexes[0]) if indexes else None

    def _sync_button(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def choose_other_file(self) -> None:
        """Add a file the clerk chooses to the list and select it."""
        chosen, _selected = QFileDialog.getOpenFileName(
            self, _("Restore backup"), "", _("ZIDKOR database (*.sqlite3);;All files (*)")
        )
        if chosen:
            self.add_file(Path(chosen).resolve())

    def add_file(self, path: Path) -> None:
        """List a chosen file (checked like the others) and select it."""
        rows = [r for r in self.model.all_rows() if r.path != path]
        self.model.set_rows([checked_row(path, None), *rows])
        self.empty_note.hide()
        self.select(path)

    def confirm(self, row: BackupRow) -> bool:
        """Ask before replacing the database, naming both files."""
        answer = QMessageBox.question(
            self,
            _("Restore backup"),
            _(
                "Replace the database\n{target}\nwith the backup\n{source}?\n\nThe current "
                "database is kept as a copy beside it."
            ).format(target=self.ctx.database_location(), source=row.path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> None:
        """Check, confirm and restore the chosen backup; the dialog closes on success."""
        row = self.selected()
        if row is None:
            return
        if row.problem is not None:
            QMessageBox.warning(self, _("Restore backup"), row.problem)
            return
        if not self.confirm(row):
            return
        db_path = self.ctx.db.path
        if db_path is None:
            return
        self.ctx.db.dispose()  # pooled connections would keep writing to the replaced file
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        error: Exception | None = None
        try:
            self.kept = backups.restore_database(db_path, row.path)
        except (DomainError, OSError) as exc:
            error = exc
        finally:
            QApplication.restoreOverrideCursor()
            self.ctx.db.dispose()
        if error is not None:
            QMessageBox.warning(
                self, _("Restore backup"), _("Nothing was restored: {error}").format(error=error)
            )
            return
        self.restored = row.path
        self.accept()
