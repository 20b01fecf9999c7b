"""Statute area (Verbandsordnung): versions and their steps, the sections of a draft, documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.kinds import StatuteStatus
from zidkor_desktop.domain.statute import SectionDraft
from zidkor_desktop.domain.statute_compare import Change, SectionChange, Word
from zidkor_desktop.l10n import N_, _, format_date
from zidkor_desktop.queries.statute import VersionRow, list_versions, version_sections
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.step_dialog import StepDialog, StepField
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column
from zidkor_desktop.ui.pages.versions_page import VersionsPage
from zidkor_desktop.usecases import statute as steps

LAST_FOLDER_KEY = "statute/last_folder"


def _date(value: date | None) -> str:
    return format_date(value) if value else "–"


VERSION_COLUMNS: list[Column[VersionRow]] = [
    Column(
        N_("Version"),
        lambda r: str(r.version_no),
        sort_key=lambda r: r.version_no,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("Status"), lambda r: r.status.label, searchable=True),
    Column(N_("Adopted on"), lambda r: _date(r.adopted_on), sort_key=lambda r: r.adopted_on),
    Column(N_("Approved on"), lambda r: _date(r.approved_on), sort_key=lambda r: r.approved_on),
    Column(
        N_("In force from"), lambda r: _date(r.in_force_from), sort_key=lambda r: r.in_force_from
    ),
    Column(
        N_("Sections"),
        lambda r: str(r.sections),
        sort_key=lambda r: r.sections,
        alignment=ALIGN_RIGHT,
    ),
    Column(
        N_("Based on"),
        lambda r: _("version {number}").format(number=r.based_on) if r.based_on else "–",
        sort_key=lambda r: r.based_on,
    ),
    Column(N_("Title"), lambda r: r.title, searchable=True),
]


@dataclass
class _Section:
    """A section as edited on the page."""

    number: str
    heading: str
    body: str


class StatutePage(VersionsPage):
    """Versions on top; below the chosen version's sections (editable while it is a draft)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, _("Statute (Verbandsordnung)"), VERSION_COLUMNS, lambda r: r.version_no, parent
        )
        self.loaded: VersionRow | None = None
        self.sections: list[_Section] = []
        self.modified = False

        self.new_button = self.button(
            _("New amendment"), self.new_amendment, _("Copy the version in force into a new draft")
        )
        self.save_button = self.button(
            _("Save"), self.save, _("Save the draft's sections (Ctrl+S)")
        )
        self.adopt_button = self.button(
            _("Adopted…"), self.adopt, _("Record the assembly's resolution adopting the draft")
        )
        self.approve_button = self.button(
            _("Approved…"),
            self.approve,
            _("Record the supervisory authority's approval and the public notice"),
        )
        self.in_force_button = self.button(
            _("In force…"), self.put_in_force, _("The day the version takes effect")
        )
        self.delete_button = self.button(_("Delete draft…"), self.delete_draft)
        self.rules_button = self.button(
            _("Rules…"),
            self.edit_rules,
            _("Title, capital per vote, quorum, majorities and invitation period of the version"),
        )
        self.compare_button = self.button(
            _("Compare…"),
            self.compare,
            _("Changed, added and removed sections, with the changed words marked"),
        )
        self.pdf_button = self.button(
            _("PDF…"), self.show_pdf, _("The statute of the chosen version, to view, print or save")
        )
        self.amendment_button = self.button(
            _("Amendment statute…"),
            self.show_amendment,
            _("The amendment statute from the version it is based on to the chosen one"),
        )
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.save_button,
            self.adopt_button,
            self.approve_button,
            self.in_force_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (
            self.rules_button,
            self.compare_button,
            self.pdf_button,
            self.amendment_button,
        ):
            buttons.addWidget(button)

        self.state_label = QLabel(self)
        self.state_label.setObjectName("statuteState")
        self.state_label.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.versions_table)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.state_label)
        lower_layout.addWidget(self._sections_editor(), 1)
        splitter.addWidget(lower)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([150, 520])
        layout = self.body_layout()
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self._update_state()

    def _sections_editor(self) -> QWidget:
        box = QWidget(self)
        self.section_list = QListWidget(box)
        self.section_list.setObjectName("sectionList")
        self.section_list.currentRowChanged.connect(self._show_section)
        self.add_button = QPushButton(_("Add section"), box)
        self.remove_button = QPushButton(_("Remove section"), box)
        self.up_button = QPushButton(_("Up"), box)
        self.down_button = QPushButton(_("Down"), box)
        self.add_button.clicked.connect(self.add_section)
        self.remove_button.clicked.connect(self.remove_section)
        self.up_button.clicked.connect(lambda: self.move_section(-1))
        self.down_button.clicked.connect(lambda: self.move_section(1))
        tools = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            tools.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(self.section_list, 1)
        left.addLayout(tools)

        self.number_edit = QLineEdit(box)
        self.number_edit.setMaxLength(20)
        self.heading_edit = QLineEdit(box)
        self.heading_edit.setMaxLength(200)
        self.body_edit = QPlainTextEdit(box)
        self.body_edit.setObjectName("sectionBody")
        self.body_edit.setPlaceholderText(
            _(
                "Subsections (Abs.) apart by a blank line; placeholders such as "
                "{{mitgliedertabelle}}"
            )
        )
        self.number_edit.textEdited.connect(self._section_edited)
        self.heading_edit.textEdited.connect(self._section_edited)
        self.body_edit.textChanged.connect(self._section_edited)
        form = QFormLayout()
        form.addRow(_("§ number") + ":", self.number_edit)
        form.addRow(_("Heading") + ":", self.heading_edit)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.body_edit, 1)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)
        return box

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the versions; the sections too, unless the clerk has unsaved edits."""
        keep = self.loaded.version_no if self.loaded else None
        rows = list_versions(self.ctx.db, self.ctx.today())
        self.set_versions(rows)
        if keep is None or not self.select(keep):
            drafts = [r for r in rows if r.status is StatuteStatus.DRAFT]
            in_force = [r for r in rows if r.status is StatuteStatus.IN_FORCE]
            chosen = max(drafts or in_force or rows, key=lambda r: r.version_no, default=None)
            if chosen is not None:
                self.select(chosen.version_no)
        if self.modified:
            self.loaded = next((r for r in rows if keep == r.version_no), self.loaded)
            self._update_state()
            return
        self._load_selected()

    def _load_selected(self) -> None:
        row = self.selected_version()
        self.loaded = row
        self.sections = []
        if row is not None:
            self.sections = [
                _Section(s.number, s.heading, s.body)
                for s in version_sections(self.ctx.db, row.version_no)
            ]
        self.modified = False
        self._fill_section_list(0)
        self._update_state()

    def _is_draft(self) -> bool:
        return self.loaded is not None and self.loaded.status is StatuteStatus.DRAFT

    def _fill_section_list(self, current: int) -> None:
        self.section_list.blockSignals(True)
        self.section_list.clear()
        for section in self.sections:
            QListWidgetItem(_section_title(section), self.section_list)
        self.section_list.blockSignals(False)
        if self.sections:
            self.section_list.setCurrentRow(max(0, min(current, len(self.sections) - 1)))
        self._show_section(self.section_list.currentRow())

    def _show_section(self, row: int) -> None:
        section = self.sections[row] if 0 <= row < len(self.sections) else None
        editable = self._is_draft() and section is not None
        for edit, text in (
            (self.number_edit, section.number if section else ""),
            (self.heading_edit, section.heading if section else ""),
        ):
            edit.setText(text)
            edit.setReadOnly(not editable)
        self.body_edit.blockSignals(True)
        self.body_edit.setPlainText(section.body if section else "")
        self.body_edit.blockSignals(False)
        self.body_edit.setReadOnly(not editable)

    def _section_edited(self, *_args: object) -> None:
        row = self.section_list.currentRow()
        if not self._is_draft() or not 0 <= row < len(self.sections):
            return
        section = self.sections[row]
        section.number = self.number_edit.text()
        section.heading = self.heading_edit.text()
        section.body = self.body_edit.toPlainText()
        self.section_list.item(row).setText(_section_title(section))
        self._set_modified()

    def _set_modified(self) -> None:
        self.modified = True
        self._update_state()

    def _update_state(self) -> None:
        row, draft = self.loaded, self._is_draft()
        status = row.status if row else None
        self.save_button.setEnabled(draft and self.modified)
        self.save_action.setEnabled(draft and self.modified)
        self.adopt_button.setEnabled(draft and not self.modified)
        self.approve_button.setEnabled(status is StatuteStatus.ADOPTED)
        self.in_force_button.setEnabled(status is StatuteStatus.APPROVED)
        self.delete_button.setEnabled(draft)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(draft)
        self.rules_button.setEnabled(row is not None)
        self.compare_button.setEnabled(self.versions_model.total_count() > 1)
        self.pdf_button.setEnabled(row is not None)
        self.amendment_button.setEnabled(row is not None and row.based_on is not None)
        self.state_label.setText(self._state_text(row))

    def _state_text(self, row: VersionRow | None) -> str:
        if row is None:
            return _("There is no statute yet.")
        texts = {
            StatuteStatus.DRAFT: _(
                "Version {number}, draft: edit the sections below; once the assembly has "
                "adopted it, record that with “Adopted…”."
            ),
            StatuteStatus.ADOPTED: _(
                "Version {number}, adopted on {adopted}; it needs the supervisory authority's "
                "approval (“Approved…”)."
            ),
            StatuteStatus.APPROVED: _(
                "Version {number}, approved on {approved} ({file}); enter the day it takes "
                "effect (“In force…”)."
            ),
            StatuteStatus.IN_FORCE: _("Version {number}, in force since {since}."),
            StatuteStatus.SUPERSEDED: _("Version {number}, superseded by a later version."),
        }
        text = texts[row.status].format(
            number=row.version_no,
            adopted=_date(row.adopted_on),
            approved=_date(row.approved_on),
            file=row.approval_file_number,
            since=_date(row.in_force_from),
        )
        if row.status is not StatuteStatus.DRAFT:
            text += " " + _("Only drafts can be changed.")
        elif self.modified:
            text += " " + _("There are unsaved changes.")
        return text

    # --- editing sections ---------------------------------------------------------------------

    def add_section(self) -> None:
        """A new section after the current one, numbered after it."""
        row = self.section_list.currentRow()
        before = self.sections[row].number if 0 <= row < len(self.sections) else "0"
        number = _next_number(before, {s.number for s in self.sections})
        self.sections.insert(row + 1, _Section(number, "", ""))
        self._fill_section_list(row + 1)
        self._set_modified()
        self.heading_edit.setFocus()

    def remove_section(self) -> None:
        """Remove the current section after asking."""
        row = self.section_list.currentRow()
        if not 0 <= row < len(self.sections):
            return
        answer = QMessageBox.question(
            self,
            _("Remove section"),
            _("Remove {section} from the draft?").format(
                section=_section_title(self.sections[row])
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        del self.sections[row]
        self._fill_section_list(row)
        self._set_modified()

    def move_section(self, step: int) -> None:
        """Move the current section up (-1) or down (+1); the numbers stay as they are."""
        row = self.section_list.currentRow()
        target = row + step
        if not (0 <= row < len(self.sections) and 0 <= target < len(self.sections)):
            return
        self.sections[row], self.sections[target] = self.sections[target], self.sections[row]
        self._fill_section_list(target)
        self._set_modified()

    def save(self) -> bool:
        """Save the draft's sections in one transaction."""
        row = self.loaded
        if row is None or not self._is_draft():
            return False
        drafts = [SectionDraft(s.number, s.heading, s.body) for s in self.sections]
        try:
            call(
                self,
                lambda: steps.save_sections(self.ctx.db, row.version_no, drafts, row.version),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            QMessageBox.warning(self, _("Save"), str(exc))
            return False
        self.modified = False
        current = self.section_list.currentRow()
        self._show(row.version_no)
        self._fill_section_list(current)
        self.status(_("Version {number} of the statute saved.").format(number=row.version_no))
        return True

    def has_unsaved_edits(self) -> bool:
        """Whether the draft shown has sections not yet saved."""
        return self._is_draft() and self.modified

    def unsaved_question(self) -> str:
        """The question before unsaved sections would be lost."""
        return _("Version {number} of the statute has unsaved changes. Save them now?").format(
            number=self.loaded.version_no if self.loaded else ""
        )

    def discard_edits(self) -> None:
        """Give up the edited sections."""
        self.modified = False

    # --- steps --------------------------------------------------------------------------------

    def _show(self, version_no: int) -> None:
        self.loaded = None
        self.modified = False
        self.refresh()
        self.select(version_no)
        self._load_selected()
        self.data_changed.emit()

    def _step(
        self, title: str, intro: str, fields: list[StepField], run: object, ok: str, done: str
    ) -> QDialog | None:
        row = self.loaded
        if row is None or not self.can_leave():
            return None

        def action(values: dict[str, date | str | None]) -> None:
            run(row.version_no, values)  # type: ignore[operator]

        dialog = StepDialog(self.ctx, title, intro, fields, action, ok, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished() -> None:
            self._show(row.version_no)
            self.status(done.format(number=row.version_no))

        dialog.accepted.connect(finished)
        dialog.open()
        return self.track(dialog)

    def new_amendment(self) -> int | None:
        """Copy the version in force into a new draft and show it."""
        if not self.can_leave():
            return None
        try:
            number = call(
                self,
                lambda: steps.new_amendment(self.ctx.db, self.ctx.today()),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            QMessageBox.warning(self, _("New amendment"), str(exc))
            return None
        self._show(number)
        self.status(_("Draft version {number} of the statute created.").format(number=number))
        return number

    def adopt(self) -> QDialog | None:
        """Record the assembly's adoption of the draft."""
        today = self.ctx.today()
        return self._step(
            _("Adopted by the assembly"),
            _("From the adoption on the version can no longer be changed."),
            [
                StepField("adopted_on", _("Adopted on"), "date", initial=today),
                StepField(
                    "adoption_ref",
                    _("Resolution"),
                    placeholder=_("e.g. resolution of the assembly of 12.11.2026, TOP 3"),
                ),
            ],
            lambda number, v: steps.adopt(
                self.ctx.db, number, v["adopted_on"], str(v["adoption_ref"]), today
            ),
            _("Record adoption"),
            _("Version {number} of the statute was adopted."),
        )

    def approve(self) -> QDialog | None:
        """Record the authority's approval and the public notice."""
        today = self.ctx.today()
        return self._step(
            _("Approval and public notice"),
            _("The supervisory authority's approval and where the statute was published."),
            [
                StepField("approved_on", _("Approved on"), "date", initial=today),
                StepField(
                    "approval_file_number",
                    _("File number"),
                    placeholder=_("e.g. Az. 17 062-12 ZIDKOR/21a"),
                ),
                StepField("published_on", _("Published on"), "date", initial=today),
                StepField(
                    "published_in",
                    _("Published in"),
                    placeholder=_("e.g. Staatsanzeiger für Rheinland-Pfalz Nr. 45"),
                ),
            ],
            lambda number, v: steps.approve(
                self.ctx.db,
                number,
                steps.Approval(
                    v["approved_on"],
                    str(v["approval_file_number"]),
                    v["published_on"],
                    str(v["published_in"]),
                ),
                today,
            ),
            _("Record approval"),
            _("The approval of version {number} was recorded."),
        )

    def put_in_force(self) -> QDialog | None:
        """Enter the day the version takes effect."""
        row = self.loaded
        initial = row.published_on if row and row.published_on else self.ctx.today()
        return self._step(
            _("Entry into force"),
            _("From this day the version is the statute in force; the one before ends."),
            [StepField("in_force_from", _("In force from"), "date", initial=initial)],
            lambda number, v: steps.put_in_force(self.ctx.db, number, v["in_force_from"]),
            _("Put into force"),
            _("Version {number} of the statute is in force."),
        )

    def edit_rules(self) -> QDialog | None:
        """The title and settings of the version (editable while a draft)."""
        row = self.loaded
        if row is None or not self.can_leave():
            return None
        from zidkor_desktop.ui.dialogs.statute_settings import StatuteSettingsDialog

        dialog = StatuteSettingsDialog(self.ctx, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._show(row.version_no))
        dialog.open()
        return self.track(dialog)

    def delete_draft(self) -> bool:
        """Delete the draft after asking."""
        row = self.loaded
        if row is None or not self._is_draft():
            return False
        answer = QMessageBox.question(
            self,
            _("Delete draft"),
            _("Delete the draft version {number} of the statute?").format(number=row.version_no),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            call(
                self,
                lambda: steps.delete_draft(self.ctx.db, row.version_no),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            QMessageBox.warning(self, _("Delete draft"), str(exc))
            return False
        self.loaded = None
        self.modified = False
        self.refresh()
        self.data_changed.emit()
        return True

    # --- comparing and documents --------------------------------------------------------------

    def compare(self) -> QDialog | None:
        """Compare two versions with the changed words marked."""
        if not self.can_leave():
            return None
        rows = sorted(self.versions_model.all_rows(), key=lambda r: r.version_no)
        new_no = self.loaded.version_no if self.loaded else rows[-1].version_no
        old_no = (
            self.loaded.based_on if self.loaded and self.loaded.based_on else rows[0].version_no
        )
        dialog = CompareStatuteDialog(self.ctx, [r.version_no for r in rows], old_no, new_no, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return self.track(dialog)

    def show_pdf(self) -> None:
        """The chosen version as PDF in the document viewer."""
        row = self.loaded
        if row is None or not self.can_leave():
            return
        from zidkor_desktop.usecases.statute_pdf import statute_file_name, statute_pdf

        self._show_document(
            lambda: statute_pdf(self.ctx.db, row.version_no, self.ctx.today()),
            _("Statute, version {number}").format(number=row.version_no),
            statute_file_name(row.version_no),
        )

    def show_amendment(self) -> None:
        """The Änderungssatzung from the version it is based on to the chosen one."""
        row = self.loaded
        if row is None or row.based_on is None or not self.can_leave():
            return
        from zidkor_desktop.usecases.statute_pdf import amendment_pdf

        old = row.based_on
        self._show_document(
            lambda: amendment_pdf(self.ctx.db, old, row.version_no, self.ctx.today()),
            _("Amendment statute, version {old} to {new}").format(old=old, new=row.version_no),
            _("Amendment statute {old} to {new}.pdf").format(old=old, new=row.version_no),
        )

    def _show_document(self, render: object, title: str, file_name: str) -> None:
        from zidkor_desktop.ui.preview.viewer import show_document  # QtPdf: lazily

        try:
            data = call(self, render, where=self.ctx.database_location())  # type: ignore[arg-type]
        except DomainError as exc:
            QMessageBox.warning(self, title, str(exc))
            return
        folder = Path(str(self.ctx.settings.value(LAST_FOLDER_KEY, str(Path.home()))))

        def remember(written: Path) -> None:
            self.ctx.settings.setValue(LAST_FOLDER_KEY, str(written.parent))

        self.viewer = show_document(self, data, title, folder / file_name, remember)

    # --- helpers ------------------------------------------------------------------------------


def _section_title(section: _Section) -> str:
    return f"§ {section.number} {section.heading}".strip()


def _next_number(after: str, used: set[str]) -> str:
    """A free number after `after`: 5 -> 6 if free, else 5a, 5b …"""
    digits = "".join(ch for ch in after if ch.isdigit()) or "0"
    candidate = str(int(digits) + 1)
    if candidate not in used:
        return candidate
    for letter in "abcdefghijklmnopqrstuvwxyz":
        if f"{digits}{letter}" not in used:
            return f"{digits}{letter}"
    return ""


_MARKS = {
    None: "{}",
    Change.REMOVED: '<span style="color:#b00020;text-decoration:line-through">{}</span>',
    Change.ADDED: (
        '<span style="color:#006400;background:#e6f4e6;text-decoration:underline">{}</span>'
    ),
}


def _words(words: tuple[Word, ...] | list[Word]) -> str:
    return " ".join(_MARKS[w.kind].format(escape(w.text)) for w in words)


def changes_html(changes: list[SectionChange]) -> str:
    """The changes as HTML: removed words struck through in red, added words green."""
    if not changes:
        return "<p>" + escape(_("The two versions have the same text.")) + "</p>"
    parts = []
    for change in changes:
        section = change.new or change.old
        assert section is not None
        kind = {Change.ADDED: _("added"), Change.REMOVED: _("removed")}.get(
            change.kind, _("changed")
        )
        heading = _words(change.heading) if change.heading else escape(section.heading)
        parts.append(
            f"<h3>§ {escape(change.number)} {heading} <small>({escape(kind)})</small></h3>"
        )
        if change.kind is Change.CHANGED:
            for sub in change.subsections:
                if sub.old_index == sub.new_index:
                    label = _("Subsection {number}").format(number=sub.old_index)
                else:
                    label = _("Subsection {old} → {new}").format(
                        old=sub.old_index or "–", new=sub.new_index or "–"
                    )
                parts.append(f"<p><b>{escape(label)}:</b> {_words(sub.words)}</p>")
        else:
            style = Change.ADDED if change.kind is Change.ADDED else Change.REMOVED
            for number, text in enumerate(section.subsections, start=1):
                parts.append(f"<p>({number}) {_MARKS[style].format(escape(text))}</p>")
    return "\n".join(parts)


class CompareStatuteDialog(QDialog):
    """Two version choices and the changed sections with the words marked."""

    def __init__(
        self,
        ctx: AppContext,
        numbers: list[int],
        old_no: int,
        new_no: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Compare statute versions"))
        self.old_choice, self.new_choice = QComboBox(self), QComboBox(self)
        for choice, chosen in ((self.old_choice, old_no), (self.new_choice, new_no)):
            for number in numbers:
                choice.addItem(_("Version {number}").format(number=number), number)
            choice.setCurrentIndex(choice.findData(chosen))
            choice.currentIndexChanged.connect(self.update_comparison)
        choices = QHBoxLayout()
        choices.addWidget(QLabel(_("From:"), self))
        choices.addWidget(self.old_choice, 1)
        choices.addWidget(QLabel(_("To:"), self))
        choices.addWidget(self.new_choice, 1)
        self.text = QTextBrowser(self)
        self.text.setObjectName("statuteChanges")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 70, 560)
        self.update_comparison()

    def update_comparison(self, *_args: object) -> None:
        """Show the changes between the two chosen versions."""
        from zidkor_desktop.queries.statute_document import compare_versions

        old, new = self.old_choice.currentData(), self.new_choice.currentData()
        try:
            changes = compare_versions(self.ctx.db, old, new, self.ctx.today())
        except DomainError as exc:
            self.text.setPlainText(str(exc))
            return
        self.text.setHtml(changes_html(changes))
