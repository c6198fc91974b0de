"""Wording shared by the CLI and the PDFs."""


def count(n: int, thing: str) -> str:
    """ "1 partnership", "2 partnerships": `thing` is the singular; its plural adds an s."""
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"
