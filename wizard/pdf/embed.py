"""Files attached to a PDF (the signed record), written by reportlab, read by pypdf.

reportlab has no public API for attached files, so `attach` builds the PDF
objects the specification asks for (ISO 32000 §7.11.4: an EmbeddedFile
stream, a Filespec dictionary, the catalog's /Names /EmbeddedFiles tree)
from reportlab's own pdfdoc classes while the canvas is saved: no second
pass over the document with another library. The stream is stored
uncompressed so the record can be read with any text viewer.
"""

from __future__ import annotations

from pathlib import Path


def attach(doc, attachments: list[tuple[str, bytes, str, str]]) -> None:
    """Attach (name, data, mime type, description) files to a reportlab PDFDocument."""
    if not attachments:
        return
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

    names = []
    for name, data, mime, description in sorted(attachments):
        stream = _plain_stream()(
            PDFDictionary(
                {
                    "Type": PDFName("EmbeddedFile"),
                    # PDFName does not escape "/", which a MIME type contains.
                    "Subtype": "/" + mime.replace("/", "#2F"),
                    "Params": PDFDictionary({"Size": len(data)}),
                }
            ),
            content=data,
        )
        filespec = PDFDictionary(
            {
                "Type": PDFName("Filespec"),
                "F": PDFString(name),
                "UF": PDFString(name),
                "Desc": PDFString(description),
                "AFRelationship": PDFName("Data"),
                "EF": PDFDictionary({"F": doc.Reference(stream), "UF": doc.Reference(stream)}),
            }
        )
        names += [PDFString(name), doc.Reference(filespec)]
    doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": PDFArray(names)})})


def _plain_stream():
    """A PDFStream written as given: reportlab's own adds an empty /Filter array
    when asked for no filter, which some readers take for an unknown filter."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFStream, format

    class PlainStream(PDFStream):
        def format(self, document):
            dictionary = PDFDictionary(self.dictionary.dict.copy())
            content = document.encrypt.encode(self.content)
            dictionary["Length"] = len(content)
            return format(dictionary, document) + b"\nstream\n" + content + b"\nendstream\n"

    return PlainStream


class AttachmentError(Exception):
    """The PDF cannot be read, or holds no (or more than one) such attachment."""


def read_attachment(source: Path | bytes, name: str) -> tuple[bytes, object]:
    """The attached file `name` and the pypdf reader, or AttachmentError."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source)
        found = reader.attachments.get(name, [])
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AttachmentError(f"cannot read it as a PDF ({exc})") from None
    if not found:
        raise AttachmentError(f"it has no attached {name}: it is not a pwiz approval pack, or the record was removed")
    if len(found) > 1:
        raise AttachmentError(f"it has {len(found)} attached files named {name}; a pack has exactly one")
    return found[0], reader
