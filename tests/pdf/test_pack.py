"""The approval pack, read back with pypdf: structure, every answer in order, furniture, record."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from store import sha256_hex, signed_content
from store.approvals import approval_content
from tests.pdf.builders import answer_everything, library, typical_register
from tests.pdf.pdftext import assert_in_order, body, norm, pages, reader
from wizard import approval, engine
from wizard.pdf import record as pack_record
from wizard.pdf.pack import build_pack
from wizard.service import Governance


def expected_lines(register, lib, pid) -> list[str]:
    """What the pack must show, worked out from the register and the engine (not from the pack code)."""
    current = {}
    for a in register.list_assessments(pid):
        current[a["questionnaire_id"]] = a
    lines = []
    for definition in lib:
        a = current.get(definition.id)
        if a is None:
            continue
        lines.append(definition.title)
        for q in engine.visible_questions(definition, a["answers"]):
            item = a["answers"].get(q.id, {})
            lines.append(q.text)
            if engine.is_answered(item.get("value")):
                lines.append(q.label_for(item["value"]))
            lines += [item[part] for part in ("note", "action") if item.get(part)]
    return lines


def test_every_question_and_answer_is_present_in_order(signed):
    register, lib, pid, result = signed
    assert_in_order(body(result.pdf), expected_lines(register, lib, pid))


def test_parts_come_in_order(signed):
    *_, result = signed
    text = body(result.pdf)
    assert_in_order(
        text,
        [
            "PARTNERSHIP APPROVAL PACK",
            "Lancashire Community Safety Partnership",
            "Decision: Approved",
            "Significance: High",
            "Contents",
            "Partnership data sheet",
            "Significance and review schedule",
            "Questions shown, by questionnaire",  # the chart
            "Scope screening",
            "Governance standards",
            "Particular care",
            "Action plan",
            "Risk register",
            "Approval and sign-offs",
            "Signature",
            "Record digest",
            "Sign-offs in this pack",
        ],
    )


def test_every_page_has_header_page_x_of_y_and_digest_footer(signed):
    register, _, pid, result = signed
    digest = register.list_approvals(pid)[-1]["digest"]
    texts = pages(result.pdf)
    assert len(texts) == result.pages > 10
    for n, text in enumerate(texts, start=1):
        assert "Partnership approval pack · Lancashire Community Safety Partnership" in text
        assert f"Page {n} of {len(texts)}" in text
        assert f"{pid} · Record digest {digest}" in text
        assert "DRAFT" not in text


def test_contents_page_numbers_point_at_the_headings(signed):
    *_, result = signed
    texts = pages(result.pdf)
    contents = texts[1]
    titles = [
        "Partnership data sheet",
        "Significance and review schedule",
        "Particular care",
        "Action plan",
        "Risk register",
        "Approval and sign-offs",
    ]
    numbers = [int(n) for n in re.findall(r"^(\d+)$", contents, re.M)]
    listed = [line for line in contents.split("\n") if line and not re.fullmatch(r"\d+", line)]
    for title in titles:
        index = listed.index(title) - listed.index("Contents") - 1
        page = numbers[index]
        assert title in texts[page - 1].split("\n"), f"{title} is not on page {page}"


def test_record_is_attached_and_is_what_the_register_signed(signed):
    register, _, pid, result = signed
    files = reader(result.pdf).attachments
    assert list(files) == [pack_record.NAME]
    record = json.loads(files[pack_record.NAME][0])
    signoffs = register.list_signoffs(pid)
    assert [e["digest"] for e in record["signoffs"]] == [s["digest"] for s in signoffs]
    for entry, signoff in zip(record["signoffs"], signoffs):
        assert entry["content"] == signed_content(register, signoff)
        assert sha256_hex(entry["content"]) == signoff["digest"]
    approval = register.list_approvals(pid)[-1]
    assert record["approval"] == {"digest": approval["digest"], "content": approval_content(approval)}
    assert {c["digest"] for c in approval["covers"]} == {s["digest"] for s in signoffs}  # it approves every one
    assert record["record_digest"] == approval["digest"] == result.digest
    assert record["pack_digest"] == pack_record.pack_digest(record)
    assert record["partnership"]["id"] == pid
    keywords = reader(result.pdf).metadata["/Keywords"]
    assert result.digest in keywords


def test_flagged_answers_are_marked_and_summarised(signed):
    register, lib, pid, result = signed
    gov = Governance(register, lib)
    kp = gov.latest(pid, "key-principles")
    flags = gov.evaluate(kp).flags
    assert flags
    text = body(result.pdf)
    definition = lib.get("key-principles")
    for flag in flags:
        assert_in_order(text, [definition.question(flag.question_id).text, "Flag: " + flag.text])
    care = text[text.index("Particular care ") :]
    total = sum(len(gov.evaluate(assessment).flags) for assessment in gov.current_assessments(pid).values())
    assert f"{total} answers are flagged" in care
    for flag in flags:
        assert norm(flag.text) in care


def test_a_pack_with_anything_unsigned_says_draft_on_every_page(draft):
    *_, result = draft
    assert result.draft and result.digest is None
    texts = pages(result.pdf)
    for n, text in enumerate(texts, start=1):
        assert "DRAFT — not approved" in text, f"page {n}"
        assert "Record digest" not in text.replace("pwiz verify", "")
    record = json.loads(reader(result.pdf).attachments[pack_record.NAME][0])
    assert record["approved"] is False and record["record_digest"] is None and record["approval"] is None
    assert len(record["drafts"]) == 7


def test_hidden_questions_are_left_out_but_their_answers_kept(tmp_path):
    register, lib, pid = typical_register(tmp_path / "register", questionnaires=("scope", "significance"))
    gov = Governance(register, lib)
    # A new review of scope: sc-network = yes hides most of the questionnaire, but
    # the answers already given stay in the record.
    review = gov.open_assessment(pid, "scope")
    assert review["renews"]
    gov.answer_many(review["id"], {"sc-network": "yes"})
    kept = register.get_assessment(review["id"])["answers"]
    definition = lib.get("scope")
    shown = {q.id for q in engine.visible_questions(definition, {"sc-network": "yes"})}
    hidden = [q for q in definition.questions() if q.id not in shown]
    assert hidden
    # Scope questions offer no note box (the service refuses one): these notes stand for ones kept from
    # an older version of the questionnaire, written to the register directly.
    register.save_answers(
        review["id"], {q.id: {"value": "no", "note": f"hidden-note-{q.id}"} for q in hidden if q.type.value == "yes_no"}
    )
    result = build_pack(register, lib, pid)
    text = body(result.pdf)
    assert "hidden-note-" not in text
    scope_part = text[text.index(definition.title, text.index("Contents") + 200) :]
    scope_part = scope_part[: scope_part.index("Significance assessment Version")]
    for q in hidden:
        assert norm(q.text) not in scope_part
    for qid in shown:
        assert norm(definition.question(qid).text) in scope_part
    stored = register.get_assessment(review["id"])["answers"]
    assert kept and all(q.id in stored for q in hidden if q.type.value == "yes_no")  # answers survive visibility


def test_changes_since_the_previous_signed_off_review(tmp_path):
    register, lib, pid = typical_register(
        tmp_path / "register", questionnaires=("scope", "significance", "key-principles")
    )
    gov = Governance(register, lib)
    before = gov.latest(pid, "key-principles")
    review = gov.open_assessment(pid, "key-principles")
    answers = {qid: dict(item) for qid, item in before["answers"].items()}
    for item in answers.values():
        item.pop("answered_at", None)
    answers["kp-leadership"] = {"value": "yes", "note": "Agreed & minuted <2025>"}
    gov.answer_many(review["id"], answers)
    gov.complete(review["id"])

    draft_pack = build_pack(register, lib, pid)
    assert draft_pack.draft
    text = body(draft_pack.pdf)
    assert_in_order(
        text,
        [
            "Changes since the previous review",
            f"compared with {before['id']}",
            "Has a leadership and accountability structure been agreed for the partnership?",
            "answer",
            lib.get("key-principles").question("kp-leadership").label_for(before["answers"]["kp-leadership"]["value"]),
            "Yes",
            "note",
            "Agreed & minuted <2025>",
        ],
    )

    gov.sign_off(
        review["id"],
        by="Jo Bloggs",
        role="Chief Executive",
        decision="conditional",
        conditions="Report back in 3 months.",
    )
    unapproved = build_pack(register, lib, pid)  # the review's sign-off needs a new approval
    assert unapproved.draft
    assert "a new approval (pwiz approve): sign-offs were made since the approval of" in norm(pages(unapproved.pdf)[0])
    approval.approve(gov, pid, by="Jo Bloggs", role="Chief Executive", decision="approved", consulted=["Chair"])
    signed_pack = build_pack(register, lib, pid)
    assert not signed_pack.draft
    text = body(signed_pack.pdf)
    assert "Changes since the previous review" in text
    assert_in_order(
        text,
        [
            "Approval and sign-offs",
            "Approved",
            "Key principles",
            "Approved with conditions",
            "Conditions",
            "Report back in 3 months.",
        ],
    )
    assert signed_pack.digest == register.list_approvals(pid)[-1]["digest"]


def test_action_plan_and_risk_register(tmp_path):
    register, lib, pid = typical_register(
        tmp_path / "register", questionnaires=("scope", "significance", "improvement")
    )
    register.add_action(pid, "Agree R&D budget <before> April & report", owner="B. Smith", due="2020-01-31")
    register.add_risk(
        pid,
        "Loss of <funding> & staff",
        category="Finance",
        likelihood=4,
        impact=5,
        owner="Treasurer",
        mitigation="Reserve fund",
    )
    result = build_pack(register, lib, pid)
    text = body(result.pdf)
    plan = text[text.index("Action plan Action") :]
    assert_in_order(plan, ["Agree R&D budget <before> April & report", "B. Smith", "2020-01-31", "Open — OVERDUE"])
    gov = Governance(register, lib)
    raised = gov.evaluate(gov.latest(pid, "improvement")).actions
    assert raised
    for action in raised:
        assert norm(action.text) in plan
    risks = text[text.index("Risk register Risks not closed") :]
    assert_in_order(
        risks, ["Loss of <funding> & staff", "Finance", "4", "5", "4 × 5 = 20 High", "Treasurer", "Reserve fund"]
    )


def test_answers_render_with_the_version_they_were_answered_under(tmp_path):
    """The pack uses the definition version stored with the assessment, and says so."""
    register, lib, pid = typical_register(tmp_path / "register", questionnaires=("scope",))
    text = body(build_pack(register, lib, pid).pdf)
    definition = lib.get("scope")
    assert f"{definition.title} Version {definition.version} · assessment" in text


def test_answer_everything_helper_completes_every_shipped_questionnaire():
    lib = library()
    for definition in lib:
        answers = answer_everything(definition)
        assert not engine.missing(definition, answers)


def test_a_partnership_with_nothing_assessed_still_exports(tmp_path):
    from store import Register

    register = Register.open(tmp_path / "register")
    pid = register.add_partnership("Bare minimum")["id"]
    result = build_pack(register, library(), pid)
    assert result.draft and result.digest is None
    text = body(result.pdf)
    assert_in_order(
        text,
        [
            "Bare minimum",
            "DRAFT — not approved",
            "Still needed",
            "Scope screening",
            "not assessed yet",
            "Partnership data sheet",
            "No assessment has been started.",
            "Approval and sign-offs",
        ],
    )
    assert "MISSING: no assessment yet" in text


@pytest.mark.parametrize("kind", ["signed", "draft"])
def test_poppler_renders_every_page(kind, request, tmp_path):
    """The PDF is sound enough for another reader (poppler's pdftoppm) to draw each page, with
    no complaint: a draft's watermark too (its transparency is a resource each page must carry)."""
    import shutil
    import subprocess

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    *_, result = request.getfixturevalue(kind)
    path = tmp_path / "pack.pdf"
    path.write_bytes(result.pdf)
    done = subprocess.run(
        ["pdftoppm", "-r", "20", "-png", str(path), str(tmp_path / "page")], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == result.pages
    assert all(image.stat().st_size > 1000 for image in images)


def test_the_cover_decision_is_the_partnerships_approval_and_every_sign_off_is_on_the_pages(tmp_path):
    """Sign-offs alone leave a DRAFT that says what is missing; the approval's decision, approver,
    consultees, conditions and date are the cover's; every sign-off's own decision and conditions stay on the pages."""
    from datetime import datetime

    from store import Register
    from tests.review.builders import LOW, answered

    lib = library()
    governance = Governance(Register.open(tmp_path / "register"), lib)
    pid = governance.register.add_partnership("Mixed Decisions")["id"]
    scope, significance, kp = (answered(governance, pid, q, LOW) for q in ("scope", "significance", "key-principles"))
    governance.sign_off(
        scope["id"],
        by="Ann Refuser",
        role="Deputy Chief Executive",
        decision="not-approved",
        signed_at=datetime(2026, 11, 1),
    )
    governance.sign_off(
        significance["id"],
        by="Bob Approver",
        role="Deputy",
        decision="conditional",
        conditions="Budget line agreed by March",
        consulted=["Cllr Siân Ŵyn"],
    )
    draft = build_pack(governance.register, lib, pid)
    cover = norm(pages(draft.pdf)[0])
    assert "DRAFT — not approved" in cover and "Decision: " not in cover
    assert "Key principles, value and purpose, governance arrangements: complete but not signed off" in cover
    assert all("DRAFT" in text for text in pages(draft.pdf))

    governance.sign_off(kp["id"], by="Bob Approver", role="Deputy", decision="approved")
    approval.approve(
        governance,
        pid,
        by="Carol Chief",
        role="Chief Executive",
        decision="conditional",
        consulted=["Dan Chair", "Eve Vice-Chair"],
        conditions="Quarterly report to the Authority",
    )
    result = build_pack(governance.register, lib, pid)
    cover = norm(pages(result.pdf)[0])
    assert "Decision: Approved with conditions" in cover
    assert_in_order(
        cover, ["Carol Chief, Chief Executive", "Dan Chair", "Eve Vice-Chair", "Quarterly report to the Authority"]
    )
    assert f"Record digest {governance.register.list_approvals(pid)[-1]['digest']}" in cover
    text = body(result.pdf)
    signoffs = text[text.index("Approval and sign-offs Approved with conditions") :]
    assert_in_order(
        signoffs,
        [
            "Not approved",
            "Ann Refuser",
            "Deputy Chief Executive",
            "2026-11-01",
            "Approved with conditions",
            "Bob Approver",
            "Cllr Siân Ŵyn",
            "Budget line agreed by March",
        ],
    )
    lines = signoffs[signoffs.index("Signatures") : signoffs.index("Record digest")]
    for who in (
        "Carol Chief, Chief Executive",
        "Dan Chair, consulted",
        "Eve Vice-Chair, consulted",
        "Ann Refuser, Deputy Chief Executive",
        "Bob Approver, Deputy",
        "Cllr Siân Ŵyn, consulted",
    ):
        assert lines.count(who) == 1, who


def test_each_questionnaires_counts_add_up(draft):
    """Answered and not answered make up the questions shown; flags cut across both."""
    *_, result = draft
    counts = re.findall(
        r"(\d+) questions shown · (\d+) answered · (\d+) not answered · (\d+) flagged", body(result.pdf)
    )
    assert counts
    for shown, answered, unanswered, flagged in counts:
        assert int(answered) + int(unanswered) == int(shown) and int(flagged) <= int(shown)


def test_the_cover_marks_an_overdue_review(signed):
    register, lib, pid, result = signed
    due = register.list_partnerships()[0]["next_review_due"]
    assert f"Next review due {due}" in norm(pages(result.pdf)[0]) and "OVERDUE" not in pages(result.pdf)[0]
    late = build_pack(register, lib, pid, today=date.fromisoformat(due) + timedelta(days=1))
    assert f"Next review due {due} — OVERDUE" in norm(pages(late.pdf)[0])
