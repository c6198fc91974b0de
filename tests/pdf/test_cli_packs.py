"""`pwiz export`, `pwiz report` and `pwiz verify FILE.pdf` as a user runs them (subprocesses)."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
from pathlib import Path

import pytest

from tests.pdf.builders import issue, typical_register
from tests.pdf.pdftext import body, pages
from tests.pdf.test_verify import edit_register


@pytest.fixture
def built(db_path):
    return typical_register(db_path, questionnaires=("scope", "significance", "key-principles"))


def test_export_writes_the_pack_and_prints_the_registers_digest(pwiz, built, tmp_path):
    register, lib, pid = built
    out = tmp_path / "pack.pdf"
    done = pwiz("export", "lancashire community safety partnership", "-o", str(out))
    assert done.returncode == 0, done.stderr
    digest = register.list_approvals(pid)[-1]["digest"]
    issued = register.issued_packs(pid)[-1]
    assert done.stdout.strip() == (
        f"wrote {out}: approval pack of {pid}, {len(pages(out))} pages, record digest {digest}; "
        f"entered in the register as issued pack {issued['id']}"
    )
    assert issued["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest() and issued["file"] == "pack.pdf"
    assert done.stderr == ""
    assert "Lancashire Community Safety Partnership" in body(out)


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600)])
def test_packs_and_reports_get_the_mode_any_new_file_gets(pwiz, built, tmp_path, umask, mode):
    """Colleagues on a shared drive can open a pack, unless the user's umask says otherwise."""
    previous = os.umask(umask)  # the subprocess inherits it
    try:
        for command, name in (("export", "pack.pdf"), ("report", "register.csv")):
            args = ("Lancashire Community Safety Partnership",) if command == "export" else ()
            assert pwiz(command, *args, "-o", str(tmp_path / name)).returncode == 0
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode
    finally:
        os.umask(previous)


def test_export_refuses_a_register_changed_after_sign_off(pwiz, built, tmp_path):
    """A pack must never present an answer changed behind the register's back as signed."""
    register, lib, pid = built

    def change(tables):
        kp = next(a for a in tables["assessments"].values() if a["questionnaire_id"] == "key-principles")
        kp["answers"]["kp-leadership"]["value"] = "yes" if kp["answers"]["kp-leadership"]["value"] != "yes" else "no"

    edit_register(register, pid, change)
    out = tmp_path / "pack.pdf"
    done = pwiz("export", pid, "-o", str(out))
    assert done.returncode == 1 and not out.exists()
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "no pack made" in done.stderr and "changed after sign-off" in done.stderr and "pwiz restore" in done.stderr


def test_export_of_an_unsigned_partnership_says_draft(pwiz, db_path, tmp_path):
    typical_register(db_path, questionnaires=("scope",), signed=False)
    out = tmp_path / "draft.pdf"
    done = pwiz("export", "Lancashire Community Safety Partnership", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "DRAFT approval pack" in done.stdout
    assert all("DRAFT" in page for page in pages(out))


def test_export_warns_about_characters_the_font_lacks(pwiz, db_path, tmp_path):
    typical_register(db_path, questionnaires=("scope",), sheet={"purpose": "Twinned with 北京"})
    out = tmp_path / "pack.pdf"
    done = pwiz("export", "Lancashire Community Safety Partnership", "-o", str(out))
    assert done.returncode == 0
    assert "pwiz: warning: 2 character(s) have no glyph" in done.stderr
    assert "[U+5317] CJK UNIFIED IDEOGRAPH-5317: replaced 1 time" in done.stderr
    assert "Twinned with [U+5317][U+4EAC]" in body(out)


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ("export", "No Such Partnership", "-o", "{tmp}/x.pdf"),
            "no partnership with id or name 'No Such Partnership'",
        ),
        (("export", "Lancashire Community Safety Partnership", "-o", "{tmp}/missing/x.pdf"), "the folder"),
    ],
)
def test_export_user_errors_are_one_line(pwiz, built, tmp_path, args, message):
    done = pwiz(*(a.format(tmp=tmp_path) for a in args))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("pwiz: error: ")
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_report_csv_and_pdf(pwiz, built, tmp_path):
    register, lib, pid = built
    register.add_partnership('=HYPERLINK("x") & Co', status="active")
    csv_path, pdf_path = tmp_path / "register.csv", tmp_path / "register.pdf"
    done = pwiz("report", "-o", str(csv_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {csv_path}: 2 partnerships (CSV)"
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert [r["id"] for r in rows][0] == pid  # assessed before not assessed
    assert rows[0]["significance"] == "low" and rows[0]["flags"] != ""
    assert rows[1]["name"] == '\'=HYPERLINK("x") & Co'
    done = pwiz("report", "-o", str(pdf_path))
    assert done.returncode == 0, done.stderr
    text = body(pdf_path)
    assert text.index("Lancashire Community Safety Partnership") < text.index('=HYPERLINK("x") & Co')


def test_report_needs_pdf_or_csv(pwiz, built, tmp_path):
    done = pwiz("report", "-o", str(tmp_path / "x.txt"))
    assert done.returncode == 1
    assert "must end in .pdf, .csv or .xlsx" in done.stderr


def _verify_takes_a_file(pwiz) -> bool:
    helptext = pwiz("verify", "--help").stdout
    return bool(re.search(r"\[FILE|FILE\.pdf|\[PACK|PDF", helptext))


def test_verify_a_pack_from_the_command_line(pwiz, built, tmp_path):
    if not _verify_takes_a_file(pwiz):
        pytest.skip("`pwiz verify FILE.pdf` is not wired into wizard/cli/register.py yet")
    register, lib, pid = built
    out = tmp_path / "pack.pdf"
    assert pwiz("export", pid, "-o", str(out)).returncode == 0
    done = pwiz("verify", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "VERIFIED" in done.stdout

    def change(tables):
        kp = next(a for a in tables["assessments"].values() if a["questionnaire_id"] == "key-principles")
        kp["answers"]["kp-leadership"]["value"] = "yes" if kp["answers"]["kp-leadership"]["value"] != "yes" else "no"

    edit_register(register, pid, change)
    done = pwiz("verify", str(out))
    assert done.returncode == 1
    assert "assessment.answers.kp-leadership.value" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_verify_file_handler(built, tmp_path, db_path):
    """The handler `pwiz verify FILE.pdf` calls (wizard.cli.packs.verify_file), through click."""
    import click
    from click.testing import CliRunner

    from wizard.cli.context import AppContext
    from wizard.cli.packs import verify_file

    register, lib, pid = built

    @click.command()
    @click.argument("file", type=click.Path(path_type=__import__("pathlib").Path))
    def verify(file):
        verify_file(AppContext(db_path=db_path), file)

    out = issue(register, lib, pid, tmp_path / "pack.pdf")
    runner = CliRunner()
    done = runner.invoke(verify, [str(out)])
    assert done.exit_code == 0, done.output
    assert done.output.rstrip().endswith("VERIFIED")
    data = out.read_bytes()
    at = data.index(b'"role":"Chief Executive"')
    out.write_bytes(data[: at + 8] + b"c" + data[at + 9 :])
    done = runner.invoke(verify, [str(out)])
    assert done.exit_code == 1
    assert "FAILED: " in done.output and "does not verify" in done.output
    done = runner.invoke(verify, [str(tmp_path / "missing.pdf")])
    assert done.exit_code == 1 and "is not a file" in done.output


def test_exports_write_regular_files_only_and_replace_a_link_without_following_it(pwiz, built, tmp_path):
    register, lib, pid = built
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    targets = [fifo] + [Path(p) for p in ("/dev/full", "/dev/null") if Path(p).exists()]
    for target in targets:
        done = pwiz("export", pid, "-o", str(target))
        assert done.returncode == 1 and done.stdout == "", target
        assert (
            done.stderr
            == f"pwiz: error: cannot write {target}: it is not a regular file (a device, a pipe or a socket); give the path of a new or ordinary file\n"
        )
    assert stat.S_ISFIFO(fifo.stat().st_mode) and register.issued_packs(pid) == []  # nothing entered, nothing replaced

    kept = tmp_path / "kept.txt"
    kept.write_text("someone else's file")
    link = tmp_path / "link.pdf"
    link.symlink_to(kept)
    assert pwiz("export", pid, "-o", str(link)).returncode == 0
    assert not link.is_symlink() and body(link) and kept.read_text() == "someone else's file"
