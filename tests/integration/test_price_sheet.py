"""The price list as spreadsheet on SQLite and PostgreSQL: export, edit, import, refusals."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import (
    ConcurrentChange,
    DomainError,
    NotFound,
    RuleViolation,
    ValidationError,
)
from zidkor_desktop.domain.pricelist import ItemDraft
from zidkor_desktop.queries.price_versions import ItemRow, list_versions, version_items
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.price_sheet import (
    SheetRefused,
    apply_import,
    export_version,
    prepare_import,
)
from zidkor_desktop.usecases.pricelist import publish, save_items

TODAY = date(2026, 11, 25)
HEADERS = [
    "Position", "Kürzel", "Verfahren", "Bezeichnung", "Beschreibung", "Einheit",
    "Einheitentext", "Einheitencode", "Preis", "Steuer", "Steuerhinweis", "Abrechnung",
]  # fmt: skip
HEADER_ROW = 4


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def stored(db: Database, number: int = 2) -> tuple[list[ItemRow], int]:
    """A version's items and its lock counter (to show that nothing changed)."""
    lock = next(v.version for v in list_versions(db) if v.version_no == number)
    return version_items(db, number), lock


def _draft_of(r: ItemRow) -> ItemDraft:
    """A stored item as the editor holds it."""
    return ItemDraft(
        r.position, r.code, r.service_id, r.title, r.unit, r.unit_price, r.tax_category,
        r.billing_rhythm, r.description, r.unit_text, r.unit_code, r.tax_note,
    )  # fmt: skip


def refused(db: Database, path: Path) -> list[str]:
    """The problems of a refused file, checking that the draft stayed as it was."""
    before = stored(db)
    with pytest.raises(SheetRefused) as caught:
        prepare_import(db, path)
    assert stored(db) == before
    assert caught.value.problems
    return caught.value.problems


# --- export --------------------------------------------------------------------------------


def test_xlsx_export_has_typed_cells_header_frozen_panes_and_the_version(
    demo: Database, tmp_path: Path
) -> None:
    target = tmp_path / "fassung.xlsx"
    assert export_version(demo, target, 1) == 1
    book = load_workbook(target)
    sheet = book.worksheets[0]
    assert sheet.title == "Fassung 1"
    assert sheet["A1"].value == "Leistungs- und Entgeltverzeichnis 2026 (Beispiel)"
    assert sheet["A2"].value == "Fassung 1 · Veröffentlicht, gültig ab 01.01.2026"
    assert [c.value for c in sheet[HEADER_ROW]] == HEADERS
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    first = [c.value for c in sheet[HEADER_ROW + 1]]
    assert first == [
        1, "AUT-01", "AUTISTA", "AutiSta – Betrieb und Lizenz je Arbeitsplatz", None,
        "je Arbeitsplatz und Monat", "je Arbeitsplatz und Monat", "C62", 38.5,
        "Nicht steuerbar", "Nicht steuerbar gem. § 2b Abs. 3 UStG.", "Vierteljährlich",
    ]  # fmt: skip
    price = sheet.cell(HEADER_ROW + 3, 9)
    assert (price.data_type, price.value, price.number_format) == ("n", 0.045, '#,##0.00##" €"')
    assert sheet.column_dimensions["D"].width == 50
    ranges = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert set(ranges) == {"C5", "F5", "H5", "J5", "L5"}
    choices = book["Auswahl"]
    assert choices.sheet_state == "hidden"
    assert [c.value for c in choices["C"] if c.value] == ["19 % USt", "7 % USt", "Nicht steuerbar"]
    assert [c.value for c in choices["A"] if c.value] == ["AUTISTA", "EPR-EMV", "NWR"]


def test_csv_export_the_german_way(demo: Database, tmp_path: Path) -> None:
    target = tmp_path / "fassung.csv"
    assert export_version(demo, target, 2) == 2
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == ";".join(HEADERS)
    assert lines[1].split(";")[:3] == ["1", "AUT-01", "AUTISTA"]
    prices = [line.split(";")[8] for line in lines[1:] if line]
    assert prices == ["41,25", "1250,00", "0,0480", "12,00", "85,00"]
    assert lines[-1] == ""  # CRLF after the last row
    assert "Vierteljährlich" in lines[1]


def test_export_default_version_and_refusals(demo: Database, tmp_path: Path) -> None:
    assert export_version(demo, tmp_path / "a.csv", today=TODAY) == 1
    assert export_version(demo, tmp_path / "b.csv", today=date(2025, 6, 1)) == 2  # newest
    with pytest.raises(ValidationError, match=r"Endung \.xlsx oder \.csv \(nicht „a\.ods“\)"):
        export_version(demo, tmp_path / "a.ods", 1)
    with pytest.raises(NotFound, match=r"keine Fassung 9"):
        export_version(demo, tmp_path / "c.csv", 9)
    with pytest.raises(DomainError, match=r"konnte nicht .*gespeichert werden"):
        export_version(demo, tmp_path / "missing" / "d.csv", 1)


# --- round trips ---------------------------------------------------------------------------


def _edit_xlsx(path: Path) -> None:
    """What a clerk does in Excel: a price with 4 places, umlauts, a new row, a row removed."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    rows = {sheet.cell(r, 2).value: r for r in range(HEADER_ROW + 1, sheet.max_row + 1)}
    sheet.cell(rows["AUT-01"], 9).value = 41.1234  # Excel keeps numbers as floats
    sheet.cell(rows["AUT-02"], 4).value = "Grundgebühr für Größe „Standesämter“"
    sheet.cell(rows["AUT-02"], 10).value = "19 % USt"
    sheet.cell(rows["EPR-04"], 6).value = "je Vorgang"
    sheet.cell(rows["EPR-04"], 12).value = "Monatlich"
    sheet.delete_rows(rows["EPR-02"])
    new = sheet.max_row + 1
    values = [
        6, "NWR-01", "NWR", "=SUMME(A1)", "+49 6131 Hotline", "je Stunde", "", "",
        "1.234,5678", "7 % USt", "", "Einmalig",
    ]  # fmt: skip
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(new, column)
        cell.value = value
        cell.data_type = "s" if isinstance(value, str) else cell.data_type  # '=… typed as text
    book.save(path)


def test_xlsx_round_trip(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "fassung.xlsx"
    export_version(demo, path, 2)
    _edit_xlsx(path)
    before, lock = stored(demo)
    preview = prepare_import(demo, path)
    assert (preview.version_no, preview.loaded_version) == (2, lock)
    assert stored(demo) == (before, lock)  # the preview changes nothing
    comparison = preview.comparison
    assert [(c, p) for c, _t, p in comparison.added] == [("NWR-01", Decimal("1234.5678"))]
    assert [c for c, _t, _p in comparison.removed] == ["EPR-02"]
    changed = {c.code: c for c in comparison.changed}
    assert set(changed) == {"AUT-01", "AUT-02", "EPR-04"}
    assert (changed["AUT-01"].old_price, changed["AUT-01"].new_price) == (
        Decimal("41.2500"),
        Decimal("41.1234"),
    )
    assert changed["AUT-01"].percent == (
        (Decimal("41.1234") / Decimal("41.25") - 1) * 100
    ).quantize(Decimal("0.01"))
    aut02 = {f.field: (f.old, f.new) for f in changed["AUT-02"].fields}
    assert aut02["tax_category"] == ("Nicht steuerbar", "19 % USt")
    assert aut02["title"][1] == "Grundgebühr für Größe „Standesämter“"
    epr04 = {f.field: (f.old, f.new) for f in changed["EPR-04"].fields}
    assert epr04["unit"] == ("je Stunde", "je Fall")
    assert "unit_text" not in epr04  # the clerk changed the unit, not its text
    assert epr04["billing_rhythm"] == ("Einmalig", "Monatlich")
    assert changed["EPR-04"].old_price == changed["EPR-04"].new_price
    assert preview.unchanged == 1
    assert apply_import(demo, preview) > lock
    rows = {r.code: r for r in version_items(demo, 2)}
    assert rows["AUT-01"].unit_price == Decimal("41.1234")
    assert rows["AUT-02"].title == "Grundgebühr für Größe „Standesämter“"
    assert (rows["AUT-02"].tax_category.value, rows["AUT-02"].tax_rate) == ("S", 19)
    new = rows["NWR-01"]
    assert (new.title, new.description, new.unit_text, new.unit_code) == (
        "=SUMME(A1)", "+49 6131 Hotline", "je Stunde", "HUR",
    )  # fmt: skip
    assert (new.unit_price, new.tax_category.value, new.billing_rhythm.value) == (
        Decimal("1234.5678"),
        "AA",
        "once",
    )
    # exported again, the defused text is a text cell (never a formula) and reads back the same
    again = tmp_path / "wieder.xlsx"
    export_version(demo, again, 2)
    sheet = load_workbook(again).worksheets[0]
    cell = next(c for c in sheet["D"] if c.value == "=SUMME(A1)")
    assert cell.data_type == "s" and cell.quotePrefix
    assert not prepare_import(demo, again).has_changes


def test_csv_round_trip_with_defused_formulas(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "fassung.csv"
    export_version(demo, path, 2)
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    lines[1] = lines[1].replace(";41,25;", ";41,1234;")
    lines[2] = lines[2].replace("AutiSta – Grundpauschale je Standesamt", "Grundgebühr für Ämter")
    lines.insert(
        -1,
        "7;NWR-01;NWR;'=SUMME(A1);''-Strich;je Stunde;;;0,0001;19 % USt;;Quartalsweise",
    )
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    problems = refused(demo, path)
    assert problems == [
        "Zeile 7, Spalte Abrechnung: „Quartalsweise“ ist keine bekannte Abrechnung (möglich: "
        "Monatlich, Vierteljährlich, Jährlich, Einmalig)"
    ]
    path.write_bytes(path.read_bytes().replace(b"Quartalsweise", "Vierteljährlich".encode()))
    preview = prepare_import(demo, path)
    apply_import(demo, preview)
    rows = {r.code: r for r in version_items(demo, 2)}
    assert rows["AUT-01"].unit_price == Decimal("41.1234")
    assert rows["AUT-02"].title == "Grundgebühr für Ämter"
    assert (rows["NWR-01"].title, rows["NWR-01"].description) == ("=SUMME(A1)", "'-Strich")
    assert rows["NWR-01"].unit_price == Decimal("0.0001")
    again = tmp_path / "wieder.csv"
    export_version(demo, again, 2)
    text = again.read_bytes().decode("utf-8-sig")
    assert ";'=SUMME(A1);''-Strich;" in text  # defused again, reversibly
    assert not prepare_import(demo, again).has_changes


def test_files_saved_back_by_excel_and_libreoffice(demo: Database, tmp_path: Path) -> None:
    """No title rows, columns reordered, floats and German text, trailing empty rows, no BOM."""
    items, _lock = stored(demo)
    book = Workbook()
    sheet = book.active
    order = [8, 0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11]  # price first
    sheet.append([HEADERS[i] for i in order])
    for item in items:
        price: object = float(item.unit_price)
        if item.code == "AUT-02":
            price = "1.250,00 €"
        cells = [
            float(item.position), item.code, item.service, item.title, item.description or None,
            item.unit.label, item.unit_text, item.unit_code, price, item.tax_category.label,
            item.tax_note, item.billing_rhythm.label,
        ]  # fmt: skip
        sheet.append([cells[i] for i in order])
    sheet.append([None] * 12)
    sheet.append(["", "  ", None])
    path = tmp_path / "zurück.xlsx"
    book.save(path)
    assert not prepare_import(demo, path).has_changes
    csv_path = tmp_path / "zurück.csv"
    export_version(demo, csv_path, 2)
    plain = csv_path.read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    csv_path.write_bytes(plain.replace(b";41,25;", b';"41,25 \xe2\x82\xac";') + b";;;\n\n")
    assert not prepare_import(demo, csv_path).has_changes


def test_windows_1252_csv_is_read_with_a_note(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "ansi.csv"
    export_version(demo, path, 2)
    text = path.read_bytes().decode("utf-8-sig").replace("eMV – elektronischer", "eMV-Größe")
    path.write_bytes(text.encode("cp1252"))
    preview = prepare_import(demo, path)
    assert "Windows-1252" in preview.notes[0]
    assert [c.title for c in preview.comparison.changed] == [
        "eMV-Größe Mitteilungsverkehr je Arbeitsplatz"
    ]


def test_comma_separated_csv_with_quoted_prices_is_read(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "komma.csv"
    export_version(demo, path, 2)
    text = path.read_bytes().decode("utf-8-sig")
    rows = [line.split(";") for line in text.split("\r\n") if line]
    path.write_text(
        "\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows),
        encoding="utf-8",
    )
    assert not prepare_import(demo, path).has_changes


# --- broken files: every problem, nothing changed -------------------------------------------


def _csv_with(demo: Database, path: Path, edit: dict[int, list[tuple[str, str]]]) -> Path:
    export_version(demo, path, 2)
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    for index, replacements in edit.items():
        for old, new in replacements:
            assert old in lines[index]
            lines[index] = lines[index].replace(old, new, 1)
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    return path


def test_every_cell_problem_is_reported_with_row_and_column(demo: Database, tmp_path: Path) -> None:
    path = _csv_with(
        demo,
        tmp_path / "fehler.csv",
        {
            1: [("41,25", "12,5O"), ("AUTISTA", "XYZ")],
            2: [("2;", "zwei;"), ("Jährlich", "jährlich")],
            3: [("3;", "1;"), ("Nicht steuerbar;", "16 %;")],
            4: [("eMV", '=HYPERLINK("x")')],
            5: [("EPR-04", "aut-01"), ("85,00", "-5")],
        },
    )
    assert refused(demo, path) == [
        "Zeile 2, Spalte Verfahren: „XYZ“ ist kein bekanntes Verfahren (bekannt: AUTISTA, "
        "EPR-EMV, NWR)",
        "Zeile 2, Spalte Preis: „12,5O“ ist kein Betrag",
        "Zeile 3, Spalte Position: „zwei“ ist keine ganze Zahl",
        "Zeile 4, Spalte Position: Die Nummer ist doppelt vergeben",
        "Zeile 4, Spalte Steuer: „16 %“ ist keine bekannte Steuer (möglich: 19 % USt, 7 % USt, "
        "Nicht steuerbar)",
        'Zeile 5, Spalte Bezeichnung: „=HYPERLINK("x") – elektronischer Mittei…“ '
        "beginnt mit „=“ und würde als Formel ausgeführt; setzen Sie ein Apostroph (') davor, "
        "wenn es Text sein soll",
        "Zeile 6, Spalte Kürzel: „aut-01“ ist schon in Position 1 vergeben",
        "Zeile 6, Spalte Preis: „-5“ ist negativ; ein Preis ist mindestens 0",
    ]
    with pytest.raises(
        SheetRefused,
        match=r"^Die Datei fehler\.csv kann nicht eingelesen "
        r"werden: Sie enthält 8 Fehler\. Es wurde nichts geändert\.$",
    ):
        prepare_import(demo, path)


def test_formula_cells_and_wrong_types_in_xlsx(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "formel.xlsx"
    export_version(demo, path, 2)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    sheet.cell(HEADER_ROW + 1, 9).value = "=I6*1,03"  # a formula, not a price
    sheet.cell(HEADER_ROW + 2, 1).value = date(2027, 1, 1)
    sheet.cell(HEADER_ROW + 3, 9).value = 0.04801  # five places
    book.save(path)
    assert refused(demo, path) == [
        "Zeile 5, Spalte Preis: Die Zelle enthält eine Formel (=I6*1,03); bitte tragen Sie den "
        "Wert selbst ein",
        "Zeile 6, Spalte Position: Die Zelle enthält ein Datum oder eine Uhrzeit; bitte "
        "formatieren Sie sie als Text oder Zahl",
        "Zeile 7, Spalte Preis: „0,04801“ hat mehr als vier Nachkommastellen",
    ]


def test_missing_extra_and_doubled_columns_are_named(demo: Database, tmp_path: Path) -> None:
    path = _csv_with(demo, tmp_path / "spalten.csv", {0: [(";Steuerhinweis", ";Bemerkung")]})
    assert refused(demo, path) == [
        "Zeile 1, Spalte K: „Bemerkung“ ist keine Spalte des Entgeltverzeichnisses.",
        "Zeile 1: Es fehlen die Spalten „Steuerhinweis“.",
    ]
    path = _csv_with(demo, tmp_path / "doppelt.csv", {0: [("Beschreibung", "Preis")]})
    assert refused(demo, path) == [
        "Zeile 1: Die Spalte „Preis“ kommt zweimal vor (E und I).",
        "Zeile 1: Es fehlen die Spalten „Beschreibung“.",
    ]
    path = _csv_with(demo, tmp_path / "rechts.csv", {3: [("Jährlich", "Jährlich;übrig")]})
    assert refused(demo, path) == [
        "Zeile 4, Spalte M: „übrig“ steht in einer Spalte ohne Überschrift."
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("leer.csv", b"", "Die Datei leer.csv ist leer."),
        ("bom.csv", b"\xef\xbb\xbf\r\n\r\n", "Die Datei bom.csv ist leer."),
        ("leer.xlsx", b"", "Die Datei leer.xlsx ist leer."),
        (
            "dos.csv",
            "Position;Kürzel\r\n".encode("cp850") + b"\x81",
            "weder in UTF-8 noch in Windows-1252 kodiert",
        ),
        ("zufall.csv", bytes(range(256)) * 4, "Die Datei zufall.csv ist keine Tabelle"),
        ("bericht.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "bericht.csv ist ein PDF-Dokument"),
        ("alt.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "alte Excel-Format"),
        ("text.xlsx", b"Position;Preis\n", "text.xlsx ist keine Excel-Arbeitsmappe"),
        ("ohne.csv", b"1;AUT-01;AUTISTA\n", "ohne.csv hat keine Überschriftenzeile"),
        (
            "nur.csv",
            ";".join(HEADERS).encode() + b"\r\n",
            "nur.csv hat eine Überschriftenzeile, aber keine Positionen",
        ),
        (
            "offen.csv",
            ";".join(HEADERS).encode() + b'\n1;"AUT',
            "Anführungszeichen passen nicht zusammen",
        ),
    ],
)
def test_files_that_are_no_price_sheet(
    demo: Database, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    problems = refused(demo, path)
    assert len(problems) == 1 and message in problems[0]


def test_zip_files_that_are_no_workbook(demo: Database, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notizen.txt", "Position;Preis")
    path = tmp_path / "archiv.xlsx"
    path.write_bytes(buffer.getvalue())
    assert "archiv.xlsx ist keine lesbare Excel-Arbeitsmappe" in refused(demo, path)[0]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    path = tmp_path / "calc.ods"
    path.write_bytes(buffer.getvalue())
    assert "OpenDocument-Tabelle" in refused(demo, path)[0]
    book = Workbook()
    book.active.append(["Name", "Betrag"])
    path = tmp_path / "fremd.xlsx"
    book.save(path)
    assert "fremd.xlsx hat keine Überschriftenzeile" in refused(demo, path)[0]


def test_a_missing_file_is_named(demo: Database, tmp_path: Path) -> None:
    with pytest.raises(DomainError, match=r"gibt es nicht|existiert nicht"):
        prepare_import(demo, tmp_path / "weg.csv")


# --- the target draft and the lock -----------------------------------------------------------


def test_import_into_a_published_version_or_without_a_draft_is_refused(
    demo: Database, tmp_path: Path
) -> None:
    path = tmp_path / "fassung.csv"
    export_version(demo, path, 2)
    before = stored(demo, 1)
    with pytest.raises(RuleViolation, match=r"Fassung 1 .* ist veröffentlicht"):
        prepare_import(demo, path, into=1)
    assert stored(demo, 1) == before
    publish(demo, 2, date(2027, 1, 1))
    with pytest.raises(NotFound, match=r"„Neue Fassung“"):
        prepare_import(demo, path)


def test_a_draft_saved_meanwhile_refuses_the_import(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "fassung.csv"
    export_version(demo, path, 1)
    preview = prepare_import(demo, path)
    assert preview.has_changes
    other, lock = stored(demo)
    drafts = [_draft_of(r) for r in other]
    save_items(demo, 2, [replace(drafts[0], title="Von jemand anderem")], lock)
    saved = stored(demo)
    with pytest.raises(ConcurrentChange, match=r"zwischenzeitlich"):
        apply_import(demo, preview)
    assert stored(demo) == saved
    assert prepare_import(demo, path).loaded_version == saved[1]


# --- files really saved back by LibreOffice (skipped where it is not installed) --------------

SOFFICE = shutil.which("soffice")


def _libreoffice(source: Path, out: Path, target: str, language: int) -> Path:
    """Open `source` in LibreOffice Calc and save it again (headless) as `target`."""
    csv_options = f"59,34,76,1,,{language}"
    command = [
        str(SOFFICE), "--headless", f"-env:UserInstallation={(out / 'profile').as_uri()}",
        "--convert-to", target, "--outdir", str(out), str(source),
    ]  # fmt: skip
    if source.suffix == ".csv":
        command[3:3] = [f"--infilter=Text - txt - csv (StarCalc):{csv_options}"]
        command[command.index(target)] = f"csv:Text - txt - csv (StarCalc):{csv_options}"
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return out / source.name


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize(("name", "language"), [("v.xlsx", 1031), ("v.csv", 1031), ("v.csv", 1033)])
def test_files_saved_by_libreoffice_import_unchanged(
    demo: Database, tmp_path: Path, name: str, language: int
) -> None:
    rows, lock = stored(demo)
    drafts = [_draft_of(r) for r in rows]
    drafts[0] = replace(drafts[0], title="=SUMME(A1)", description="'-Strich für Größe")
    save_items(demo, 2, drafts, lock)
    source = tmp_path / name
    export_version(demo, source, 2)
    out = tmp_path / "out"
    out.mkdir()
    saved = _libreoffice(source, out, source.suffix[1:], language)
    assert saved.read_bytes() != source.read_bytes()
    preview = prepare_import(demo, saved)
    assert not preview.has_changes, preview.comparison
