"""The association's logo: PNG/JPEG checks without Qt, storing, removing, audit, ReportLab use."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from io import BytesIO

import pytest
from sqlalchemy import select

from zidkor_desktop.db.models import AuditEntry
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import NotFound, ValidationError
from zidkor_desktop.l10n import _
from zidkor_desktop.usecases.settings import (
    LOGO_MAX_BYTES,
    LogoImage,
    SettingsData,
    get_logo,
    inspect_logo,
    remove_logo,
    save_settings,
    set_logo,
)

MakeImage = Callable[[int, int], bytes]


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload)
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def make_png(width: int, height: int, *, padding: int = 0) -> bytes:
    """A valid 8-bit greyscale PNG; `padding` adds a tEXt chunk of that many bytes."""
    raw = b"".join(b"\x00" + bytes((x + y) % 256 for x in range(width)) for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunks = [_png_chunk(b"IHDR", ihdr)]
    if padding:
        chunks.append(_png_chunk(b"tEXt", b"Comment\x00" + b"x" * padding))
    chunks += [_png_chunk(b"IDAT", zlib.compress(raw)), _png_chunk(b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def make_jpeg(
    width: int, height: int, *, progressive: bool = False, frame_marker: int | None = None
) -> bytes:
    """A valid greyscale JPEG in plain grey: every 8×8 block has DC difference 0 and no AC.

    Both Huffman tables hold one code of length 1 (bit "0") for symbol 0, so a baseline block is
    two zero bits (DC 0, end of block). A progressive file has only its first, DC-only scan, one
    zero bit per block. `frame_marker` overrides the SOF marker (only the header is then valid).
    """
    if frame_marker is None:
        frame_marker = 0xC2 if progressive else 0xC0
    quantisation = _jpeg_segment(0xDB, b"\x00" + b"\x01" * 64)
    frame = _jpeg_segment(frame_marker, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    one_code = b"\x01" + b"\x00" * 15 + b"\x00"  # one code of length 1 for symbol 0
    tables = _jpeg_segment(0xC4, b"\x00" + one_code)  # DC table 0
    if not progressive:
        tables += _jpeg_segment(0xC4, b"\x10" + one_code)  # AC table 0
    # component 1 with tables 0/0; spectral selection 0..63 (baseline) or 0..0 (DC first scan)
    scan = _jpeg_segment(
        0xDA, b"\x01\x01\x00\x00" + (b"\x00" if progressive else b"\x3f") + b"\x00"
    )
    blocks = -(-width // 8) * -(-height // 8)
    bits = ("0" if progressive else "00") * blocks
    bits += "1" * (-len(bits) % 8)  # pad the last byte with 1-bits
    entropy = bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits), 8))
    app0 = _jpeg_segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    return b"\xff\xd8" + app0 + quantisation + frame + tables + scan + entropy + b"\xff\xd9"


@pytest.fixture
def association(db: Database) -> Database:
    save_settings(db, SettingsData(name="Zweckverband Beispiel", short_name="ZVB"))
    return db


def logo_audit(db: Database) -> list[AuditEntry]:
    with db.sessions() as session:
        query = select(AuditEntry).where(
            AuditEntry.entity == "association_settings", AuditEntry.field == "logo_png"
        )
        return list(session.scalars(query.order_by(AuditEntry.id)))


def test_header_sizes_are_read_without_qt() -> None:
    assert inspect_logo(make_png(300, 120)) == LogoImage("PNG", 300, 120)
    assert inspect_logo(make_jpeg(256, 64)) == LogoImage("JPEG", 256, 64)
    assert inspect_logo(make_jpeg(80, 200, progressive=True)) == LogoImage("JPEG", 80, 200)


def test_a_new_database_has_no_logo(association: Database) -> None:
    assert get_logo(association) is None


@pytest.mark.parametrize("make", [make_png, make_jpeg], ids=["png", "jpeg"])
def test_logo_is_stored_unchanged_and_removed(association: Database, make: MakeImage) -> None:
    data = make(200, 80)
    set_logo(association, data)
    assert get_logo(association) == data
    remove_logo(association)
    assert get_logo(association) is None
    remove_logo(association)  # removing nothing is harmless
    assert get_logo(association) is None


def test_logo_changes_are_audited_with_size_and_checksum(association: Database) -> None:
    import hashlib

    first, second = make_png(64, 64), make_png(128, 64)

    def mark(data: bytes) -> str:
        return f"<binär> {len(data)} Bytes, SHA-256 {hashlib.sha256(data).hexdigest()[:16]}…"

    set_logo(association, first)
    set_logo(association, second)  # replacing one logo by another is logged too
    remove_logo(association)
    entries = [(e.old_value, e.new_value) for e in logo_audit(association)]
    assert entries == [(None, mark(first)), (mark(first), mark(second)), (mark(second), None)]


def test_saving_the_settings_keeps_the_logo(association: Database) -> None:
    from zidkor_desktop.usecases.settings import get_settings

    data = make_jpeg(128, 128)
    set_logo(association, data)
    settings = get_settings(association)
    settings.city = "Mainz"
    save_settings(association, settings)
    assert get_logo(association) == data


@pytest.mark.parametrize(
    "data",
    [
        b"GIF89a\x40\x00\x40\x00\x80\x00\x00" + b"\x00" * 40,
        "Kein Bild, nur Text: Größe 64×64.\n".encode(),
        b"",
        b"BM" + b"\x00" * 100,
    ],
    ids=["gif", "text", "empty", "bmp"],
)
def test_other_files_are_refused(association: Database, data: bytes) -> None:
    with pytest.raises(ValidationError) as caught:
        set_logo(association, data)
    assert str(caught.value) == _("The logo must be a PNG or JPEG image.")
    assert caught.value.field == "logo"
    assert get_logo(association) is None


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n",
        make_png(100, 100)[:20],
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        make_jpeg(100, 100, frame_marker=0xC3),  # lossless JPEG: ReportLab cannot embed it
    ],
    ids=["png-signature-only", "png-truncated", "jpeg-without-frame", "jpeg-lossless"],
)
def test_unreadable_images_are_refused(association: Database, data: bytes) -> None:
    with pytest.raises(ValidationError) as caught:
        set_logo(association, data)
    assert str(caught.value) == _(
        "The logo image could not be read. Please save it again as PNG or JPEG."
    )


@pytest.mark.parametrize(
    ("data", "width", "height"),
    [(make_png(63, 200), 63, 200), (make_jpeg(200, 32), 200, 32)],
    ids=["png", "jpeg"],
)
def test_too_small_images_are_refused(
    association: Database, data: bytes, width: int, height: int
) -> None:
    with pytest.raises(ValidationError) as caught:
        set_logo(association, data)
    assert str(caught.value) == _(
        "The logo is too small ({width} × {height} pixels); "
        "it needs at least {minimum} × {minimum} pixels."
    ).format(width=width, height=height, minimum=64)
    assert get_logo(association) is None


def test_too_many_pixels_are_refused(association: Database) -> None:
    set_logo(association, make_png(4000, 64))  # the limit itself is fine
    with pytest.raises(ValidationError) as caught:
        set_logo(association, make_jpeg(64, 4008))
    assert "64 × 4008" in str(caught.value)
    assert inspect_logo(get_logo(association) or b"").width == 4000  # unchanged


def test_too_large_files_are_refused(association: Database) -> None:
    data = make_png(100, 100, padding=LOGO_MAX_BYTES)
    assert len(data) > LOGO_MAX_BYTES
    with pytest.raises(ValidationError) as caught:
        set_logo(association, data)
    assert str(caught.value) == _(
        "The logo file is too large ({size} MB); at most {limit} MB are allowed."
    ).format(size="2,1", limit=2)
    assert get_logo(association) is None
    set_logo(association, make_png(100, 100, padding=LOGO_MAX_BYTES - 1000))  # just below


def test_setting_a_logo_needs_the_association(db: Database) -> None:
    with pytest.raises(NotFound):
        set_logo(db, make_png(64, 64))
    assert get_logo(db) is None


@pytest.mark.parametrize("make", [make_png, make_jpeg], ids=["png", "jpeg"])
def test_reportlab_can_print_the_stored_logo(association: Database, make: MakeImage) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    set_logo(association, make(160, 64))
    reader = ImageReader(BytesIO(get_logo(association) or b""))
    assert reader.getSize() == (160, 64)
    out = BytesIO()
    canvas = Canvas(out)
    canvas.drawImage(reader, 50, 700, width=80, height=32)
    canvas.save()
    assert out.getvalue().startswith(b"%PDF")
