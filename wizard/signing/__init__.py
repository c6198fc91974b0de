"""Certificate (PAdES) signatures on approval packs: `pwiz export --sign-with`, `pwiz sign`.

    credential.py       the approver's PKCS#12 file, opened and checked fit to sign
    pades.py            the PAdES signature (pyHanko) in the sign-off page's box; countersigning
    worker.py           signing in a helper process, so pyHanko loads while the pack is laid out
    signature_check.py  a pack's certificate signatures, checked offline against trusted certificates

Modules import pyHanko or cryptography: import them inside commands.
"""

from wizard.library_noise import silence

silence()
