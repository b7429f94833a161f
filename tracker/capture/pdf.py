"""The text layer of a PDF, page after page (pypdf; no OCR: a scanned PDF is refused)."""

import io
import logging

from tracker.capture.sources import ReleaseFileError


def pdf_text(data: bytes, name: str) -> str:
    """Each page's text in reading order; ``ReleaseFileError`` if damaged, locked or scanned."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ReleaseFileError(f"{name}: the PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReleaseFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReleaseFileError(f"{name}: not a readable PDF ({exc})") from None
    text = "\n\n".join(page.strip() for page in pages)
    if not text.strip():
        raise ReleaseFileError(f"{name}: the PDF has no text layer (a scan?); paste its text")
    return text + "\n"
