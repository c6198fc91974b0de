"""Assessment: one question at a time, sections and progress in a sidebar.

Every answer is saved through Governance the moment it is given: a choice
at once, text on Enter, when focus leaves it, or on moving to another
question. Questions appear and disappear as the answers change their
conditions. Opening an assessment lands where the officer left off: the
question last shown, in this run or an earlier one (wizard/tui/positions.py),
else the first one still needing an answer.
"""

from __future__ import annotations

from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from questionnaires.citations import citation
from questionnaires.definition import Definition
from questionnaires.schema import Question
from store.errors import ConflictError
from wizard import engine
from wizard.languages import language_name, next_language
from wizard.review import is_carried
from wizard.tui import memory
from wizard.tui.app import PwizApp
from wizard.tui.display import esc
from wizard.tui.errors import SHOWN_ERRORS, describe
from wizard.tui.widgets.answers import Answered
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.question_panel import QuestionPanel, QuestionView
from wizard.tui.widgets.title_bar import TitleBar


def resume_question(definition: Definition, answers: dict[str, Any]) -> Question | None:
    """The first visible question without an answer, lacking a required
    note/action, or carried from the last review and not yet confirmed."""
    gaps = {m.question.id for m in engine.missing(definition, answers)}
    for question in engine.visible_questions(definition, answers):
        if question.id in gaps or _needs_answer(answers.get(question.id)):
            return question
    return None


def _needs_answer(stored: dict[str, Any] | None) -> bool:
    return not engine.is_answered((stored or {}).get("value")) or is_carried(stored)


NARROW_BELOW = 76  # columns; narrower, the sidebar is hidden


class AssessmentScreen(Screen):
    """Answer one questionnaire for one partnership."""

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    CSS_PATH = "assessment.tcss"
    BINDINGS = [
        Binding(
            "pagedown,ctrl+n",
            "next",
            "Next",
            key_display="PgDn",
            priority=True,
            id="assess.next",
            tooltip="Save this answer and go to the next question",
        ),
        Binding(
            "pageup,ctrl+b",
            "previous",
            "Prev",
            key_display="PgUp",
            priority=True,
            id="assess.previous",
            tooltip="Save this answer and go to the previous question",
        ),
        Binding(
            "ctrl+g", "first_gap", "Gap", id="assess.gap", tooltip="Go to the next question still needing an answer"
        ),
        Binding(
            "ctrl+s",
            "summary",
            "Summary",
            priority=True,
            id="assess.summary",
            tooltip="Missing answers, flags, actions, risks and outcome; mark complete; sign off",
        ),
        Binding(
            "f3",
            "confirm_section",
            "Confirm the rest of this section",
            show=False,  # the key line has no room; the palette and the sidebar offer it
            priority=True,
            id="assess.confirm-section",
            tooltip="Confirm this section's carried answers as they stand (asks once)",
        ),
        Binding(
            "f4",
            "confirm_all",
            "Confirm all remaining carried answers",
            show=False,
            priority=True,
            id="assess.confirm-all",
            tooltip="Confirm every carried answer still waiting, as it stands (asks once)",
        ),
        Binding(
            "f6",
            "language",
            "Language",
            show=False,
            priority=True,
            id="assess.language",
            tooltip="Show the questionnaire in its next language (e.g. Cymraeg); answers stay as they are",
        ),
        Binding(
            "f7",
            "items",
            "Items of a repeat section",
            show=False,  # offered in the sidebar and by moving on past the question before it
            id="assess.items",
            tooltip="Add, remove and answer the items of a repeat section (e.g. one per partner)",
        ),
        Binding("escape", "close", "Back", id="assess.close", tooltip="Save and go back to the partnership"),
    ]

    definition: Definition  # read in on_mount, before any question is shown

    def __init__(self, assessment_id: str) -> None:
        super().__init__()
        self.aid = assessment_id
        self.assessment: dict[str, Any] = {}
        self.shown: list[Question] = []
        self.current: str | None = None
        self._leave_armed = False

    # --- building -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="assess-body"):
            with Vertical(id="sidebar"):
                yield Static("", id="overall-label")
                yield ProgressBar(total=1, show_eta=False, id="overall")
                yield OptionList(id="sections")
            yield Vertical(id="main")
        yield KeyBar()

    async def on_mount(self) -> None:
        governance = self.app.governance
        try:
            self.assessment = governance.assessment(self.aid)
            self.definition = governance.definition_for(self.assessment)
            partnership = governance.partnership(self.assessment["partnership_id"])
        except SHOWN_ERRORS as exc:
            self.app.report(exc, "Cannot open the assessment")
            self.dismiss()
            return
        self.title = partnership["name"]
        self.sub_title = self.definition.title
        self.shown = engine.visible_questions(self.definition, self.assessment["answers"])
        start = self._start_question()
        await self.show(start.id if start else self.shown[0].id)
        if start is None and self.assessment["status"] != "signed-off":
            self.notify("Every question is answered: Ctrl+S for the summary, to mark it complete and sign off.")
        self.call_after_refresh(memory.keep)  # the questionnaire and this screen's widgets, drawn

    def on_unmount(self) -> None:
        self.app.call_later(memory.release)  # this screen's widgets, once it is gone

    def on_resize(self) -> None:
        # Narrower than this, the question gets the whole width; progress stays in the question line.
        self.set_class(self.size.width < NARROW_BELOW, "-narrow")

    def _start_question(self) -> Question | None:
        remembered = self.app.positions.get(self.aid)
        if remembered and any(q.id == remembered for q in self.shown):
            return self.definition.question(remembered)
        return resume_question(self.definition, self.assessment["answers"])

    @property
    def help_section(self) -> str:
        """F1 opens help here: at the review's section while carried answers wait to be confirmed."""
        answers = self.assessment.get("answers") or {}
        review = any(is_carried(answers.get(q.id)) for q in self.shown)
        return "A review" if review else "Answering a questionnaire"

    @property
    def panel(self) -> QuestionPanel | None:
        found = self.query(QuestionPanel)
        return found.last() if found else None  # while one question replaces another, the new one

    async def show(self, question_id: str) -> None:
        """Put one question on screen, focused on its answer."""
        view = self._view(question_id)
        self.current = question_id
        self.app.positions[self.aid] = question_id
        self._leave_armed = False
        old = self.panel
        if old is not None and old.reload(view):
            self.set_focus(old.answer)  # at once, not after the keys already typed (a note box may have it)
        else:
            # The new panel takes focus before the old one goes, so no key typed
            # meanwhile reaches the sidebar; keys typed ahead follow the user.
            panel = QuestionPanel(view)
            if old is not None:
                old.display = False
            await self.query_one("#main", Vertical).mount(panel)
            self.set_focus(panel.answer)
            if old is not None:
                panel.replay(old.take_held())
                await old.remove()
        self._update_sidebar()

    def _view(self, question_id: str) -> QuestionView:
        definition = self.definition
        question = definition.question(question_id)
        section = definition.section_of[question_id]
        in_section = [q for q in self.shown if definition.section_of[q.id].id == section.id]
        index = next((i for i, q in enumerate(in_section) if q.id == question_id), 0)
        source = question.source or section.source
        return QuestionView(
            question=question,
            stored=self.assessment["answers"].get(question_id),
            section_title=section.title,
            section_guidance=section.guidance,
            position=f"{index + 1} of {len(in_section)}",
            first_in_section=index == 0,
            required_boxes=self._required_boxes(question_id),
            source=f"Source: {citation(source)}" if source else None,
            required=engine.question_required(definition, question_id, self.assessment["answers"]),
        )

    def _required_boxes(self, question_id: str) -> dict[str, bool]:
        answers = self.assessment["answers"]
        return {part: engine.box_required(self.definition, question_id, part, answers) for part in ("note", "action")}

    def _update_sidebar(self) -> None:
        definition, answers = self.definition, self.assessment["answers"]
        done = engine.progress(definition, answers)
        carried = sum(1 for q in self.shown if is_carried(answers.get(q.id)))
        to_confirm = f"\n[yellow]{carried} carried to confirm[/] [dim](F3 section, F4 all)[/]" if carried else ""
        self.query_one("#overall-label", Static).update(f"{done.answered} of {done.total} answered{to_confirm}")
        bar = self.query_one("#overall", ProgressBar)
        bar.update(total=max(done.total, 1), progress=done.answered)
        sections = self.query_one("#sections", OptionList)
        shown = {definition.section_of[q.id].id for q in self.shown}
        shown |= {g.section.id for g in engine.groups(definition, answers)}  # a repeat section: one row
        current_section = definition.section_of[self.current].id if self.current else None
        rows: list[tuple[str, str]] = []
        for section in definition.model.sections:
            if section.id not in shown:
                continue
            part = engine.progress(definition, answers, section.id)
            tick = "✓" if part.answered == part.total else f"{part.answered}/{part.total}"
            carried = sum(
                1 for q in self.shown if definition.section_of[q.id].id == section.id and is_carried(answers.get(q.id))
            )
            tick += f" [yellow]↻{carried}[/]" if carried else ""
            rows.append((section.id, f"{esc(section.title)}\n[dim]{tick}[/]"))
        if [option.id for option in sections.options] == [section_id for section_id, _ in rows]:
            for (section_id, prompt), option in zip(rows, sections.options):
                if str(option.prompt) != prompt:
                    sections.replace_option_prompt(section_id, prompt)
        else:
            sections.clear_options()
            sections.add_options(Option(prompt, id=section_id) for section_id, prompt in rows)
        ids = [section_id for section_id, _ in rows]
        if current_section in ids and sections.highlighted != ids.index(current_section):
            sections.highlighted = ids.index(current_section)

    # --- saving ---------------------------------------------------------------------

    def save_pending(self, sidebar: bool = True) -> bool:
        """Save what the current question holds, if it changed. False if refused.

        `sidebar`: show the new counts at once (not when the next question, shown
        straight after, shows them)."""
        panel = self.panel
        if panel is None or self.current is None or self.assessment.get("status") == "signed-off":
            return True
        given = panel.pending()
        if given is None:
            return True
        return self._save(panel, given, sidebar)

    def _save(self, panel: QuestionPanel, given: dict[str, Any], sidebar: bool = True) -> bool:
        governance = self.app.governance
        question_id = self.current
        if question_id is None:  # no question shown yet: nothing to save
            return True
        try:
            self.assessment = governance.answer(
                self.aid,
                question_id,
                given["value"],
                note=given["note"],
                action=given["action"],
                expected_revision=self.assessment["revision"],
            )
        except ConflictError as exc:
            panel.show_error(describe(exc))
            self._reload_after_conflict()
            return False
        except SHOWN_ERRORS as exc:
            panel.show_error(describe(exc))
            return False
        panel.mark_saved(self.assessment["answers"].get(question_id))
        self.shown = engine.visible_questions(self.definition, self.assessment["answers"])
        panel.set_required_boxes(self._required_boxes(question_id))
        if sidebar:
            self._update_sidebar()
        return True

    def confirm_carried(self) -> bool:
        """Moving on from a carried answer left as it stands confirms it. False if refused."""
        panel = self.panel
        if panel is None or self.current is None or not is_carried(self.assessment["answers"].get(self.current)):
            return True
        try:
            self.assessment = self.app.governance.confirm(self.aid, [self.current])
        except SHOWN_ERRORS as exc:
            panel.show_error(describe(exc))
            return False
        panel.mark_saved(self.assessment["answers"].get(self.current))
        self._update_sidebar()
        return True

    def _reload_after_conflict(self) -> None:
        try:
            self.assessment = self.app.governance.assessment(self.aid)
        except SHOWN_ERRORS:
            return
        self.shown = engine.visible_questions(self.definition, self.assessment["answers"])
        self._update_sidebar()

    @on(Answered)
    async def _answered(self, event: Answered) -> None:
        if event.question_id != self.current:
            return  # a field of a question already left (its value was saved on leaving)
        with self.app.batch_update():  # one layout for the saved answer and the next question, not two
            if self.save_pending(sidebar=not event.advance) and event.advance and self.confirm_carried():
                await self._go(+1)  # the next question's show() counts what was saved
            if event.advance and self.current == event.question_id:
                self._update_sidebar()  # it stayed (refused, or the summary opened): count what was saved
        if event.advance and self.current == event.question_id and self.panel is not None:
            self.panel.take_held()  # it did not move on (refused, or the summary opened): keys typed ahead are void

    # --- moving -----------------------------------------------------------------------

    async def _go(self, step: int) -> None:
        ids = [q.id for q in self.shown]
        if self.current not in ids:
            target = ids[0] if ids else None
        else:
            index = ids.index(self.current) + step
            if step > 0:
                group = self._group_after(self.current, ids[index] if index < len(ids) else None)
            else:
                group = self._group_after(ids[index], self.current) if index >= 0 else None
            if group is not None:  # moving through a repeat section, either way: its items on the way
                self._open_items(group, then=ids[index] if index < len(ids) else None, summary=index >= len(ids))
                return
            if index >= len(ids):
                await self.action_summary()
                return
            if index < 0:
                self.notify("This is the first question.", timeout=3)
                return
            target = ids[index]
        if target:
            await self.show(target)

    async def action_next(self) -> None:
        if self.save_pending() and self.confirm_carried():
            await self._go(+1)

    async def action_previous(self) -> None:
        if self.save_pending():
            await self._go(-1)

    async def action_first_gap(self) -> None:
        if not self.save_pending():
            return
        answers = self.assessment["answers"]
        gaps = {m.question.id for m in engine.missing(self.definition, answers)}
        ids = [q.id for q in self.shown]
        start = ids.index(self.current) + 1 if self.current in ids else 0
        for qid in ids[start:] + ids[:start]:
            if qid in gaps or _needs_answer(answers.get(qid)):
                await self.show(qid)
                return
        self.notify("Every question has an answer. Ctrl+S for the summary.", timeout=4)

    def action_sections(self) -> None:
        self.query_one("#sections", OptionList).focus()

    @on(OptionList.OptionSelected, "#sections")
    async def _section_chosen(self, event: OptionList.OptionSelected) -> None:
        if not self.save_pending():
            return
        section_id = event.option.id
        if section_id is not None and self.definition.repeat(section_id) is not None:
            self._open_items(section_id)
            return
        answers = self.assessment["answers"]
        in_section = [q for q in self.shown if self.definition.section_of[q.id].id == section_id]
        if not in_section:
            return
        gaps = {m.question.id for m in engine.missing(self.definition, answers)}  # a required box empty: not answered
        target = next((q for q in in_section if q.id in gaps or _needs_answer(answers.get(q.id))), in_section[0])
        await self.show(target.id)

    # --- repeat sections ------------------------------------------------------------

    def _group_after(self, question_id: str, target: str | None) -> str | None:
        """The visible repeat section between a question and the next one (None: the end)."""
        order = [s.id for s in self.definition.model.sections]
        start = order.index(self.definition.section_of[question_id].id)
        end = order.index(self.definition.section_of[target].id) if target else len(order)
        for group in engine.groups(self.definition, self.assessment["answers"]):
            if start < order.index(group.section.id) < end or (
                target is None and start < order.index(group.section.id)
            ):
                return group.section.id
        return None

    def action_items(self) -> None:
        """F7: the first visible repeat section at or after the current question's section."""
        if not self.save_pending():
            return
        order = [s.id for s in self.definition.model.sections]
        here = order.index(self.definition.section_of[self.current].id) if self.current else 0
        groups = [g.section.id for g in engine.groups(self.definition, self.assessment["answers"])]
        if not groups:
            self.notify("This questionnaire has no repeat section to answer here.", timeout=4)
            return
        later = [g for g in groups if order.index(g) >= here]
        self._open_items((later or groups)[0])

    def _open_items(self, section_id: str, then: str | None = None, summary: bool = False) -> None:
        """Open a repeat section's items; back from it, show `then` (else the current question), or the summary."""
        from wizard.tui.screens.repeat_group import RepeatGroupScreen

        async def back(_: None = None) -> None:
            try:
                self.assessment = self.app.governance.assessment(self.aid)
            except SHOWN_ERRORS as exc:
                self.app.report(exc)
                return
            self.shown = engine.visible_questions(self.definition, self.assessment["answers"])
            if summary:
                await self.action_summary()
                return
            target = then if then in {q.id for q in self.shown} else self.current
            await self.show(target or self.shown[0].id)

        self.app.push_screen(RepeatGroupScreen(self.aid, section_id), back)

    async def action_summary(self) -> None:
        from wizard.tui.screens.summary import SummaryScreen

        if not self.save_pending():
            return
        self.app.push_screen(SummaryScreen(self.aid), self._back_from_summary)

    async def _back_from_summary(self, question_id: str | None) -> None:
        try:
            self.assessment = self.app.governance.assessment(self.aid)
        except SHOWN_ERRORS as exc:
            self.app.report(exc)
            return
        if self.assessment["status"] == "signed-off":
            self.dismiss()
            return
        self.shown = engine.visible_questions(self.definition, self.assessment["answers"])
        target = question_id if question_id in {q.id for q in self.shown} else self.current
        await self.show(target or self.shown[0].id)
        if question_id is not None and self.definition.repeat(question_id) is not None:
            self._open_items(question_id)  # a gap in a repeat section: its items

    # --- confirming carried answers in bulk -------------------------------------------------

    def _carried(self, section_id: str | None = None) -> list[str]:
        """Shown questions whose carried answer waits to be confirmed (in one section, if given)."""
        answers = self.assessment.get("answers", {})
        return [
            q.id
            for q in self.shown
            if is_carried(answers.get(q.id))
            and (section_id is None or self.definition.section_of[q.id].id == section_id)
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm_section":
            return bool(self.current and self._carried(self.definition.section_of[self.current].id))
        if action == "confirm_all":
            return bool(self.assessment and self._carried())
        if action == "language":
            return bool(self.assessment) and next_language(self.definition) is not None
        return True

    async def action_language(self) -> None:
        """Word the questionnaire in its next language, here and wherever the wizard shows it next."""
        language = next_language(self.definition)
        if language is None or self.current is None or not self.save_pending():
            return
        governance = self.app.governance
        governance.use_language(language)
        self.definition = governance.definition_for(self.assessment)
        self.sub_title = self.definition.title
        self.shown = engine.visible_questions(self.definition, self.assessment["answers"])
        await self.show(self.current)
        self.notify(f"{language_name(language)}: F6 for {language_name(next_language(self.definition))}")

    def action_confirm_section(self) -> None:
        if self.current is None or not self.save_pending():
            return
        section = self.definition.section_of[self.current]
        self._ask_to_confirm(self._carried(section.id), f"in the section “{section.title}”")

    def action_confirm_all(self) -> None:
        if self.save_pending():
            self._ask_to_confirm(self._carried(), f"in “{self.definition.title}”")

    def _ask_to_confirm(self, question_ids: list[str], where: str) -> None:
        """Ask once, then confirm these carried answers as they stand through Governance.confirm."""
        from wizard.tui.screens.ask import AskScreen

        if not question_ids:
            self.notify(f"No carried answer waits to be confirmed {where}.", timeout=4)
            return
        count = f"{len(question_ids)} carried answer{'s' if len(question_ids) != 1 else ''}"

        async def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.assessment = self.app.governance.confirm(self.aid, question_ids)
            except SHOWN_ERRORS as exc:
                self.app.report(exc)
                self._reload_after_conflict()
                return
            self.shown = engine.visible_questions(self.definition, self.assessment["answers"])
            left = len(self._carried())
            self.notify(
                f"Confirmed {count} {where}." + (f" {left} still to confirm." if left else " None left to confirm."),
                title="Review",
                markup=False,
            )
            if self.current is not None:
                await self.show(self.current)
            self.refresh_bindings()

        self.app.push_screen(
            AskScreen(
                "Confirm carried answers",
                f"Confirm {count} {where} as they stand? Each is then taken as this review's answer; "
                "you can still change any of them before signing off.",
                yes="Confirm",
            ),
            confirmed,
        )

    def action_close(self) -> None:
        if self.save_pending() or self._leave_armed:
            self.dismiss()
            return
        self._leave_armed = True
        self.notify(
            "This answer is not valid, so it is not saved. Fix it, or press Esc again to leave without it.",
            severity="warning",
            timeout=6,
        )
