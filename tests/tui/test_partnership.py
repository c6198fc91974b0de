"""Partnership: the data sheet form, its questionnaires, actions and risks, export."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable, Input, Select, TabbedContent

from wizard.tui.screens.partnership import pdf_export_available
from wizard.tui.widgets.list_editor import ListEditor

from .conftest import CSP, SIZE, wait_for_screen, wait_until


async def open_datasheet(pilot, pid: str):
    app = pilot.app
    from wizard.tui.screens.partnership import PartnershipScreen

    app.push_screen(PartnershipScreen(pid, tab="datasheet"))
    screen = await wait_for_screen(pilot, "PartnershipScreen")
    await wait_until(pilot, lambda: screen.record, "the data sheet")
    return screen


async def fill(pilot, selector: str, text: str, then: str = "enter") -> None:
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    await pilot.pause()
    widget.value = ""
    await pilot.press(*text, then)


async def test_data_sheet_fields_save_themselves(make_app, governance):
    pid = governance.register.add_partnership("Youth Justice Board")["id"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_datasheet(pilot, pid)
        await fill(pilot, "#field-accountable_body", "County Council")  # Enter saves
        await fill(pilot, "#field-lead_officer", "Insp. Ó Súilleabháin", then="tab")  # leaving saves
        await fill(pilot, "#field-financial_contribution", "£5,000")
        await fill(pilot, "#field-start_date", "2025-04-01")
        await wait_until(pilot, lambda: governance.register.get_partnership(pid).get("start_date") == "2025-04-01")
        screen.query_one("#field-type", Select).value = "service-delivery"
        await wait_until(pilot, lambda: governance.register.get_partnership(pid).get("type") == "service-delivery")
    record = governance.register.get_partnership(pid)
    assert record["accountable_body"] == "County Council"
    assert record["lead_officer"] == "Insp. Ó Súilleabháin"
    assert record["financial_contribution"] == 5000


async def test_invalid_values_are_refused_with_the_reason(make_app, governance):
    pid = governance.register.add_partnership("Youth Justice Board")["id"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_datasheet(pilot, pid)
        await fill(pilot, "#field-start_date", "31/03/25")
        error = screen.query_one("#error-start_date")
        await wait_until(pilot, lambda: error.has_class("-shown"), "the date error")
        assert "YYYY-MM-DD" in str(error.render())
        for typed in ("lots", "inf", "1e400", "[/b] 5"):  # not numbers, not finite, markup: a reason, not a crash
            await fill(pilot, "#field-financial_contribution", typed)
            assert f"{typed!r} is not an amount" in str(screen.query_one("#error-financial_contribution").render())
        await fill(pilot, "#field-name", "")
        assert "needs a name" in str(screen.query_one("#error-name").render())
        await fill(pilot, "#field-start_date", "2025-03-31")
        await wait_until(pilot, lambda: not error.has_class("-shown"), "the error to clear")
    record = governance.register.get_partnership(pid)
    assert record["start_date"] == "2025-03-31" and record["name"] == "Youth Justice Board"
    assert record.get("financial_contribution") is None


async def test_partner_and_representative_lists(make_app, governance):
    pid = governance.register.add_partnership("Youth Justice Board")["id"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_datasheet(pilot, pid)
        partners = screen.query_one("#field-partners", ListEditor)
        partners.query_one(Input).focus()
        await pilot.press(*"Probation Service", "enter", *"Fire & Rescue <North>", "enter")
        await wait_until(pilot, lambda: len(governance.register.get_partnership(pid)["partners"]) == 2)
        reps = screen.query_one("#field-representatives", ListEditor)
        reps.query_one(Select).value = "member"
        reps.query_one(Input).focus()
        await pilot.press(*"Cllr Nowak", "enter")
        await wait_until(pilot, lambda: governance.register.get_partnership(pid)["representatives"])
        # remove the first partner: highlight it in the list, press Delete
        partners.query_one(".list-items").focus()
        await pilot.press("home", "delete")
        await wait_until(
            pilot,
            lambda: (
                [p["name"] for p in governance.register.get_partnership(pid)["partners"]] == ["Fire & Rescue <North>"]
            ),
        )
    assert [(r["name"], r["kind"]) for r in governance.register.get_partnership(pid)["representatives"]] == [
        ("Cllr Nowak", "member")
    ]


async def test_a_partners_details_are_edited_in_its_own_dialog(make_app, governance):
    pid = governance.register.add_partnership("Youth Justice Board", partners=["Probation Service"])["id"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_datasheet(pilot, pid)
        partners = screen.query_one("#field-partners", ListEditor)
        partners.query_one(".list-items").focus()
        await pilot.press("home", "enter")
        dialog = await wait_for_screen(pilot, "PlanEntryScreen")
        dialog.query_one("#entry-sector", Select).value = "probation"
        dialog.query_one("#entry-accountable", Select).value = True
        dialog.query_one("#entry-role", Input).focus()
        await pilot.press(*"Case work & supervision", "enter")
        await wait_until(pilot, lambda: governance.register.get_partnership(pid)["partners"][0]["sector"])
        assert "Probation Service (Probation; accountable body" in str(partners.query_one(".list-items").render_line(0))
    partner = governance.register.get_partnership(pid)["partners"][0]
    assert (partner["sector"], partner["role"], partner["accountable"]) == (
        "probation",
        "Case work & supervision",
        True,
    )
    assert governance.register.get_partnership(pid)["accountable_body"] == "Probation Service"


async def test_text_typed_in_the_form_is_saved_on_leaving(make_app, governance):
    pid = governance.register.add_partnership("Youth Justice Board")["id"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_datasheet(pilot, pid)
        app.screen.query_one("#field-review_timetable", Input).focus()
        await pilot.press(*"Three years")
        await pilot.press("escape")  # back to the register: saves first
        await wait_for_screen(pilot, "HomeScreen")
    assert governance.register.get_partnership(pid)["review_timetable"] == "Three years"


def questionnaire_rows(screen) -> dict[str, list[str]]:
    table = screen.query_one("#questionnaire-table", DataTable)

    def plain(cell) -> str:
        return (Text.from_markup(cell).plain if isinstance(cell, str) else str(cell)).strip()

    return {row.key.value: [plain(cell) for cell in table.get_row(row.key)] for row in table.ordered_rows}


async def test_questionnaires_follow_significance(make_app, governance, sample):
    new = governance.register.add_partnership("Youth Justice Board")["id"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        from wizard.tui.screens.partnership import PartnershipScreen

        app.push_screen(PartnershipScreen(new))
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        rows = await wait_until(pilot, lambda: questionnaire_rows(screen), "the questionnaire rows")
        required = [qid for qid, cells in rows.items() if "required" in cells[1]]
        assert required == ["scope", "significance"]
        assert all("not started" in rows[qid][2] for qid in rows)
        await pilot.press("escape")
        app.push_screen(PartnershipScreen(sample[CSP]))
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        rows = await wait_until(pilot, lambda: questionnaire_rows(screen), "the questionnaire rows")
        optional = [qid for qid, cells in rows.items() if "optional" in cells[1]]
        assert optional == ["partner-role", "partnership-risks"]  # high significance: all but the optional seed lists
        assert rows["significance"][2].startswith("signed") and rows["significance"][4] == "High"
        assert rows["key-principles"][2] == "draft 5/23" and rows["key-principles"][3] == "1"
        assert rows["scope"][2] == "complete"


async def test_open_review_and_view_from_the_questionnaires_tab(make_app, governance, sample):
    app = make_app(partnership_id=sample[CSP])
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        table = screen.query_one("#questionnaire-table", DataTable)
        await wait_until(pilot, lambda: table.row_count == len(governance.library))
        table.move_cursor(row=1)  # significance: signed off
        await pilot.press("enter")
        summary = await wait_for_screen(pilot, "SummaryScreen")
        assert summary.read_only and "Signed off" in str(summary.query_one("#summary-status").render())
        await pilot.press("escape")
        await wait_for_screen(pilot, "PartnershipScreen")
        assert screen.check_action("review", ()) is True and screen.check_action("sign_off", ()) is False
        await pilot.press("r")  # a review: asked which questionnaires (the required ones ticked)...
        await wait_for_screen(pilot, "StartReviewScreen")
        await pilot.press("ctrl+s")  # ...a new draft renewing the signed-off one
        assessment = await wait_for_screen(pilot, "AssessmentScreen")
        assert assessment.assessment["renews"] is not None and assessment.assessment["status"] == "draft"
        await pilot.press("escape")
        await wait_for_screen(pilot, "PartnershipScreen")
        table.move_cursor(row=2)  # key principles: a draft
        await pilot.press("enter")
        assessment = await wait_for_screen(pilot, "AssessmentScreen")
        assert assessment.current == "kp-funding-agreed"  # the first unanswered question


async def test_tabs_switch_with_f2_and_actions_and_risks_are_listed(make_app, sample):
    app = make_app(partnership_id=sample[CSP])
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        tabs = screen.query_one(TabbedContent)
        assert tabs.active == "questionnaires"
        await pilot.press("f2")
        assert tabs.active == "datasheet" and app.focused.id == "field-name"
        await pilot.press("f2")
        assert tabs.active == "actions"
        actions = screen.query_one("#action-table", DataTable)
        texts = [str(actions.get_row(row.key)[2]) for row in actions.ordered_rows]
        assert "Agree written criteria for new partners joining the partnership." in texts
        await pilot.press("f2")
        assert tabs.active == "evidence" and app.focused.id == "evidence-table"
        await pilot.press("f2")
        assert tabs.active == "history" and app.focused.id == "history-scroll"
        await pilot.press("f2")
        assert tabs.active == "questionnaires"


async def test_export_writes_the_approval_pack(make_app, sample, tmp_path):
    if not pdf_export_available():  # the action is hidden until the PDF writer is installed
        return
    app = make_app(partnership_id=sample[CSP])
    target = tmp_path / "pack.pdf"
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        assert screen.check_action("export", ()) is True
        await pilot.press("e")
        dialog = await wait_for_screen(pilot, "ExportScreen")
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: dialog.written is not None or "Not written" in str(dialog.query_one("#export-result").render()),
            "the pack",
            timeout=60,
        )
        assert dialog.written == target, str(dialog.query_one("#export-result").render())
    assert target.read_bytes().startswith(b"%PDF")


async def test_an_open_action_is_closed_with_who_closed_it(make_app, governance, sample):
    app = make_app(partnership_id=sample[CSP])
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        await pilot.press("f2", "f2")
        actions = screen.query_one("#action-table", DataTable)
        await wait_until(pilot, lambda: screen.plan.open_actions, "the action plan")
        (action_id, action) = next(iter(screen.plan.open_actions.items()))
        actions.move_cursor(row=actions.get_row_index(action_id))
        await pilot.pause()
        assert screen.check_action("close_action", ()) is True
        await pilot.press("x")
        dialog = await wait_for_screen(pilot, "CloseActionScreen")
        await pilot.press("enter")  # nobody named: refused
        assert "Say who closes the action." in str(dialog.query_one("#close-action-error").render())
        await pilot.press(*"Sam [/b] Reviewer", "enter")  # markup in a name is a name
        await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: action_id not in screen.plan.open_actions, "the action closed")
        assert "closed" in str(actions.get_row(action_id)[0])
        (note,) = [n for n in app._notifications if n.title == "Action"]
        assert (
            note.message == "Closed by Sam [/b] Reviewer." and not note.markup
        )  # shown as typed, not parsed (it crashed)
    (closed,) = [a for a in governance.register.list_actions(sample[CSP]) if a["id"] == action_id]
    assert (
        closed["status"] == "closed" and closed["closed_by"] == "Sam [/b] Reviewer" and closed["text"] == action["text"]
    )


async def test_an_action_is_added_to_the_plan_from_the_actions_tab(make_app, governance, sample):
    app = make_app(partnership_id=sample[CSP])
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        assert screen.check_action("add_entry", ()) is False  # only on the actions tab
        await pilot.press("f2", "f2")
        assert screen.check_action("add_entry", ()) is True
        await pilot.press("a")
        dialog = await wait_for_screen(pilot, "PlanEntryScreen")
        assert dialog.form.kind == "action"
        await pilot.press("ctrl+s")  # nothing typed: refused, nothing added
        assert "cannot be left empty" in str(dialog.query_one("#entry-error").render())
        await pilot.press(*"Agree the <b>data</b> protocol", "tab", *"Insp. Ŵyn", "tab", *"2026-02-30", "ctrl+s")
        assert "'2026-02-30' is not a day in the calendar" in str(dialog.query_one("#entry-error").render())
        due = dialog.query_one("#entry-due", Input)
        due.value = ""
        await pilot.press(*"2026-03-01", "enter")
        await wait_for_screen(pilot, "PartnershipScreen")
        actions = screen.query_one("#action-table", DataTable)
        await wait_until(
            pilot,
            lambda: any("protocol" in str(actions.get_row(row.key)[2]) for row in actions.ordered_rows),
            "the new action in the table",
        )
    added = [a for a in governance.register.list_actions(sample[CSP]) if a["text"] == "Agree the <b>data</b> protocol"]
    assert [(a["owner"], a["due"], a["status"]) for a in added] == [("Insp. Ŵyn", "2026-03-01", "open")]


async def test_a_risk_is_added_from_the_risk_table_and_cancel_adds_nothing(make_app, governance, sample):
    before = governance.register.list_risks(sample[CSP])
    app = make_app(partnership_id=sample[CSP])
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        await pilot.press("f2", "f2")
        await pilot.press("a")
        await wait_for_screen(pilot, "PlanEntryScreen")
        await pilot.press(*"Not this one", "escape")
        await wait_for_screen(pilot, "PartnershipScreen")
        screen.query_one("#risk-table", DataTable).focus()
        await pilot.pause()
        await pilot.press("a")
        dialog = await wait_for_screen(pilot, "PlanEntryScreen")
        assert dialog.form.kind == "risk"
        await pilot.press(*"Partner funding ends in March", "tab", *"Financial")
        dialog.query_one("#entry-likelihood", Select).value = 4
        dialog.query_one("#entry-impact", Select).value = 3
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "PartnershipScreen")
        risks = screen.query_one("#risk-table", DataTable)
        await wait_until(
            pilot,
            lambda: any("Partner funding" in str(risks.get_row(row.key)[4]) for row in risks.ordered_rows),
            "the new risk in the table",
        )
        assert any(str(risks.get_row(row.key)[0]) == "4×3=12" for row in risks.ordered_rows)
    after = governance.register.list_risks(sample[CSP])
    (new,) = [r for r in after if r not in before]
    assert (new["description"], new["category"], new["likelihood"], new["impact"]) == (
        "Partner funding ends in March",
        "Financial",
        4,
        3,
    )
    assert not [a for a in governance.register.list_actions(sample[CSP]) if a["text"] == "Not this one"]
