"""Paths: network shares are recognised, data files are found in the source tree."""

from pathlib import Path

from zidkor_desktop.paths import is_network_path, resource_path


def test_unc_paths_are_network_paths() -> None:
    assert is_network_path(Path("//rathaus-server/verband/zidkor.sqlite3"))
    assert is_network_path(Path("\\\\rathaus-server\\verband\\zidkor.sqlite3"))


def test_local_paths_are_not(tmp_path: Path) -> None:
    assert not is_network_path(tmp_path / "zidkor.sqlite3")


def test_resources_are_found() -> None:
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()
    assert resource_path("icons", "zidkor.png").is_file()
