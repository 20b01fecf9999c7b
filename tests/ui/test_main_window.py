"""Main window: members on start, navigation, shortcuts, restore of the last area, menus."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel

from zidkor_desktop.l10n import _, format_money
from zidkor_desktop.queries.members import list_members, totals
from zidkor_desktop.ui.main_window import AREA_KEYS, AREAS, MainWindow
from zidkor_desktop.ui.pages.members import totals_text
from zidkor_desktop.ui.pages.placeholder import PlaceholderPage


def test_shows_nine_members_and_fifteen_votes(window: Any, demo_db: Any, today: Any) -> None:
    page = window.members_page
    assert window.current_area() == "members"
    assert page.model.rowCount() == 9
    expected = totals_text(list_members(demo_db, today))
    assert page.totals_label.text() == expected
    assert "15" in expected and format_money(Decimal("30000")) in expected
    result = totals(list_members(demo_db, today))
    assert (result.balance.members, result.balance.votes) == (9, 15)
    assert (result.balance.municipal_members, result.balance.municipal_votes) == (8, 8)


def test_totals_line_wording_in_english(window: Any, demo_db: Any, today: Any) -> None:
    from zidkor_desktop import l10n

    l10n.set_language("en")
    text = totals_text(list_members(demo_db, today))
    assert text == (
        "9 members with votes · 15 votes · of which municipal 8 members / 8 votes · "
        "capital €30,000.00 (paid €30,000.00)"
    )


def test_every_area_can_be_shown(window: Any) -> None:
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        _(a.title) for a in AREAS
    ]
    for key in AREA_KEYS:
        page = window.show_area(key)
        assert window.stack.currentWidget() is page
        assert window.area_actions[key].isChecked()


def test_every_area_is_built_no_placeholder_is_left(window: Any) -> None:
    for key in AREA_KEYS:
        assert not isinstance(window.show_area(key), PlaceholderPage)


def test_ctrl_digit_shortcuts_switch_areas(window: Any, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "settings"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "overview"
    assert window.area_actions["payments"].shortcut().toString() == "Ctrl+8"
    assert window.area_actions["meetings"].shortcut().toString() == "Ctrl+9"
    # the eleventh area has no digit left: the view menu and the navigation reach it
    assert window.area_actions["statute"].shortcut().isEmpty()
    assert window.area_actions["statute"] in window.menuBar().actions()[2].menu().actions()
    window.area_actions["statute"].trigger()
    assert window.current_area() == "statute"


def test_last_area_and_geometry_are_restored(qtbot: Any, ctx: Any) -> None:
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(QSize(710, 520))
    first.show_area("meetings")
    assert first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert second.current_area() == "meetings"
    assert second.size() == QSize(710, 520)


def test_first_start_of_the_window_opens_members(qtbot: Any, ctx: Any) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert win.current_area() == "members"


def test_status_bar_shows_database_and_example_mark(window: Any, demo_db: Any) -> None:
    location = window.findChild(QLabel, "databaseLocation")
    # The file name in the bar (a long folder would push out every message), the path as tooltip.
    assert location.text() == f"Datenbank: {demo_db.path.name}"
    assert location.toolTip() == f"Datenbank: {demo_db.path}"
    assert not window.findChild(QLabel, "exampleData").isHidden()
    assert window.windowTitle() == "ZIDKOR Desktop – ZIDKOR"


def test_edit_and_find_actions_follow_the_members_selection(window: Any) -> None:
    page = window.members_page
    assert page.selected_row() == page.model.row_at(0)  # first member preselected
    assert window.edit_action.isEnabled()
    page.table.clearSelection()
    assert not window.edit_action.isEnabled() and not page.edit_button.isEnabled()
    page.select_member(page.model.row_at(3).organisation_id)
    assert window.edit_action.isEnabled()
    window.show_area("overview")
    assert not window.edit_action.isEnabled() and not window.find_action.isEnabled()


def test_ctrl_f_focuses_the_filter(window: Any, qtbot: Any) -> None:
    window.activateWindow()
    window.find_action.trigger()
    assert window.members_page.focusWidget() is window.members_page.filter_edit


def test_ctrl_n_opens_new_member_dialog_from_any_area(window: Any) -> None:
    window.show_area("overview")
    window.new_member_action.trigger()
    assert window.current_area() == "members"
    dialog = window.members_page.dialog
    assert dialog is not None and dialog.isVisible() and dialog.record is None
    dialog.done(0)


def test_language_menu_remembers_choice_and_says_when_it_applies(
    window: Any, ctx: Any, message_boxes: list[tuple[str, str]]
) -> None:
    window.language_actions["en"].trigger()
    assert ctx.settings.value("language") == "en"
    assert message_boxes == [
        ("information", _("The language changes when ZIDKOR Desktop is started the next time."))
    ]
    assert window.settings_page.language.currentData() == "en"
    window.language_actions["de"].trigger()
    assert ctx.settings.value("language") == "de"
    assert len(message_boxes) == 1


def test_menus_exist_with_standard_shortcuts(window: Any) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == [_("&File"), _("&Edit"), _("&View"), _("&Help")]
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.new_member_action.shortcut().toString() == "Ctrl+N"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.edit_action.shortcut().toString() == "F2"


def test_filtering_away_the_selection_disables_edit(window: Any, qtbot: Any) -> None:
    assert window.edit_action.isEnabled()
    qtbot.keyClicks(window.members_page.filter_edit, "Trier")
    assert not window.edit_action.isEnabled()
    qtbot.keyClick(window.members_page.filter_edit, Qt.Key.Key_Return)
    assert window.members_page.selected_row().name == "Stadt Trier"
    assert window.edit_action.isEnabled()


def test_pages_are_built_on_their_first_visit(qtbot: Any, ctx: Any) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert set(win.pages) == {"members"}  # only the area shown at start
    assert win.findChildren(PlaceholderPage) == []
    assert win.stack.count() == len(AREAS)
    page = win.show_area("meetings")
    assert set(win.pages) == {"members", "meetings"}
    assert page.objectName() == "page_meetings" and not isinstance(page, PlaceholderPage)
    assert win.stack.currentWidget() is page
    assert win.stack.indexOf(page) == AREA_KEYS.index("meetings")
    assert win.stack.count() == len(AREAS)
    assert win.show_area("meetings") is page  # built once


def test_a_restored_area_is_the_only_page_built(qtbot: Any, ctx: Any) -> None:
    ctx.settings.setValue("main_window/area", "settings")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert set(win.pages) == {"settings"}
    assert win.current_area() == "settings"
    assert win.stack.currentWidget() is win.settings_page


def test_the_settings_page_built_after_a_language_choice_shows_it(
    qtbot: Any, ctx: Any, message_boxes: Any
) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.language_actions["en"].trigger()
    assert "settings" not in win.pages
    page = win.show_area("settings")
    assert page.language.currentData() == "en"
