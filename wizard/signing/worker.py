"""Sign in a helper process, so that pyHanko's import overlaps the pack's layout.

Importing pyHanko takes ~0.25 s, more than the 0.3 s budget for what
`--sign-with` may add to an export once signing itself is counted
(BENCHMARKS.md). `pwiz export --sign-with` therefore starts
`python -m wizard.signing.worker` first thing: the helper imports pyHanko
on another core while the command checks the certificate and lays out the
pack, then reads one request on stdin (the pack, where the box is, the key
material: a pipe between two processes of the same user) and writes the
signed pack back on stdout, both pickled.

The helper is only a shortcut: if it cannot start, fails or answers
nonsense, the command signs in its own process (`signing.sign_result`),
which reports any real problem as one line. `close()` always ends it.
PWIZ_SIGN_IN_PROCESS=1 skips the helper (the benchmark compares both; on a
single-core machine the helper gains nothing).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

from wizard.signing.credential import Credential, Signed, refuse_draft

TIMEOUT_S = 120
IN_PROCESS_VARIABLE = "PWIZ_SIGN_IN_PROCESS"


class Worker:
    """A helper process that loads pyHanko now and signs one pack later."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        if os.environ.get(IN_PROCESS_VARIABLE):
            return
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "wizard.signing.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._process = None

    def sign(self, result, credential: Credential) -> Signed:
        """Sign a built pack (PackResult with a signature box); a DRAFT is refused."""
        refuse_draft(result)
        reply = self._ask(
            {
                "pdf": result.pdf,
                "box": tuple(result.signature_box),
                "partnership_id": result.partnership_id,
                "approval_id": result.approval_id,
                "record_digest": result.digest,
                "when": result.signature_time,
                "credential": credential.to_parts(),
            }
        )
        if reply is not None:
            return reply
        from wizard.signing import pades as signing  # the helper could not: sign here

        return signing.sign_result(result, credential)

    def _ask(self, request: dict) -> Signed | None:
        process, self._process = self._process, None
        if process is None:
            return None
        try:
            out, _ = process.communicate(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL), timeout=TIMEOUT_S)
            reply = pickle.loads(out) if process.returncode == 0 else None
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, subprocess.TimeoutExpired):
            _end(process)
            return None
        if (
            not isinstance(reply, dict)
            or not isinstance(reply.get("pdf"), bytes)
            or not isinstance(reply.get("info"), dict)
        ):
            return None
        return Signed(pdf=reply["pdf"], info=reply["info"])

    def close(self) -> None:
        if self._process is not None:
            _end(self._process)
            self._process = None


def _end(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()


def main() -> int:
    """The helper: import pyHanko, then sign the one pack the command sends."""
    from wizard.signing import pades as signing  # the slow part, done while the command lays out the pack

    request = pickle.load(sys.stdin.buffer)
    signed = signing.sign_pack(
        request["pdf"],
        Credential.from_parts(request["credential"]),
        request["box"],
        partnership_id=request["partnership_id"],
        approval_id=request["approval_id"],
        record_digest=request["record_digest"],
        when=request["when"],
    )
    sys.stdout.buffer.write(pickle.dumps({"pdf": signed.pdf, "info": signed.info}, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
