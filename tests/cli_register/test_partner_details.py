"""`partnership add|update` with partners' and representatives' details, on the command line and
from a --partners-file; `show` and `show --json` give them back."""

from __future__ import annotations

import json

import pytest

from store import Register

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL


def test_add_with_details_then_show_them(pwiz) -> None:
    added = pwiz(
        "partnership", "add", "Cardiff CSP",
        "--partner", "Cardiff Council; sector=local-authority; role=hosts the team; accountable",
        "--partner", "South Wales Police; sector=police; contact=csp@south-wales.police.example",
        "--member", "Cllr Jones; represents=the Police Authority; appointed-by=Annual General Meeting; "
        "appointed-on=20/05/2026; delegation=PA/2026/12; reports-back=to the Authority quarterly",
        "--officer", "Sam Lee; appointed-by=Chief Executive",
        "--membership-held-by", "both", "--organisation", "multi", "--end-date", "31/03/2029",
        "--contract-value", "£50,000", "--contract-term", "36", "--contract-renewal", "2029-03-31",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    shown = json.loads(pwiz("partnership", "show", "Cardiff CSP", "--json").stdout)
    assert shown["partners"][0] == {
        "name": "Cardiff Council",
        "sector": "local-authority",
        "contact": None,
        "role": "hosts the team",
        "accountable": True,
    }
    assert shown["accountable_body"] == "Cardiff Council"
    member = shown["representatives"][0]
    assert (member["kind"], member["appointed_on"], member["delegation"]) == ("member", "2026-05-20", "PA/2026/12")
    assert (shown["membership_held_by"], shown["organisation"], shown["end_date"]) == ("both", "multi", "2029-03-31")
    assert shown["contract"] == {"value": 50000, "term_months": 36, "renewal_date": "2029-03-31"}
    text = pwiz("partnership", "show", "Cardiff CSP").stdout
    assert "South Wales Police (Police; contact: csp@south-wales.police.example)" in text
    assert "delegation: PA/2026/12; reports back: to the Authority quarterly" in text
    assert "£50,000.00 over 36 months; renewal 2029-03-31" in text


def test_update_from_a_partners_file_and_the_contract_field_by_field(pwiz, register: Register, tmp_path) -> None:
    pid = register.add_partnership("Youth Board", partners=["Schools"], contract={"value": 1000, "term_months": 12})[
        "id"
    ]
    listed = tmp_path / "partners.yaml"
    listed.write_text(
        "partners:\n"
        "  - Schools\n"
        "  - {name: Youth Offending Service, sector: probation, role: case work}\n"
        "representatives:\n"
        "  - name: Cllr Ames\n"
        "    kind: member\n"
        "    appointed_by: Annual General Meeting\n"
        "    delegation: |\n"
        "      May agree the annual plan; anything else comes back to the Authority.\n"
    )
    result = pwiz("partnership", "update", pid, "--partners-file", str(listed), "--contract-renewal", "01/04/2027")
    assert result.returncode == 0, result.stderr
    assert "Youth Offending Service (Probation; role: case work)" in result.stdout
    record = register.get_partnership(pid)
    assert [p["sector"] for p in record["partners"]] == [None, "probation"]
    assert record["representatives"][0]["delegation"].startswith("May agree the annual plan; anything")
    assert record["contract"] == {"value": 1000, "term_months": 12, "renewal_date": "2027-04-01"}  # kept, added


def test_bad_details_are_one_line_and_change_nothing(pwiz, register: Register, tmp_path) -> None:
    pid = register.add_partnership("Youth Board", partners=["Schools"])["id"]
    listed = tmp_path / "partners.yaml"
    listed.write_text("- just a list\n")
    for args, says in [
        (("--partner", "X; colour=red"), "unknown detail 'colour' (known: sector, contact, role, accountable"),
        (("--partner", "X; sector=nhs"), "partnership field 'partners[0].sector': Input should be 'police'"),
        (("--officer", "Sam; appointed-on=31/02/2026"), "appointed-on"),
        (("--partners-file", str(listed)), "should be a mapping with the lists partners and/or representatives"),
        (("--partners-file", str(listed).replace("partners.yaml", "none.yaml")), "none.yaml"),
    ]:
        result = pwiz("partnership", "update", pid, *args)
        assert result.returncode != 0 and says in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert [p["name"] for p in register.get_partnership(pid)["partners"]] == ["Schools"]
