"""`pwiz risk add|list`: the risk register by hand, and exported for the authority's own."""

from __future__ import annotations

import csv
import io
import json


def test_risks_are_added_listed_highest_score_first_and_exported_for_a_spreadsheet(pwiz, tmp_path):
    first = pwiz("partnership", "add", "Safer Streets").stdout.strip()
    second = pwiz("partnership", "add", "Ŵyn Youth Partnership").stdout.strip()
    low = pwiz("risk", "add", first, "Venue unavailable", "--likelihood", "2", "--impact", "2")
    assert low.returncode == 0, low.stderr
    low_id = low.stdout.strip()
    assert low.stderr.strip() == f"Added risk {low_id} to the risk register of {first}: score 4"
    high = pwiz(
        "risk",
        "add",
        second,
        '=HYPERLINK("x") funding ends in March',
        "--category",
        "Financial",
        "--likelihood",
        "4",
        "--impact",
        "5",
        "--owner",
        "Insp. Ŵyn",
        "--mitigation",
        "Bid <b>early</b>",
    )
    high_id = high.stdout.strip()
    unscored_id = pwiz("risk", "add", first, "Chair may resign").stdout.strip()

    listed = pwiz("risk", "list").stdout.splitlines()
    assert [line.split()[0] for line in listed] == [high_id, low_id, unscored_id]
    columns = listed[0].split("  ")
    assert columns[3].startswith("review 20")  # its next review, a year on (the partnership has no interval yet)
    assert columns[1:3] + columns[4:] == [
        "20",
        "open",
        "Ŵyn Youth Partnership",
        '=HYPERLINK("x") funding ends in March',
        "Financial",
        "owner Insp. Ŵyn",
    ]
    assert listed[2].split("  ")[1:3] == ["not scored", "open"]
    assert [r["id"] for r in json.loads(pwiz("risk", "list", "Safer Streets", "--json").stdout)] == [
        low_id,
        unscored_id,
    ]

    target = tmp_path / "risks.csv"
    done = pwiz("risk", "list", "-o", str(target))
    assert done.returncode == 0 and done.stdout.strip() == f"wrote {target}: 3 risks (CSV)"
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a spreadsheet reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["risk_id"] for r in rows] == [high_id, low_id, unscored_id]
    assert rows[0]["description"] == '\'=HYPERLINK("x") funding ends in March'  # not run as a formula
    assert (rows[0]["partnership"], rows[0]["score"], rows[0]["mitigation"]) == (
        "Ŵyn Youth Partnership",
        "20",
        "Bid <b>early</b>",
    )
    assert rows[2]["score"] == ""


def test_bad_risk_input_is_one_line_and_changes_nothing(pwiz, tmp_path):
    pid = pwiz("partnership", "add", "Safer Streets").stdout.strip()
    for args, says in (
        (
            ("risk", "add", pid, "Too likely", "--likelihood", "7"),
            "invalid value for '--likelihood': 7 is not in the range",
        ),
        (("risk", "add", "nosuch", "Orphan"), "no partnership with id or name 'nosuch'"),
        (("risk", "add", pid, "   "), "risk"),
        (("risk", "list", "-o", str(tmp_path / "risks.txt")), "must end in .csv"),
        (("risk", "list", "-o", str(tmp_path / "missing" / "risks.csv")), "does not exist"),
    ):
        done = pwiz(*args)
        assert done.returncode == 1, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and says in done.stderr, (args, done.stderr)
    assert pwiz("risk", "list").stdout.strip() == "No risks."
    assert not (tmp_path / "risks.txt").exists()
