"""The wizard's language switch (F6): a bilingual questionnaire answered in Welsh."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import RadioButton

from questionnaires.library import load_library
from store import Register
from wizard.service import Governance
from wizard.tui.app import PwizApp
from wizard.tui.commands import binding_commands

from .conftest import SIZE, TODAY, wait_until
from .test_assessment import open_assessment

EXAMPLES = Path(__file__).parents[2] / "questionnaires" / "examples"


def shown(screen) -> tuple[str, list[str]]:
    """The question's text and its choices' labels, as on screen."""
    panel = screen.panel
    text = str(panel.query_one("#question-text").render())
    return text, [str(button.label) for button in panel.query(RadioButton)]


async def test_f6_switches_to_welsh_and_the_answer_is_kept_in_welsh(register_path, frozen_clock):
    governance = Governance(Register.open(register_path), load_library(extra_dirs=[EXAMPLES], include_user_dir=False))
    pid = governance.register.add_partnership("Partneriaeth Diogelwch Cymunedol Gŵyr")["id"]
    aid = governance.open_assessment(pid, "information-sharing")["id"]
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        assert shown(screen) == ("Does the partnership share police data? *", ["Yes", "No"])
        assert "Language" in [command.title for command in binding_commands(screen)]  # in the palette too
        await pilot.press("f6")
        await wait_until(pilot, lambda: shown(screen)[1] == ["Ydy", "Nac ydy"], "the Welsh wording")
        assert shown(screen)[0] == "A yw'r bartneriaeth yn rhannu data'r heddlu? *"
        assert screen.sub_title == "Gwiriad cytundeb rhannu gwybodaeth"
        await pilot.press("1", "enter")  # Ydy, and on to the next question, in Welsh
        await wait_until(pilot, lambda: screen.current == "isa-agreement", "the next question")
        assert shown(screen) == ("A oes Cytundeb Rhannu Gwybodaeth wedi'i lofnodi? *", ["Oes", "Nac oes", "Aneglur"])
        stored = governance.register.get_assessment(aid)
        assert (stored["answers"]["isa-shares-data"]["value"], stored["language"]) == ("yes", "cy")
        await pilot.press("f6")  # round to English again
        await wait_until(pilot, lambda: shown(screen)[1] == ["Yes", "No", "Unclear"], "the English wording")
