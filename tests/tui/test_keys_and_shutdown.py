"""Keys, help, command palette, minimum size, and leaving with everything saved."""

from __future__ import annotations

import signal

import pytest
from textual.binding import Binding
from textual.command import CommandPalette

from wizard.tui.app import PwizApp
from wizard.tui.screens.add_partnership import AddPartnershipScreen
from wizard.tui.screens.assessment import AssessmentScreen
from wizard.tui.screens.export import ExportScreen
from wizard.tui.screens.help import HelpScreen
from wizard.tui.screens.home import HomeScreen
from wizard.tui.screens.partnership import PartnershipScreen
from wizard.tui.screens.signoff import SignOffScreen
from wizard.tui.screens.summary import SummaryScreen
from wizard.tui.widgets.answers import ChoiceAnswer, MultiAnswer
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.list_editor import ListEditor
from wizard.tui.widgets.tables import PickTable

from .conftest import CSP, SIZE, wait_for_screen, wait_until

OURS = (
    PwizApp,
    HomeScreen,
    PartnershipScreen,
    AssessmentScreen,
    SummaryScreen,
    SignOffScreen,
    AddPartnershipScreen,
    ExportScreen,
    HelpScreen,
    ChoiceAnswer,
    MultiAnswer,
    ListEditor,
    PickTable,
)


@pytest.mark.parametrize("owner", OURS, ids=lambda c: c.__name__)
def test_every_binding_has_an_id_and_a_description(owner):
    for binding in owner.BINDINGS:
        assert isinstance(binding, Binding), binding
        assert binding.id, f"{owner.__name__}: {binding.key} has no id"
        assert binding.description, f"{owner.__name__}: {binding.key} has no description"


def footer_problems(app) -> list[str]:
    """Shown bindings missing from the footer, cut off by its edge or hidden under the palette key."""
    bar = app.screen.query_one(KeyBar)
    placed = {key.binding.action: key for key in bar.placed() if not key.palette}
    problems = []
    for active in app.screen.active_bindings.values():
        binding = active.binding
        if not binding.show or not active.enabled or binding.system:
            continue
        key = placed.get(binding.action)
        if key is None:
            problems.append(f"{binding.key} ({binding.description}) not in the footer")
        elif not key.whole or key.width == 0:
            problems.append(f"{binding.key} ({binding.description}) cut off")
        elif key.label not in bar.render().plain:
            problems.append(f"{binding.key} ({binding.description}) not drawn")
    return problems


async def test_every_binding_is_visible_in_the_footer_at_80x24(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        assert footer_problems(app) == []
        for key, dialog in (("n", "AddPartnershipScreen"), ("f1", "HelpScreen")):
            await pilot.press(key)
            await wait_for_screen(pilot, dialog)
            assert footer_problems(app) == []
            await pilot.press("escape")
            await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: screen.rows, "the questionnaires")
        assert footer_problems(app) == []
        await pilot.press("down", "down", "enter")
        assessment = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: assessment.panel is not None)
        assert footer_problems(app) == []
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "SummaryScreen")
        assert footer_problems(app) == []
        await pilot.press("s")
        await wait_for_screen(pilot, "SignOffScreen")
        assert footer_problems(app) == []
        await pilot.press("escape")
        await wait_for_screen(pilot, "SummaryScreen")
        await pilot.press("escape", "escape")
        await wait_for_screen(pilot, "PartnershipScreen")
        for _ in range(3):  # the data sheet, actions and risks, questionnaires tabs
            await pilot.press("f2")
            assert footer_problems(app) == []


async def test_f1_opens_help_and_escape_closes_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("f1")
        help_screen = await wait_for_screen(pilot, "HelpScreen")
        assert "Answering a questionnaire" in help_screen.viewer.document.source
        await pilot.press("f1")  # F1 again closes it (never a second copy)
        await wait_for_screen(pilot, "HomeScreen")
        assert not any(isinstance(s, HelpScreen) for s in app.screen_stack)
        await pilot.press("f1")
        await wait_for_screen(pilot, "HelpScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")


async def test_the_command_palette_lists_every_action(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, "HomeScreen")
        titles = {command.title for command in app.get_system_commands(home)}
        assert {"Open", "New", "Filter", "Sort", "Reload", "Help", "Quit"} <= titles
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"new")
        await pilot.pause(0.3)  # the palette searches in the background
        await wait_until(pilot, lambda: app.screen.query("CommandList Option") or app.screen.query("Option") or True)
        await pilot.press("enter")
        await wait_for_screen(pilot, "AddPartnershipScreen")


async def test_palette_commands_on_the_assessment_screen(make_app, sample):
    app = make_app(partnership_id=sample[CSP], questionnaire_id="key-principles")
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: isinstance(app.focused, ChoiceAnswer), "the first question's choices")
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {"Choose and next", "Next", "Prev", "Gap", "Summary", "Back", "Help", "Quit"} <= titles


async def test_a_small_terminal_gets_a_resize_notice(make_app, sample):
    app = make_app()
    async with app.run_test(size=(60, 16)) as pilot:
        notice = await wait_for_screen(pilot, "TooSmallScreen")
        assert "bigger" in str(notice.query_one("#too-small").render())
        await pilot.resize_terminal(*SIZE)
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.resize_terminal(100, 10)
        await wait_for_screen(pilot, "TooSmallScreen")
        await pilot.resize_terminal(160, 48)
        await wait_for_screen(pilot, "HomeScreen")


async def test_ctrl_c_quits_and_saves_what_was_being_typed(make_app, governance, sample):
    aid = governance.latest(sample[CSP], "key-principles")["id"]
    app = make_app(partnership_id=sample[CSP], questionnaire_id="key-principles")
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: screen.panel is not None)
        await pilot.press("1", "tab", *"typed but not yet saved")
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: not app.is_running, "the app to stop")
    saved = governance.register.get_assessment(aid)["answers"]["kp-funding-agreed"]
    assert saved["value"] == "yes" and saved["note"] == "typed but not yet saved"


async def test_a_signal_saves_every_open_screen_then_leaves(make_app, governance, sample):
    """The handler installed for SIGTERM/SIGHUP/SIGINT (the real signal is sent in test_terminal.py)."""
    pid = sample[CSP]
    aid = governance.latest(pid, "key-principles")["id"]
    app = make_app(partnership_id=pid, questionnaire_id="key-principles")
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: screen.panel is not None)
        await pilot.press("tab", *"note in progress")
        partnership = next(s for s in app.screen_stack if isinstance(s, PartnershipScreen))
        partnership.query_one("#field-review_timetable").value = "Every quarter"  # typed, not saved
        app.shutdown_on_signal(signal.SIGTERM)
        await wait_until(pilot, lambda: not app.is_running, "the app to stop")
    assert app.return_code == 128 + signal.SIGTERM
    assert governance.register.get_assessment(aid)["answers"]["kp-funding-agreed"]["note"] == "note in progress"
    assert governance.register.get_partnership(pid)["review_timetable"] == "Every quarter"
    assert any("SIGTERM" in line for line in app.exit_messages)
