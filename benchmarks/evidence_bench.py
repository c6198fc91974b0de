"""What evidence costs: attaching a document, and `verify` rehashing every stored one.

    python -m benchmarks.evidence_bench      (or call main())

Against the bare libraries doing the same work, medians:
- attach: `Register.add_evidence` of a new 25 MB document (the size limit)
  against hashing it with hashlib and writing it to a new file with one fsync
  (what any safe copy pays); the rest is the atomic rename and folder fsync,
  and the partnership file's atomic rewrite.
- verify: `Register.verify` of 20 partnerships holding 100 documents of 1 MB,
  less `verify` of the same register without them, against hashlib reading
  the same 100 files from disk.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.timing import median_time  # noqa: E402
from store import Register  # noqa: E402

RUNS = 5
PARTNERSHIPS = 20
DOCUMENTS_EACH = 5
DOCUMENT = 1_000_000
BIG = 25_000_000


class Fresh:
    """Documents of `size` random bytes, each differing from the last in its first 8 bytes."""

    def __init__(self, size: int) -> None:
        self.buffer = bytearray(os.urandom(size))
        self.count = 0

    def __call__(self) -> bytes:
        self.count += 1
        self.buffer[:8] = self.count.to_bytes(8, "big")
        return bytes(self.buffer)


def _bare_copy(folder: Path, data: bytes) -> None:
    target = folder / hashlib.sha256(data).hexdigest()
    with target.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _bare_rehash(paths: list[Path]) -> None:
    for path in paths:
        hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain = Register.open(work / "plain")
        register = Register.open(work / "register")
        pids = []
        for n in range(PARTNERSHIPS):
            plain.add_partnership(f"Partnership {n}")
            pids.append(register.add_partnership(f"Partnership {n}")["id"])
        for pid in pids:
            for _ in range(DOCUMENTS_EACH):
                register.add_evidence(pid, os.urandom(DOCUMENT), "minutes.pdf", kind="minutes")
        stored = sorted((register.root / "evidence").rglob("*.bin"))

        verify_s = median_time(register.verify, RUNS) - median_time(plain.verify, RUNS)
        bare_verify_s = median_time(lambda: _bare_rehash(stored), RUNS)

        fresh = Fresh(BIG)  # a new document each time (nothing deduplicated), for both
        attach_s = median_time(lambda: register.add_evidence(pids[0], fresh(), "agreement.pdf"), RUNS)
        (work / "bare").mkdir()
        bare_attach_s = median_time(lambda: _bare_copy(work / "bare", fresh()), RUNS)

    print(
        f"attach a 25 MB document: {attach_s * 1000:.0f} ms; hashlib + write + fsync {bare_attach_s * 1000:.0f} ms; "
        f"ratio {attach_s / bare_attach_s:.1f}x"
    )
    print(
        f"verify rehashing {len(stored)} documents of 1 MB: {verify_s * 1000:.0f} ms; "
        f"hashlib reading them {bare_verify_s * 1000:.0f} ms; ratio {verify_s / bare_verify_s:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
