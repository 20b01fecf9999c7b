"""Price-list area (Leistungs- und Entgeltverzeichnis): versions, the item editor, publishing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.kinds import PriceListStatus
from zidkor_desktop.domain.pricelist import CompareRow, compare_row
from zidkor_desktop.l10n import N_, _, format_date
from zidkor_desktop.queries.price_versions import VersionRow, list_versions, version_items
from zidkor_desktop.queries.services import list_services
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column
from zidkor_desktop.ui.pages.versions_page import VersionsPage
from zidkor_desktop.ui.widgets.price_items_editor import PriceItemsEditor
from zidkor_desktop.usecases.pricelist import delete_draft, new_version, save_items

LAST_FOLDER_KEY = "price_list/last_folder"


def _date(value: object) -> str:
    return format_date(value) if value else "–"  # type: ignore[arg-type]


VERSION_COLUMNS: list[Column[VersionRow]] = [
    Column(
        N_("Version"),
        lambda r: str(r.version_no),
        sort_key=lambda r: r.version_no,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("Status"), lambda r: r.status.label, searchable=True),
    Column(N_("Valid from"), lambda r: _date(r.valid_from), sort_key=lambda r: r.valid_from),
    Column(
        N_("Valid until"),
        lambda r: _date(r.valid_until) if r.valid_from else "–",
        sort_key=lambda r: r.valid_until,
    ),
    Column(N_("Items"), lambda r: str(r.items), sort_key=lambda r: r.items, alignment=ALIGN_RIGHT),
    Column(
        N_("Based on"),
        lambda r: _("version {number}").format(number=r.based_on) if r.based_on else "–",
        sort_key=lambda r: r.based_on,
    ),
    Column(N_("Title"), lambda r: r.title, searchable=True),
]


class PriceListPage(VersionsPage):
    """Versions on top, the chosen version's items below (editable while it is a draft)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Schedule of services and fees"),
            VERSION_COLUMNS,
            lambda r: r.version_no,
            parent,
        )
        self.loaded: VersionRow | None = None
        self.service_codes: dict[int, str] = {}
        self.editor = PriceItemsEditor(self)
        self.editor.modified_changed.connect(self._update_state)
        self.editor.problems_changed.connect(self._update_state)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("versionState")
        self.state_label.setWordWrap(True)

        self.new_button = self.button(
            _("New version"),
            self.new_version,
            _("Copy the version in force today into a new draft"),
        )
        self.save_button = self.button(_("Save"), self.save, _("Save the draft's items (Ctrl+S)"))
        self.revert_button = self.button(
            _("Discard changes"), self.discard_changes, _("Reload the draft as it is saved")
        )
        self.publish_button = self.button(
            _("Publish…"), self.publish, _("Make the draft the price list in force from a date")
        )
        self.delete_button = self.button(_("Delete draft…"), self.delete_draft)
        self.compare_button = self.button(
            _("Compare…"), self.compare, _("Added, removed and changed items between two versions")
        )
        self.export_button = self.button(
            _("Export…"),
            self.export,
            _("Save the version as a spreadsheet (XLSX or CSV) for the cities"),
        )
        self.import_button = self.button(
            _("Import…"),
            self.import_file,
            _("Take the items of a spreadsheet into the draft, after a preview"),
        )
        self.pdf_button = self.button(
            _("PDF…"),
            self.show_pdf,
            _("The schedule of services and fees valid on a date, to view, print or save"),
        )

        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.revert_button,
                       self.publish_button, self.delete_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.compare_button, self.export_button, self.import_button,
                       self.pdf_button):  # fmt: skip
            buttons.addWidget(button)

        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.state_label)
        lower_layout.addWidget(self.editor, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.versions_table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([150, 500])
        layout = self.body_layout()
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self._update_state()

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the versions; the items too, unless the clerk has unsaved edits."""
        keep = self.loaded.version_no if self.loaded else None
        services = list_services(self.ctx.db, self.ctx.today())
        self.service_codes = {s.service_id: s.code for s in services}
        self.editor.set_services([(s.service_id, s.code, s.name) for s in services])
        rows = list_versions(self.ctx.db)
        self.set_versions(rows)
        if keep is None or not self.select(keep):
            self._select_default(rows)
        if self.editor.is_modified():
            self.loaded = next((r for r in rows if r.version_no == keep), self.loaded)
            self._update_state()
            return
        self._load_selected()

    def _select_default(self, rows: list[VersionRow]) -> None:
        """A draft if there is one (the work in hand), else the newest version."""
        drafts = [r for r in rows if r.status is PriceListStatus.DRAFT]
        chosen = max(drafts or rows, key=lambda r: r.version_no, default=None)
        if chosen is not None:
            self.select(chosen.version_no)

    def _load_selected(self) -> None:
        row = self.selected_version()
        self.loaded = row
        if row is None:
            self.editor.load([], editable=False)
        else:
            items = version_items(self.ctx.db, row.version_no)
            self.editor.load(items, editable=row.status is PriceListStatus.DRAFT)
        self._update_state()

    def _is_draft(self) -> bool:
        return self.loaded is not None and self.loaded.status is PriceListStatus.DRAFT

    def _update_state(self, *_args: object) -> None:
        row, draft = self.loaded, self._is_draft()
        modified = self.editor.is_modified()
        problems = len(self.editor.problems()) if draft else 0
        self.save_button.setEnabled(draft and modified)
        self.save_action.setEnabled(draft and modified)
        self.revert_button.setEnabled(draft and modified)
        self.publish_button.setEnabled(draft and not modified and not problems)
        self.delete_button.setEnabled(draft)
        self.import_button.setEnabled(draft)
        self.export_button.setEnabled(row is not None)
        self.compare_button.setEnabled(self.versions_model.total_count() > 0)
        self.state_label.setText(self._state_text(row, modified))

    def _state_text(self, row: VersionRow | None, modified: bool) -> str:
        if row is None:
            return _("There is no price list yet. Start with “New version”.")
        if row.status is PriceListStatus.PUBLISHED:
            until = (
                _("until {day}").format(day=format_date(row.valid_until))
                if row.valid_until
                else _("until further notice")
            )
            return _(
                "Version {number}, published, valid from {day} {until}. A published version "
                "cannot be changed; for changes make a new version."
            ).format(number=row.version_no, day=format_date(row.valid_from), until=until)
        text = _("Version {number}, draft. Edit the items below; publish it when adopted.").format(
            number=row.version_no
        )
        if modified:
            text += " " + _("There are unsaved changes.")
        return text

    # --- saving and leaving -------------------------------------------------------------------

    def save(self) -> bool:
        """Save the draft's items in one transaction; problems are named, nothing is saved."""
        row = self.loaded
        if row is None or not self._is_draft():
            return False
        self.editor.commit_edit()
        problems = self.editor.problems()
        if problems:
            self._warn(_("Save"), _("The draft cannot be saved yet:") + "\n\n" + _bullets(problems))
            return False
        try:
            call(
                self,
                lambda: save_items(self.ctx.db, row.version_no, self.editor.drafts(), row.version),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            self._warn(_("Save"), str(exc))
            return False
        self.editor.mark_saved()
        self.status(_("Version {number} saved.").format(number=row.version_no))
        self._reload_versions()
        self.data_changed.emit()
        return True

    def _reload_versions(self) -> None:
        """Fresh version rows (lock counters, item counts) without touching the editor."""
        keep = self.loaded.version_no if self.loaded else None
        self.versions_model.set_rows(list_versions(self.ctx.db))
        if keep is not None and self.select(keep):
            position = self.versions_model.position_of(keep)
            assert position is not None
            self.loaded = self.versions_model.row_at(position)
        self._update_state()

    def discard_changes(self) -> None:
        """Reload the draft as saved, after asking."""
        if not self.editor.is_modified():
            return
        answer = QMessageBox.question(
            self,
            _("Discard changes"),
            _("Discard the unsaved changes of version {number}?").format(
                number=self.loaded.version_no if self.loaded else ""
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._load_selected()

    def has_unsaved_edits(self) -> bool:
        """Whether the draft shown has edits not yet saved (an open cell editor taken first)."""
        self.editor.commit_edit()
        return self._is_draft() and self.editor.is_modified()

    def unsaved_question(self) -> str:
        """The question before unsaved items would be lost."""
        return _("Version {number} of the price list has unsaved changes. Save them now?").format(
            number=self.loaded.version_no if self.loaded else ""
        )

    def discard_edits(self) -> None:
        """Give up the edits; the next version chosen loads afresh."""
        self.editor.load([], editable=False)
        self.loaded = None

    # --- version commands ---------------------------------------------------------------------

    def new_version(self) -> int | None:
        """Copy the version in force today (else the newest) into a new draft and show it."""
        if not self.can_leave():
            return None
        rows = self.versions_model.all_rows()
        source = None
        if not any(r.status is PriceListStatus.PUBLISHED and r.valid_from and
                   r.valid_from <= self.ctx.today() for r in rows):  # fmt: skip
            source = max((r.version_no for r in rows), default=None)
        try:
            number = call(
                self,
                lambda: new_version(self.ctx.db, self.ctx.today(), source),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            self._warn(_("New version"), str(exc))
            return None
        self._show_version(number)
        self.status(_("Version {number} was created as a draft.").format(number=number))
        self.data_changed.emit()
        return number

    def publish(self) -> QDialog | None:
        """Ask for the valid-from date and publish the draft."""
        row = self.loaded
        if row is None or not self._is_draft() or not self.can_leave():
            return None
        from zidkor_desktop.ui.dialogs.publish_price_list import PublishPriceListDialog

        dialog = PublishPriceListDialog(self.ctx, row.version_no, row.title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def published() -> None:
            self._show_version(row.version_no)
            self.status(_("Version {number} was published.").format(number=row.version_no))
            self.data_changed.emit()

        dialog.accepted.connect(published)
        dialog.open()
        return self.track(dialog)

    def _show_version(self, version_no: int) -> None:
        """Reload the list and the items of a version from the database."""
        self.loaded = None
        self.refresh()
        self.select(version_no)
        self._load_selected()

    def delete_draft(self) -> bool:
        """Delete the draft after asking; its unsaved edits go with it."""
        row = self.loaded
        if row is None or not self._is_draft():
            return False
        answer = QMessageBox.question(
            self,
            _("Delete draft"),
            _("Delete the draft version {number} with its {items} items?").format(
                number=row.version_no, items=len(self.editor.drafts())
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            call(
                self,
                lambda: delete_draft(self.ctx.db, row.version_no),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            self._warn(_("Delete draft"), str(exc))
            return False
        self.editor.load([], editable=False)
        self.loaded = None
        self.refresh()
        self.status(_("Draft version {number} was deleted.").format(number=row.version_no))
        self.data_changed.emit()
        return True

    # --- comparing, files, PDF ----------------------------------------------------------------

    def compare(self) -> QDialog:
        """Compare two versions; the one in the editor with its unsaved edits, if any."""
        from zidkor_desktop.ui.dialogs.compare_price_lists import (
            ComparePriceListsDialog,
            VersionSource,
        )

        rows = sorted(self.versions_model.all_rows(), key=lambda r: r.version_no)
        sources: list[VersionSource] = []
        for row in rows:
            label = _("Version {number} ({status})").format(
                number=row.version_no, status=_version_state(row)
            )
            if (
                self.loaded
                and row.version_no == self.loaded.version_no
                and (self.editor.is_modified())
            ):
                sources.append(
                    VersionSource(label + " – " + _("with unsaved changes"), self._edited_rows)
                )
            else:
                sources.append(VersionSource(label, _stored_rows(self, row.version_no)))
        new_index = next(
            (
                i
                for i, r in enumerate(rows)
                if self.loaded and r.version_no == self.loaded.version_no
            ),
            len(rows) - 1,
        )
        in_force = [
            i for i, r in enumerate(rows) if r.status is PriceListStatus.PUBLISHED
            and r.valid_from and r.valid_from <= self.ctx.today()
        ]  # fmt: skip
        old_index = (
            in_force[-1] if in_force and in_force[-1] != new_index else max(new_index - 1, 0)
        )
        dialog = ComparePriceListsDialog(sources, old_index, new_index, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return self.track(dialog)

    def _edited_rows(self) -> list[CompareRow]:
        """The editor's rows as compared; refused while an item has a problem."""
        problems = self.editor.problems()
        if problems:
            raise _EditorProblems(
                _("The edited version has problems; fix them to compare it:") + "\n" + problems[0]
            )
        return [
            compare_row(d, self.service_codes.get(d.service_id or 0, ""))
            for d in self.editor.drafts()
        ]

    def export(self) -> Path | None:
        """Save the chosen version as XLSX or CSV."""
        row = self.loaded
        if row is None:
            return None
        from zidkor_desktop.usecases.price_sheet import export_version

        folder = Path(str(self.ctx.settings.value(LAST_FOLDER_KEY, str(Path.home()))))
        suggested = folder / _("Price list version {number}.xlsx").format(number=row.version_no)
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export price list"),
            str(suggested),
            _("Excel workbook (*.xlsx);;CSV for Excel, semicolon-separated (*.csv)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".csv" if "csv" in _filter.lower() else ".xlsx")
        if self.editor.is_modified() and not self.can_leave():
            return None
        try:
            call(
                self,
                lambda: export_version(self.ctx.db, path, row.version_no, self.ctx.today()),
                where=path,
            )
        except DomainError as exc:
            self._warn(_("Export price list"), str(exc))
            return None
        self.ctx.settings.setValue(LAST_FOLDER_KEY, str(path.parent))
        self.status(_("Version {number} exported: {path}").format(number=row.version_no, path=path))
        return path

    def import_file(self, path: Path | None = None) -> QDialog | None:
        """Read a spreadsheet into the draft: every problem named, else a preview to confirm."""
        row = self.loaded
        if row is None or not self._is_draft():
            return None
        if not self.can_leave():
            return None
        if path is None:
            folder = str(self.ctx.settings.value(LAST_FOLDER_KEY, str(Path.home())))
            chosen, _filter = QFileDialog.getOpenFileName(
                self,
                _("Import price list"),
                folder,
                _("Spreadsheets (*.xlsx *.csv);;All files (*)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        self.ctx.settings.setValue(LAST_FOLDER_KEY, str(path.parent))
        from zidkor_desktop.ui.dialogs.import_price_list import start_import

        def applied() -> None:
            self._show_version(row.version_no)
            self.status(
                _("The file was imported into version {number}: {path}").format(
                    number=row.version_no, path=path
                )
            )
            self.data_changed.emit()

        dialog = start_import(self, self.ctx, path, row.version_no, applied)
        return None if dialog is None else self.track(dialog)

    def show_pdf(self) -> None:
        """The schedule valid on a date (the chosen published version's start, else today)."""
        from zidkor_desktop.ui.dialogs.price_list_pdf import PriceListPdfDialog

        dialog = PriceListPdfDialog(self.ctx, self)
        row = self.loaded
        if row is not None and row.status is PriceListStatus.PUBLISHED and row.valid_from:
            today = self.ctx.today()
            inside = row.valid_from <= today and (
                row.valid_until is None or today <= row.valid_until
            )
            dialog.date_edit.set_date(today if inside else row.valid_from)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.track(dialog)

    # --- helpers ------------------------------------------------------------------------------

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)


class _EditorProblems(DomainError):
    """The edited items cannot be compared while they have problems."""


def _stored_rows(page: PriceListPage, version_no: int) -> Callable[[], list[CompareRow]]:
    def rows() -> list[CompareRow]:
        return [compare_row(i, i.service) for i in version_items(page.ctx.db, version_no)]

    return rows


def _version_state(row: VersionRow) -> str:
    if row.status is PriceListStatus.DRAFT:
        return _("draft")
    return _("valid from {day}").format(day=format_date(row.valid_from))


def _bullets(lines: list[str], limit: int = 12) -> str:
    shown = "\n".join(f"• {line}" for line in lines[:limit])
    if len(lines) > limit:
        shown += "\n" + _("… and {count} more.").format(count=len(lines) - limit)
    return shown
