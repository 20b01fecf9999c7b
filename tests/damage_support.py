"""Damaged-page fixture: break a page of a table the start and the members list never read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from zidkor_desktop.db.backup import make_single_file

DAMAGED_TABLE = "price_item"


def damage_page(path: Path, table: str = DAMAGED_TABLE) -> int:
    """Overwrite the root page of `table` with garbage; returns the page number.

    The file is first made one self-contained file (no WAL), so the damage is in the file read.
    """
    make_single_file(path)
    con = sqlite3.connect(path)
    try:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        page = con.execute(
            "SELECT rootpage FROM sqlite_master WHERE type='table' AND name=?", (table,)
        ).fetchone()[0]
    finally:
        con.close()
    assert page > 1
    with path.open("r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(b"\x55" * page_size)
    return page
