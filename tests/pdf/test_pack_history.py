"""The pack's page "Who entered and changed these answers", read back from the PDF: on the shared
register it names the logins that entered and changed each answer; a register folder, which keeps
no audit trail, gets no such page; and a pack with the page still verifies."""

from __future__ import annotations

from questionnaires.library import load_library
from store import Register
from store.postgres.register import PgRegister
from tests.history.builders import ALICE, reviewed
from tests.pdf.builders import issue, typical_register
from tests.pdf.pdftext import norm, pages
from wizard.pdf.pack import build_pack
from wizard.pdf.pack_history import TITLE
from wizard.verify.pack_check import verify_pack


def history_pages(pdf: bytes) -> str:
    texts = pages(pdf)
    found = [n for n, text in enumerate(texts) if TITLE in text and "Contents" not in text]
    assert found, "no history page"
    return norm(" ".join(texts[found[0] :]))


def test_the_page_names_who_entered_and_changed_each_answer(pg_cluster, pg_url):
    library = load_library(include_user_dir=False)
    review = reviewed(pg_cluster, pg_url, library)
    register = PgRegister(pg_url)
    try:
        pack = build_pack(register, library, review.pid)
    finally:
        register.close()
    page = history_pages(pack.pdf)
    assert f"Partnership checklist ({review.review})" in page
    assert page.count(f"{ALICE} (alice)") >= 5  # the first answers, the review started, cl-1a changed, cl-1c confirmed
    assert "bob" in page and "'Fewer burglaries' →" in page
    assert "[bold]not bold[/bold]" in page  # as typed
    assert "'To cut crime' → 'To cut crime and disorder'" in page
    assert "confirmed as carried: 'On the council website'" in page
    assert "carol" not in page  # sign-offs have their own page: this one is the answers'


def test_a_register_folder_pack_has_no_history_page(tmp_path):
    register = Register.open(tmp_path / "register")
    pid = register.add_partnership("Safer Streets")["id"]
    pack = build_pack(register, load_library(include_user_dir=False), pid)
    assert not any(TITLE in text for text in pages(pack.pdf))


def test_an_approved_pack_from_the_shared_register_verifies_with_its_history_page(pg_url, tmp_path):
    register, library, pid = typical_register(pg_url, questionnaires=("scope", "significance", "key-principles"))
    try:
        path = issue(register, library, pid, tmp_path / "pack.pdf")
        assert "Key principles" in history_pages(path.read_bytes())
        ok, lines = verify_pack(path, register, library)
    finally:
        register.close()  # type: ignore[attr-defined]
    assert ok, "\n".join(lines)
    assert lines[-1] == "VERIFIED"
