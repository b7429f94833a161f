"""Release text from files: .txt in any common encoding, HTML pages, PDF text layers; refusals."""

from pathlib import Path

import pytest

from bench.release_pdf import release_pdf
from tracker.capture.reader import read_release
from tracker.capture.sources import ReleaseFileError, html_to_text, release_text

RELEASE = [
    "Acme Gold Corp. (TSXV: ACM) Announces PFS for the Foxtail Gold Project",
    "All amounts are in US dollars unless otherwise stated.",
    "The PFS shows an after-tax NPV5% of $412 million and an after-tax IRR of 31.5%.",
]


def test_a_text_file_in_utf8_with_a_bom_or_in_windows_1252(tmp_path: Path) -> None:
    utf8 = tmp_path / "a.txt"
    utf8.write_bytes("\ufeffAcme \u2013 C$5 million".encode())
    assert release_text(utf8) == "Acme \u2013 C$5 million"
    legacy = tmp_path / "b.txt"
    legacy.write_bytes("Acme \u2013 £5 million".encode("cp1252"))
    assert release_text(legacy) == "Acme \u2013 £5 million"


def test_html_keeps_paragraphs_and_table_rows_and_drops_scripts() -> None:
    text = html_to_text(
        "<html><head><title>T</title><style>p{}</style></head><body><h1>Acme&nbsp;PFS</h1>"
        "<p>The NPV is <b>US$412</b>\n million.</p><script>var x = 1;</script>"
        "<table><tr><th>Hole</th><th>From (m)</th></tr><tr><td>FX-1</td><td>12.0</td></tr>"
        "</table></body></html>"
    )
    assert text.splitlines() == ["Acme PFS", "", "The NPV is US$412 million.", "", "Hole\tFrom (m)",
                                 "FX-1\t12.0"]  # fmt: skip


def test_an_html_file_is_read_as_its_visible_text(tmp_path: Path) -> None:
    page = tmp_path / "release.htm"
    page.write_text("<p>" + "</p><p>".join(RELEASE) + "</p>", encoding="utf-8")
    capture = read_release(release_text(page), page.name)
    assert capture.figures["npv"].value == 412
    assert capture.figures["npv_currency"].value == "USD"


def test_a_pdf_is_read_from_its_text_layer_page_after_page(tmp_path: Path) -> None:
    pdf = tmp_path / "release.pdf"
    pdf.write_bytes(release_pdf([RELEASE[:2], RELEASE[2:]]))
    text = release_text(pdf)
    assert text.index("Foxtail") < text.index("after-tax NPV5%")
    capture = read_release(text, pdf.name)
    assert capture.kind == "study"
    assert capture.figures["irr"].value == 31.5


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "missing.txt: no such file"),
        ("scan.pdf", release_pdf([[]]), "scan.pdf: the PDF has no text layer"),
        ("broken.pdf", b"%PDF-1.4\nnot really", "broken.pdf: not a readable PDF"),
        ("empty.txt", b"  \n", "empty.txt: holds no text"),
        ("binary.txt", b"\x00\x01\x02\x03", "binary.txt: is not a text file"),
        ("sheet.xlsx", b"PK", "sheet.xlsx: not a release file"),
    ],
)
def test_unreadable_files_are_refused_with_one_line(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReleaseFileError) as raised:
        release_text(path)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)
