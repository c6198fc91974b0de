"""`pwiz verify FILE.pdf`: is this file exactly a pack the register issued, and does what it
carries still match the register?

    pack_check.py  verify_pack: the ledger of issued packs, certificate signatures, the
                   embedded record, its digests, and the register
    pages.py       page fingerprints and text: where a file's pages differ from what was issued

Modules import pypdf: import them inside commands.
"""

from wizard.library_noise import silence

silence()
