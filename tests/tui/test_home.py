"""Home: the register table, welcome, sample register, filter, sort, add."""

from __future__ import annotations

from wizard.tui.screens.home import HomeScreen
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.register_table import RegisterTable

from .conftest import CSP, IOM, LSP, SIZE, WATCH, burst, wait_for_screen, wait_until


def names(app) -> list[str]:
    """The partnerships in the table, top to bottom (full names: cells may be cut short)."""
    return [summary["name"] for summary in app.screen.query_one(RegisterTable).rows]


async def test_empty_register_welcomes_and_loads_the_sample(make_app, governance):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, "HomeScreen")
        assert home.has_class("-empty")
        assert "First step: add a partnership" in str(home.query_one("#welcome-text").render())
        await pilot.press("l")
        await wait_until(pilot, lambda: not home.has_class("-empty"), "the sample register")
        assert names(app) == [CSP, IOM, LSP, WATCH]
        assert all(n.startswith("[Sample]") for n in names(app))
    assert len(governance.register.list_partnerships()) == 4


async def test_welcome_buttons_work_with_the_mouse(make_app, governance):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.click("#welcome-sample")
        await wait_until(pilot, lambda: len(names(app)) == 4, "the sample rows")


async def test_table_shows_state_with_colours(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        table = app.screen.query_one(RegisterTable)
        csp = table.get_row(sample[CSP])
        assert [str(c).strip() for c in csp[1:4]] == ["Statutory", "High", "Active"]
        assert csp[2].style == "bold red"  # high significance in red
        assert csp[5].style == "bold red" and str(csp[5]).endswith("!")  # overdue review
        assert (str(csp[6]), csp[6].style) == ("2!", "bold red")  # its two open actions, one past its due date
        lsp = table.get_row(sample[LSP])
        assert lsp[2].style == "bold yellow" and lsp[5].style != "bold red"
        assert table.get_row(sample[WATCH])[2].style == "bold green"
        assert str(table.get_row(sample[IOM])[2]) == "—"
        # open flags are counted in the background
        await wait_until(pilot, lambda: str(table.get_row(sample[CSP])[7]) == "4", "the flag count")
        assert "1 overdue" in str(app.screen.query_one("#register-status").render())


async def test_filter_as_you_type_and_clear(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("slash")
        assert app.focused.id == "filter"
        await pilot.press("s", "t", "r")
        assert names(app) == [CSP, LSP]  # "Statutory strategic", "Strategic"
        await pilot.press(*" loc")
        assert names(app) == [LSP]  # every word must match
        await pilot.press(*["backspace"] * 7, "h", "i", "g", "h")
        assert names(app) == [CSP]
        await pilot.press("escape")
        assert len(names(app)) == 4 and isinstance(app.focused, RegisterTable)


async def test_sort_by_key_and_by_clicking_a_heading(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("s")
        table = app.screen.query_one(RegisterTable)
        assert table.sort_by == "significance"
        assert names(app) == [CSP, LSP, WATCH, IOM]
        await pilot.press("s")
        assert table.sort_by == "review" and names(app)[0] == CSP  # most overdue first
        await pilot.click(RegisterTable, offset=(3, 0))  # the "Name" heading
        await wait_until(pilot, lambda: table.sort_by == "name", "a sort by name")
        await pilot.click(RegisterTable, offset=(3, 0))  # again: reversed
        await wait_until(pilot, lambda: table.sort_reverse, "a reversed sort")
        assert names(app) == [WATCH, LSP, IOM, CSP]


async def test_enter_and_click_open_a_partnership(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        assert screen.pid == sample[CSP]
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.click(RegisterTable, offset=(5, 3))  # the third row: highlights it
        await pilot.click(RegisterTable, offset=(5, 3))  # a click on the highlighted row opens it
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        assert screen.pid == sample[LSP]


async def test_add_a_partnership(make_app, governance):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("n")
        await wait_for_screen(pilot, "AddPartnershipScreen")
        await pilot.press("enter")  # no name yet: refused, says why
        assert "needs a name" in str(
            app.screen.query_one("#add-error").render()
        ) or "Give the partnership a name" in str(app.screen.query_one("#add-error").render())
        await pilot.press(*"Youth Justice Board")
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: screen.rows, "the questionnaires")
        assert app.focused.id == "questionnaire-table" and screen.highlighted_questionnaire == "scope"  # what's next
    [summary] = governance.register.list_partnerships()
    assert summary["name"] == "Youth Justice Board" and summary["id"] == screen.pid


async def test_adding_a_duplicate_name_is_refused_in_the_dialog(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("n")
        dialog = await wait_for_screen(pilot, "AddPartnershipScreen")
        await pilot.press(*CSP.lower(), "enter")
        await wait_until(pilot, lambda: dialog.query_one("#add-error").has_class("-shown"), "the error line")
        assert "already exists" in str(dialog.query_one("#add-error").render())
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")


async def test_an_unreadable_register_is_reported_not_a_crash(make_app, register_path, sample):
    (register_path / "index.json").write_text("{ not json", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, "HomeScreen")
        await wait_until(pilot, lambda: home.has_class("-error"), "the error message")
        assert "could not be read" in str(home.query_one("#register-error").render())
        # Nothing to filter or sort: those keys go, and focus does not open an empty filter box.
        bar = home.query_one(KeyBar)
        assert "Filter" not in bar.render().plain and "Sort" not in bar.render().plain
        await pilot.press("tab", "shift+tab", "slash")
        assert not home.query("#filter")


async def test_keys_typed_straight_after_slash_go_to_the_filter_not_to_the_home_keys(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, "HomeScreen")
        burst(app, "slash", "s", "l", "n", "e", "i", "g")  # "sln" would sort, load, add a partnership
        await wait_until(pilot, lambda: home.table.filter_text == "slneig", "the typed filter")
        assert isinstance(app.screen, HomeScreen) and home.table.sort_by == "name"


async def test_a_slash_typed_in_the_filter_box_is_part_of_the_filter(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("slash", *"a/b")
        await wait_until(pilot, lambda: home.table.filter_text == "a/b", "the filter with its slash")


async def test_the_wizard_starts_and_says_which_hostile_user_files_it_left_out(governance, tmp_path):
    """A user's folder holding an alias bomb, a Python tag and broken YAML: the register opens, the
    shipped questionnaires work, and one notification names every file left out."""
    from questionnaires.library import load_library
    from wizard.service import Governance
    from wizard.tui.app import PwizApp

    from .conftest import TODAY, wait_for_screen, wait_until

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "bomb.yaml").write_text(
        "a: &a [x,x,x,x,x,x,x,x,x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9))
    )
    (folder / "tag.yaml").write_text("id: !!python/name:os.system\n")
    (folder / "broken.yaml").write_text("id: [\n")
    governance.register.add_partnership("Safer Streets")
    app = PwizApp(
        Governance(governance.register, load_library(extra_dirs=[folder], include_user_dir=False)), today=TODAY
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await wait_until(
            pilot, lambda: any(n.title == "Questionnaire files" for n in app._notifications), "the warning"
        )
        (note,) = [n for n in app._notifications if n.title == "Questionnaire files"]
        for name in ("bomb.yaml", "tag.yaml", "broken.yaml"):
            assert name in note.message
        assert "scope" in app.governance.library.definitions


async def test_a_long_name_cut_in_its_column_shows_whole_when_highlighted(make_app, governance):
    """At 80 columns the name column holds about twenty characters: the highlighted row's whole name
    is written under the table, and the line goes when the row's name fits."""
    long_name = "Coventry & Warwickshire Multi-Agency Safeguarding Hub (MASH) — Ысык-Көл [partners]"
    governance.add_partnership(long_name)
    governance.add_partnership("Rugby BID")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = await wait_for_screen(pilot, "HomeScreen")
        line = home.query_one("#register-full-name")
        await wait_until(pilot, lambda: line.display, "the whole name")
        assert " ".join(str(line.render()).split()) == f"▸ {long_name}"  # markup characters shown as typed
        await pilot.press("down")
        await wait_until(pilot, lambda: not line.display, "the line to go")
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:  # wide enough for the name: no line
        home = await wait_for_screen(pilot, "HomeScreen")
        await pilot.pause()
        assert not home.query_one("#register-full-name").display


async def test_an_action_past_its_due_date_marks_the_row_without_colour_alone(make_app, governance):
    late = governance.add_partnership("Late Board")["id"]
    governance.add_action(late, text="Agree terms", owner="Clerk", due="2025-11-02")  # the day before TODAY
    governance.add_action(late, text="Publish minutes", due="2026-01-31")
    on_time = governance.add_partnership("On Time Board")["id"]
    governance.add_action(on_time, text="Agree terms", due="2025-11-03")  # due today: not late yet
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        table = app.screen.query_one(RegisterTable)
        await wait_until(pilot, lambda: table.row_count == 2, "the rows")
        late_cell, on_time_cell = table.get_row(late)[6], table.get_row(on_time)[6]
        assert (str(late_cell), late_cell.style) == ("2!", "bold red")
        assert (str(on_time_cell), on_time_cell.style) == ("1", "bold")
