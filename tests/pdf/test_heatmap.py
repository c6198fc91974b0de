"""The risk heat map: bands, where each risk is drawn, the pack's risk register page and the report's map."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import mult
from reportlab.pdfgen.canvas import Canvas

from store import Register
from tests.pdf.builders import library, typical_register
from tests.pdf.pdftext import body, norm, pages, reader
from wizard.pdf import heatmap, register_facts
from wizard.pdf.heatmap import HeatMap, Placed
from wizard.pdf.pack import PackRenderer, build_pack
from wizard.pdf.packdata import gather
from wizard.pdf.register_facts import register_risks
from wizard.pdf.report import write_report

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    "likelihood, impact, text",
    [
        (1, 4, "1 × 4 = 4 Low"),
        (5, 1, "5 × 1 = 5 Medium"),
        (3, 4, "3 × 4 = 12 Medium"),
        (3, 5, "3 × 5 = 15 High"),
        (5, 5, "5 × 5 = 25 High"),
        (None, None, "not scored"),
        (4, None, "not scored"),
    ],
)
def test_a_score_is_read_in_words_with_its_band(likelihood, impact, text):
    assert heatmap.score_text(likelihood, impact) == text


def drawn_words(flowable: HeatMap, at: tuple[float, float] = (40.0, 60.0)) -> list[tuple[str, float, float]]:
    """Draw the map on a page and read back each word with where pypdf finds it, in the map's own points."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    flowable.wrap(500, 800)
    flowable.drawOn(canvas, *at)
    canvas.save()
    words: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x, y = mult(tm, cm)[4:]  # the text matrix within the current transformation: the page's points
            words.extend((word, x - at[0], y - at[1]) for word in text.split())

    reader(buffer.getvalue()).pages[0].extract_text(visitor_text=visit)
    return words


def cell_of(flowable: HeatMap, x: float, y: float) -> tuple[int, int] | None:
    for likelihood in heatmap.SCALE:
        for impact in heatmap.SCALE:
            x0, y0, x1, y1 = flowable.cell_box(likelihood, impact)
            if x0 <= x < x1 and y0 <= y < y1:
                return likelihood, impact
    return None


def test_each_risk_is_drawn_in_its_likelihood_row_and_impact_column():
    risks = [Placed("R1", 5, 4), Placed("R2", 1, 1), Placed("R3", 3, 4), Placed("R4", 3, 4), Placed("R5", None, 2)]
    flowable = HeatMap(risks, 480)
    where = {word: cell_of(flowable, x, y) for word, x, y in drawn_words(flowable) if re.fullmatch(r"R\d+,?", word)}
    assert where == {"R1": (5, 4), "R2": (1, 1), "R3": (3, 4), "R4": (3, 4), "R5": None}
    x_top, y_top, *_ = flowable.cell_box(5, 1)
    x_low, y_low, *_ = flowable.cell_box(1, 5)
    assert y_top > y_low and x_top < x_low  # likelihood 5 at the top, impact 5 on the right


def test_a_risk_without_both_scores_is_listed_as_not_scored_under_the_map():
    words = " ".join(w for w, *_ in drawn_words(HeatMap([Placed("R1", 2, 2), Placed("R2", None, None)], 480)))
    assert "Not scored (1, no cell): R2" in words
    assert "4 Low" in words and "25 High" in words and "12 Medium" in words  # each cell names its score and band


@pytest.mark.parametrize(
    "status, shown", [(None, True), ("open", True), ("treated", True), ("accepted", True), ("closed", False)]
)
def test_the_map_holds_every_risk_not_closed(status, shown):
    assert heatmap.live({"description": "x", "status": status}) is shown


def test_a_crowded_cell_says_how_many_more_it_holds():
    flowable = HeatMap([Placed(f"R{n}", 4, 4) for n in range(1, 61)], 480)
    shown = flowable.shown(4, 4)
    listed = [word for line in shown[:-1] for word in line.split()]
    assert shown[-1] == f"+{60 - len(listed)} more" and listed == [f"R{n}" for n in range(1, len(listed) + 1)]


@pytest.fixture(scope="module")
def with_risks(tmp_path_factory):
    register, lib, pid = typical_register(tmp_path_factory.mktemp("risks") / "register", questionnaires=("scope",))
    register.add_risk(pid, "Funding may lapse", category="Finance", likelihood=5, impact=4, owner="Treasurer")
    register.add_risk(pid, "Data shared without agreement", category="Information")
    return register, lib, pid


def risk_page(pdf: bytes) -> str:
    return norm(next(page for page in pages(pdf) if "Risks not closed, by likelihood and impact" in page))


def test_the_pack_risk_register_page_has_the_map_and_no_blank_column(with_risks):
    register, lib, pid = with_risks
    text = risk_page(build_pack(register, lib, pid, today=TODAY).pdf)
    assert "Ref Risk Category L I Score Owner Mitigation Status" in text
    assert "R1 Funding may lapse Finance 5 4 5 × 4 = 20 High Treasurer none recorded Open" in text
    assert (
        "R2 Data shared without agreement Information not scored not scored not scored not assigned none recorded Open"
        in text
    )
    assert "Not scored (1, no cell): R2" in text
    assert "—" not in text.split("Ref Risk Category")[1]


def test_the_pack_shows_a_closed_risk_off_the_map_and_a_target_and_review_when_set(with_risks):
    """Status, target and review date as the risk lifecycle stores them (read with .get: older risks lack them)."""
    register, lib, pid = with_risks
    data = gather(register, lib, pid)
    data.risks[0].update(target_likelihood=2, target_impact=2, status="treated", review_due="2027-03-01")
    data.risks.append(
        {"id": "old", "description": "Old lease", "likelihood": 5, "impact": 5, "status": "closed"}
        | {"closed_at": "2026-05-01T10:00:00Z", "closed_by": "Jo Bloggs"}
    )
    text = risk_page(PackRenderer(data, today=TODAY).render().pdf)
    on_map, table = text.split("L likelihood, I impact", 1)
    assert "R1" in on_map and "R3" not in on_map
    assert (
        "Funding may lapse Finance 5 4 5 × 4 = 20 High Treasurer Target 2 × 2 = 4 Low Treated, review due 2027-03-01"
        in table
    )
    assert (
        "R3 Old lease not recorded 5 5 5 × 5 = 25 High not assigned none recorded Closed 2026-05-01 by Jo Bloggs"
        in table
    )


def test_the_register_report_maps_every_risk_not_closed(with_risks, tmp_path):
    register, lib, pid = with_risks
    out = tmp_path / "report.pdf"
    write_report(register, lib, out, "pdf", today=TODAY)
    text = body(out)
    assert "Risks across the register" in text
    assert "2 risks not closed (1 not scored, 1 high), each by its reference" in text
    assert "R1 Lancashire Community Safety Partnership Funding may lapse 5 × 4 = 20 High Treasurer Open" in text
    assert "R2 Lancashire Community Safety Partnership Data shared without agreement not scored not assigned" in text


def test_the_register_map_reads_risks_from_the_cache_until_a_file_changes(tmp_path):
    register = Register.open(tmp_path / "register")
    pid = register.add_partnership("Road Safety Group", type="strategic")["id"]
    register.add_risk(pid, "Speed cameras fail", likelihood=2, impact=3)
    assert [r.risk["description"] for r in register_risks(register).listed] == ["Speed cameras fail"]
    register.add_risk(pid, "Budget cut", likelihood=4, impact=5)
    assert [(r.ref, r.risk["description"]) for r in register_risks(register).listed] == [
        ("R1", "Budget cut"),
        ("R2", "Speed cameras fail"),
    ]


def test_a_register_with_too_many_risks_maps_counts_and_keys_the_highest(tmp_path, monkeypatch):
    monkeypatch.setattr(register_facts, "REFERENCED", 4)
    monkeypatch.setattr(register_facts, "KEY_LIMIT", 2)
    register = Register.open(tmp_path / "register")
    for n, (likelihood, impact) in enumerate([(1, 1), (5, 5), (3, 4), (3, 4), (None, None)]):
        pid = register.add_partnership(f"Partnership {n}", type="strategic")["id"]
        register.add_risk(pid, f"Risk {n}", likelihood=likelihood, impact=impact)
    risks = register_risks(register)
    assert (risks.total, risks.unscored, risks.by_reference) == (5, 1, False)
    assert [(r.ref, r.risk["description"]) for r in risks.listed] == [("R1", "Risk 1"), ("R2", "Risk 2")]
    out = tmp_path / "report.pdf"
    write_report(register, library(), out, "pdf", today=TODAY)
    text = body(out)
    assert "5 risks not closed (1 not scored, 1 high), too many to place by reference" in text
    assert "the key lists the 2 highest scores" in text
    assert "2 risks" in text.split("Risk heat map")[1]  # the 3 × 4 cell counts its two
    assert "Not scored: 1 risk, no cell" in text
    assert "R3" not in text


def test_an_exported_pack_with_risks_still_verifies(pwiz, db_path, tmp_path):
    register, lib, pid = typical_register(db_path, questionnaires=("scope", "significance", "key-principles"))
    register.add_risk(pid, "Partner withdraws", likelihood=3, impact=5, owner="Chief Executive")
    register.add_risk(pid, "Not yet assessed")
    out = tmp_path / "pack.pdf"
    done = pwiz("export", pid, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "R1 Partner withdraws" in risk_page(out.read_bytes())
    checked = pwiz("verify", str(out))
    assert checked.returncode == 0, checked.stdout + checked.stderr
