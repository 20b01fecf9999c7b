"""Record of the backup copies written, so the last one is known wherever it was saved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zidkor_desktop.db.base import Base, UtcDateTime


class BackupRecord(Base):
    """A backup copy of the database: when, by whom, where, how large, its checksum."""

    __tablename__ = "backup_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    user: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    path: Mapped[str] = mapped_column(Text)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
