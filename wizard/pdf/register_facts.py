"""What the register-wide reports read from inside each partnership's file, worked out once per change.

The register report's heat map needs every partnership's risks; the annual
report also needs its sign-offs, approvals and open actions. None of these
is in the index, so they are kept in the register's derived-data cache
(store.derived), one entry per partnership keyed by its file's revision: a
report reads only the files changed since the last one.

The risk map's entry is small on purpose (each scored risk's likelihood,
impact and id; how many are not scored): the register report must stay flat
at 5,000 partnerships (BENCHMARKS.md). A register with up to `REFERENCED`
risks not closed gets them all by reference on the map and in the key (their
files read again for the wording); a bigger one gets a map of counts and a
key of the `KEY_LIMIT` highest scores.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wizard.pdf import heatmap

if TYPE_CHECKING:
    from store.derived import Versions

FACTS, RISK_MAP = "annual-facts", "risk-map"
KEY = "1"  # what the entries hold: change it when a compute function keeps something else
REFERENCED = 120  # risks: up to this many, each is placed on the map by its reference
KEY_LIMIT = 60  # risks listed in the key of a bigger register's map of counts


@dataclass(frozen=True)
class RegisterRisk:
    """A risk not closed, with the partnership it belongs to and its reference in the report."""

    ref: str
    partnership: str  # the partnership's name
    partnership_id: str
    risk: dict[str, Any]

    @property
    def placed(self) -> heatmap.Placed:
        return heatmap.Placed(self.ref, self.risk.get("likelihood"), self.risk.get("impact"))


@dataclass(frozen=True)
class RegisterRisks:
    """The register's risks not closed, as the reports show them."""

    listed: list[RegisterRisk]  # in the key, highest score first (not scored last)
    total: int
    unscored: int
    counts: dict[tuple[int, int], int] = field(default_factory=dict)  # scored risks by (likelihood, impact)

    @property
    def by_reference(self) -> bool:
        return len(self.listed) == self.total

    def high(self) -> int:
        """How many are in the High band."""
        return sum(
            n for (likelihood, impact), n in self.counts.items() if heatmap.band(likelihood * impact)[0] == "High"
        )


def facts(register_, partnerships: list[str], versions: Versions | None = None) -> dict[str, dict[str, Any]]:
    """{pid: {"signoffs", "approvals", "actions"}}: every sign-off (with its questionnaire), approval
    and open action of each of these partnerships (`versions`: see Register.derived)."""
    return register_.derived(FACTS, KEY, lambda pid: _facts(register_, pid), partnerships, versions=versions)


def _facts(register_, pid: str) -> dict[str, Any]:
    questionnaire = {a["id"]: a["questionnaire_id"] for a in register_.list_assessments(pid)}
    return {
        "signoffs": [
            {**s, "questionnaire_id": questionnaire.get(s["assessment_id"])} for s in register_.list_signoffs(pid)
        ],
        "approvals": register_.list_approvals(pid),
        "actions": register_.list_actions(pid, open_only=True),
    }


def _risk_map(register_, pid: str) -> dict[str, Any]:
    live = [r for r in register_.list_risks(pid) if heatmap.live(r)]
    scored = [
        [r["likelihood"], r["impact"], r["id"]] for r in live if heatmap.score(r.get("likelihood"), r.get("impact"))
    ]
    return {"scored": scored, "unscored": len(live) - len(scored)}


def register_risks(register_, names: dict[str, str] | None = None, versions: Versions | None = None) -> RegisterRisks:
    """The register's risks not closed: every one by reference (R1, R2, ...; highest score first) when
    there are at most REFERENCED, else the cell counts and the KEY_LIMIT highest scores. `names`: every
    partnership's name by id, when the caller has read the index already (else it is read here);
    `versions`: see Register.derived."""
    if names is None:
        names = {s["id"]: s["name"] for s in register_.list_partnerships()}
    entries = register_.derived(RISK_MAP, KEY, lambda pid: _risk_map(register_, pid), list(names), versions=versions)
    total = sum(len(e["scored"]) + e["unscored"] for e in entries.values())
    unscored = sum(e["unscored"] for e in entries.values())
    counts = Counter((lk, im) for e in entries.values() for lk, im, _ in e["scored"])
    wanted: dict[str, set[str] | None]  # by partnership: the ids of the risks to list; None: every one
    if total <= REFERENCED:
        wanted = {pid: None for pid, e in entries.items() if e["scored"] or e["unscored"]}
    else:
        top = sorted(
            (
                (lk * im, names.get(pid, pid).casefold(), rid, pid)
                for pid, e in entries.items()
                for lk, im, rid in e["scored"]
            ),
            key=lambda item: (-item[0], item[1], item[2]),
        )[:KEY_LIMIT]
        wanted = {}
        for *_, rid, pid in top:
            wanted[pid] = (wanted.get(pid) or set()) | {rid}
    found = [
        (names.get(pid, pid), pid, risk)
        for pid, ids in wanted.items()
        for risk in register_.list_risks(pid)
        if heatmap.live(risk) and (ids is None or risk["id"] in ids)
    ]
    found.sort(
        key=lambda item: (
            -(heatmap.score(item[2].get("likelihood"), item[2].get("impact")) or 0),
            item[0].casefold(),
            item[2].get("id") or "",
        )
    )
    listed = [RegisterRisk(f"R{n}", name, pid, risk) for n, (name, pid, risk) in enumerate(found, start=1)]
    return RegisterRisks(listed, total, unscored, dict(counts))
