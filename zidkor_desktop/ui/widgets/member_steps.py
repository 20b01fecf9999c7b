"""The "Beitritt und Austritt" tab of the member dialog: steps, votes and the printable record."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.membership_steps import ORDER, Step, next_step
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.usecases.members import MemberRecord


class MemberSteps(QWidget):
    """Each step with its date and reference, the votes history and the accession record."""

    def __init__(self, ctx: AppContext, record: MemberRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.record = record
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([_("Step"), _("Date"), _("Reference or file number")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.next_label = QLabel(self)
        self.votes_label = QLabel(self)
        self.votes_label.setWordWrap(True)
        self.pdf_button = QPushButton(_("Accession record…"), self)
        self.pdf_button.setToolTip(
            _("The member's steps, votes and capital as a PDF: preview, print, save")
        )
        self.pdf_button.clicked.connect(self.show_pdf)
        bottom = QHBoxLayout()
        bottom.addWidget(self.next_label, 1)
        bottom.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.votes_label)
        layout.addLayout(bottom)
        self.load(record)

    def load(self, record: MemberRecord) -> None:
        """Show the steps and votes of a loaded member."""
        self.record = record
        data = record.data
        refs = {
            "council_resolution_ref": data.council_resolution_ref,
            "authority_file_number": data.authority_file_number,
        }
        rows = [
            [
                step.label,
                format_date(getattr(data, step.value)) if getattr(data, step.value) else "–",
                refs.get(step.reference_field or "", ""),
            ]
            for step in ORDER
        ]
        if record.exit_resolution_on is not None:  # recorded by a resolution of the assembly
            rows.insert(
                ORDER.index(Step.EXIT_NOTICE) + 1,
                [_("Assembly consent to the exit"), format_date(record.exit_resolution_on), ""],
            )
        self.table.setRowCount(len(rows))
        for position, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(position, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        coming = next_step(data.dates)
        self.next_label.setText(
            _("Next step: {step} (on the members page)").format(step=coming.label)
            if coming is not None
            else _("The membership has ended; there is no further step.")
        )
        self.votes_label.setText(
            _("Votes: {history}").format(
                history=", ".join(
                    _("{votes} from {day}").format(votes=votes, day=format_date(valid_from))
                    for valid_from, votes in sorted(record.votes_history)
                )
                or "–"
            )
        )

    def show_pdf(self) -> object:
        """The accession record in the document viewer."""
        from zidkor_desktop.ui.dialogs.accession_record_pdf import show_accession_record

        return show_accession_record(
            self, self.ctx, self.record.organisation_id, self.record.data.name
        )
