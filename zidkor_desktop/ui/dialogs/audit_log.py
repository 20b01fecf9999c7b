"""Bearbeiten → Änderungsprotokoll: all changes, filtered by record, user and date; CSV export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _, ngettext
from zidkor_desktop.queries.audit import (
    AuditFilter,
    entities,
    entity_label,
    list_entries,
    users,
)
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.widgets.audit_table import AuditTable
from zidkor_desktop.ui.widgets.date_edit import DateEdit
from zidkor_desktop.usecases.audit import check_audit_log, save_audit_csv

LAST_FOLDER_KEY = "audit/last_folder"


class AuditLogDialog(QDialog):
    """The audit log: newest first, sortable by every column, filters re-query the database."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Audit log"))
        self.entity = QComboBox(self)
        self.entity.addItem(_("all records"), None)
        for entity in sorted(entities(ctx.db), key=entity_label):
            self.entity.addItem(entity_label(entity), entity)
        self.entity_id = QLineEdit(self)
        self.entity_id.setPlaceholderText(_("all"))
        self.entity_id.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 10 + 24)
        self.user = QComboBox(self)
        self.user.addItem(_("all users"), None)
        for name in users(ctx.db):
            self.user.addItem(name, name)
        self.since = DateEdit(self)
        self.until = DateEdit(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search in the entries shown…"))
        self.search.setClearButtonEnabled(True)
        self.table = AuditTable(self)
        self.count_label = QLabel(self)
        self.export_button = QPushButton(_("Save as CSV…"), self)
        self.export_button.setToolTip(_("Save the entries shown as a CSV file for Excel"))
        self.verify_button = QPushButton(_("Check log"), self)
        self.verify_button.setToolTip(
            _("Recompute the hash chain: shows whether entries were changed or removed")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        filters = QGridLayout()
        filters.addWidget(QLabel(_("Record:"), self), 0, 0)
        filters.addWidget(self.entity, 0, 1)
        filters.addWidget(QLabel(_("No.:"), self), 0, 2)
        filters.addWidget(self.entity_id, 0, 3)
        filters.addWidget(QLabel(_("User:"), self), 0, 4)
        filters.addWidget(self.user, 0, 5)
        filters.addWidget(QLabel(_("From:"), self), 0, 6)
        filters.addWidget(self.since, 0, 7)
        filters.addWidget(QLabel(_("To:"), self), 0, 8)
        filters.addWidget(self.until, 0, 9)
        filters.setColumnStretch(10, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.entity.currentIndexChanged.connect(self.refresh)
        self.user.currentIndexChanged.connect(self.refresh)
        self.entity_id.textChanged.connect(self.refresh)
        self.since.changed.connect(self.refresh)
        self.until.changed.connect(self.refresh)
        self.search.textChanged.connect(self._search)
        self.export_button.clicked.connect(self.export_csv)
        self.verify_button.clicked.connect(self.verify)
        self.resize(1320, 680)
        self.refresh()

    def current_filter(self) -> AuditFilter | None:
        """The filter chosen, or None while a date field holds no valid date."""
        if not (self.since.is_valid() and self.until.is_valid()):
            return None
        return AuditFilter(
            entity=self.entity.currentData(),
            entity_id=self.entity_id.text().strip() or None,
            user=self.user.currentData(),
            since=self.since.date(),
            until=self.until.date(),
        )

    def refresh(self) -> None:
        """Load the entries matching the filter from the database."""
        wanted = self.current_filter()
        if wanted is None:
            return
        self.table.set_rows(list_entries(self.ctx.db, wanted))
        self._search(self.search.text())

    def _search(self, text: str) -> None:
        self.table.model_.set_filter_text(text)
        shown = self.table.model_.rowCount()
        self.count_label.setText(
            ngettext("{count} entry", "{count} entries", shown).format(count=shown)
        )
        self.export_button.setEnabled(shown > 0)

    def export_csv(self) -> Path | None:
        """Ask for a file and save the entries shown (filtered and sorted) there."""
        title = _("Save audit log as CSV")
        folder = Path(str(self.ctx.settings.value(LAST_FOLDER_KEY, str(Path.home()))))
        suggested = folder / f"Änderungsprotokoll-{self.ctx.today().isoformat()}.csv"
        chosen, _selected = QFileDialog.getSaveFileName(
            self, title, str(suggested), _("CSV files (*.csv);;All files (*)")
        )
        if not chosen:
            return None
        target = Path(chosen)
        if not target.suffix:
            target = target.with_suffix(".csv")
        try:
            written = save_audit_csv(self.table.model_.visible_rows(), target)
        except DomainError as exc:
            QMessageBox.warning(self, title, str(exc))
            return None
        self.ctx.settings.setValue(LAST_FOLDER_KEY, str(written.parent))
        QMessageBox.information(
            self, title, _("The audit log was saved to:\n{path}").format(path=written)
        )
        return written

    def verify(self) -> bool:
        """Recompute the hash chain and say the result (the last hash, or the broken entry)."""
        intact, message = check_audit_log(self.ctx.db)
        box = QMessageBox(
            QMessageBox.Icon.Information if intact else QMessageBox.Icon.Critical,
            _("Check audit log"),
            message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        self.verify_box = box
        return intact
