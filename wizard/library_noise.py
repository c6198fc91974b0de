"""What the PDF and signing libraries say about themselves is for pwiz's developers.

cryptography's deprecations seen from inside pyHanko, pypdf's notes on odd
content streams: a user's stderr carries pwiz's own `pwiz: error:` lines
only. The packages that use these libraries (wizard.pdf, wizard.signing,
wizard.verify) call `silence()` when imported, the signing helper process's
included.
"""

import logging
import warnings

LIBRARIES = ("pyhanko", "pyhanko_certvalidator", "pypdf", "reportlab")


def silence() -> None:
    for library in LIBRARIES:
        warnings.filterwarnings("ignore", module=rf"{library}(\.|$)")
        logger = logging.getLogger(library)
        if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
            logger.addHandler(logging.NullHandler())
