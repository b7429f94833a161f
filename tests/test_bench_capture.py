"""The capture benchmark reads what it times: a 50 kB release and a 20-page PDF."""

from decimal import Decimal
from pathlib import Path

from bench.bench_capture import PDF_PAGES, RELEASE_BYTES, long_release, pdf_pages
from bench.release_pdf import release_pdf
from tracker.capture.reader import read_release
from tracker.capture.sources import release_text


def test_the_long_release_is_50_kb_and_reads_as_its_study() -> None:
    text = long_release()
    assert len(text.encode()) >= RELEASE_BYTES
    capture = read_release(text)
    assert capture.figures["npv"].value == Decimal(612)
    assert capture.alt_cases[0].figures["npv"].value == Decimal(1020)


def test_the_pdf_has_20_pages_whose_text_layer_reads_the_same(tmp_path: Path) -> None:
    pages = pdf_pages()
    assert len(pages) == PDF_PAGES
    pdf = tmp_path / "release.pdf"
    pdf.write_bytes(release_pdf(pages))
    capture = read_release(release_text(pdf), pdf.name)
    assert capture.figures["npv"].value == Decimal(612)
    assert capture.figures["initial_capex"].value == Decimal(286)
