"""Integration fixtures: the user's environment must not choose the database or language."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZIDKOR_LANG", raising=False)
    monkeypatch.delenv("ZIDKOR_DB", raising=False)
