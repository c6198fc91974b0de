"""Wording shared by the CLI, the wizard and the PDFs."""

# The standard 1-5 wording of a risk's likelihood and impact: the one place every command, screen and report reads it.
LIKELIHOOD_WORDS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_WORDS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}
NOT_SCORED = "not scored"
# A sign-off's or approval's decision, as every screen, page and history entry words it.
DECISION_LABELS = {
    "approved": "Approved",
    "conditional": "Approved with conditions",
    "not-approved": "Not approved",
    "deferred": "Deferred",
}


def count(n: int, thing: str) -> str:
    """ "1 partnership", "2 partnerships": `thing` is the singular; its plural adds an s."""
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def scored(likelihood: int | None, impact: int | None) -> str:
    """A risk's score as a reader checks it: "4 Likely × 5 Severe = 20", or "not scored"."""
    if not (likelihood and impact):
        return NOT_SCORED
    return f"{likelihood} {LIKELIHOOD_WORDS[likelihood]} × {impact} {IMPACT_WORDS[impact]} = {likelihood * impact}"
