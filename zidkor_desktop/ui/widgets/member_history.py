"""The "Verlauf" tab of the member dialog: every change of the member, its membership and votes."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from zidkor_desktop.l10n import ngettext
from zidkor_desktop.queries.audit import member_history
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.widgets.audit_table import COMPUTER, AuditTable


class MemberHistory(QWidget):
    """Changes of one member from the audit log, newest first; loaded when first shown."""

    def __init__(self, ctx: AppContext, organisation_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.organisation_id = organisation_id
        self.loaded = False
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = AuditTable(self)
        self.table.setColumnHidden(COMPUTER, True)  # in the user's tooltip; room for the values
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def showEvent(self, event: QShowEvent) -> None:
        """Read the history on first view, so opening the dialog costs nothing extra."""
        if not self.loaded:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read this member's changes from the audit log."""
        rows = member_history(self.ctx.db, self.organisation_id)
        self.table.set_rows(rows)
        self.loaded = True
        self.summary.setText(
            ngettext(
                "{count} change of this member (master data, membership and votes), newest first.",
                "{count} changes of this member (master data, membership and votes), newest first.",
                len(rows),
            ).format(count=len(rows))
        )
