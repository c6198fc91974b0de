"""Changes a forger makes to a finished pack, for the tamper and countersigning tests.

Incremental updates (pyHanko's or pypdf's incremental writers: the bytes before them
stay as they were, so a signature over them still checks) and whole rewrites with pypdf.
"""

from __future__ import annotations

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PageObject
from pypdf import PdfWriter
from pypdf.annotations import FreeText

from wizard.pdf.record import NAME as RECORD_NAME


def pyhanko_update(pdf: bytes, change) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def free_text(writer: IncrementalPdfFileWriter) -> None:
    annotation = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/FreeText"),
            pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in (50, 50, 300, 100)),
            pdf_name("/Contents"): pdf_string("NOT APPROVED"),
            pdf_name("/DA"): pdf_string("/Helv 12 Tf 0 g"),
        }
    )
    page, _ = writer.find_page_for_modification(1)
    writer.register_annotation(page, writer.add_object(annotation))


def white_out(writer: IncrementalPdfFileWriter) -> None:
    """A white box drawn over the whole of page 2, above what was there."""
    writer.add_stream_to_page(
        1, writer.add_object(generic.StreamObject(stream_data=b"q 1 1 1 rg 0 0 1000 1000 re f Q"))
    )


def new_page_content(writer: IncrementalPdfFileWriter) -> None:
    page_ref, _ = writer.find_page_for_modification(1)
    page_ref.get_object()[pdf_name("/Contents")] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 720 Td (REJECTED) Tj ET")
    )
    writer.mark_update(page_ref)


def add_page(writer: IncrementalPdfFileWriter) -> None:
    contents = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 720 Td (Conditions) Tj ET"))
    writer.insert_page(PageObject(contents=contents, media_box=(0, 0, 595, 842)))


def remove_last_page(writer: IncrementalPdfFileWriter) -> None:
    pages = writer.root["/Pages"]
    kids = pages["/Kids"]
    del kids[-1]
    pages[pdf_name("/Count")] = generic.NumberObject(pages["/Count"] - 1)
    writer.update_container(pages)
    if isinstance(pages.raw_get("/Kids"), generic.IndirectObject):
        writer.mark_update(pages.raw_get("/Kids"))


def replace_record(writer: IncrementalPdfFileWriter) -> None:
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    at = [str(names[i]) for i in range(0, len(names), 2)].index(RECORD_NAME)
    spec_ref = names.raw_get(2 * at + 1)
    forged = generic.StreamObject({pdf_name("/Type"): pdf_name("/EmbeddedFile")}, stream_data=b'{"forged": true}')
    spec_ref.get_object()[pdf_name("/EF")] = generic.DictionaryObject({pdf_name("/F"): writer.add_object(forged)})
    writer.mark_update(spec_ref)


def retitle(writer: IncrementalPdfFileWriter) -> None:
    info = writer.trailer.raw_get("/Info")
    info.get_object()[pdf_name("/Title")] = pdf_string("Partnership approval pack: REJECTED")
    writer.mark_update(info)


def pypdf_free_text(pdf: bytes) -> bytes:
    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    writer.add_annotation(page_number=1, annotation=FreeText(text="NOT APPROVED", rect=(50, 50, 300, 100)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
