"""decode_bytes: the first gate. Every refusal carries a reason code; every accepted text is decoded right."""

from __future__ import annotations

import codecs

import pytest

from sitrep.config import DATA_DIR
from sitrep.ingest.decode import RejectedInput, binary_kind, decode_bytes

PROSE = "Shelling hit the river port overnight, the regional governor said. Repairs began at dawn.\n"


def rejection_reason(data: bytes) -> str:
    with pytest.raises(RejectedInput) as caught:
        decode_bytes(data)
    assert str(caught.value), "a rejection always says why, for the quarantine detail"
    return caught.value.reason


def test_empty_file_is_rejected_as_empty():
    assert rejection_reason(b"") == "empty"


@pytest.mark.parametrize("blank", [b" ", b"\n\n\n", b" \t \r\n \n", "\u00a0\n".encode()])
def test_whitespace_only_file_is_rejected_as_blank(blank):
    assert rejection_reason(blank) == "blank"


def test_png_image_is_rejected_as_binary_and_named():
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    with pytest.raises(RejectedInput) as caught:
        decode_bytes(data)
    assert caught.value.reason == "binary"
    assert "PNG" in str(caught.value)


@pytest.mark.parametrize("magic", [b"%PDF-1.7\n", b"PK\x03\x04", b"\x1f\x8b\x08\x00", b"\x7fELF\x02\x01"])
def test_other_binary_formats_are_rejected_by_their_magic_number(magic):
    assert rejection_reason(magic + b"text after the header. " * 20) == "binary"


def test_every_magic_number_in_the_table_names_its_kind():
    lines = (DATA_DIR / "ingest" / "magic.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("#")][1:]  # after the header
    assert len(rows) >= 30
    for offset, magic, kind in rows:
        data = b"\x00" * int(offset) + bytes.fromhex(magic.replace("??", "00")) + bytes(range(256)) * 4
        with pytest.raises(RejectedInput) as caught:
            decode_bytes(data)
        assert (caught.value.reason, str(caught.value)) == ("binary", f"binary content ({kind}), not text")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"\x00\x00\x00\x18ftypmp42", "MP4 or QuickTime video (or HEIC image)"),
        (b"\x7fELF\x02\x01\x01", "ELF executable"),
        (b"RIFF\x24\x08\x00\x00WAVEfmt ", "WAV audio"),
    ],
)
def test_common_binary_files_are_named_by_kind(data, kind):
    assert binary_kind(data) == kind


@pytest.mark.parametrize(
    "text",
    [
        PROSE,
        "GIF of the week: troops\n",
        "RIFF-RAFF band plays Kyiv\n",
        "ID3 tags\n",
        "MISSILE WAVE HITS KYIV\n",
    ],
)
def test_no_text_is_taken_for_a_binary_kind(text):
    assert binary_kind(text.encode()) is None


def test_file_of_many_nul_bytes_is_rejected_as_binary():
    assert rejection_reason(b"\x00" * 4096) == "binary"
    assert rejection_reason(b"a\x00b\x00" * 500) == "binary"


def test_a_few_nul_bytes_inside_text_are_stripped_and_the_text_kept():
    data = PROSE.replace("overnight", "over\x00night").encode() + b"\x00\x00"
    assert decode_bytes(data) == PROSE


def test_control_character_soup_is_rejected_as_binary():
    assert rejection_reason(bytes([1, 2, 3, 4, 5, 6, 14, 15]) * 10 + PROSE.encode()) == "binary"


def test_invalid_utf8_that_is_not_windows_1252_is_rejected_as_encoding():
    # 0x81, 0x8d, 0x8f, 0x90, 0x9d are undefined in Windows-1252: neither decoder accepts these bytes.
    data = b"Troops \x81\x8d\x8f moved \x90\x9d north." * 4
    with pytest.raises(RejectedInput) as caught:
        decode_bytes(data)
    assert caught.value.reason == "encoding"
    assert "UTF-8" in str(caught.value)


def test_bytes_mostly_above_ascii_are_rejected_as_encoding_not_read_as_mojibake():
    assert rejection_reason(bytes(range(0xA0, 0x100)) * 20) == "encoding"


def test_utf8_with_byte_order_mark_loses_the_mark():
    assert decode_bytes(codecs.BOM_UTF8 + PROSE.encode()) == PROSE


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_byte_order_mark_is_decoded(codec):
    text = "Kyiv \u2014 \u201cStrikes\u201d hit the grid at 04:10. Power returned by noon.\n"
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[codec]
    assert decode_bytes(bom + text.encode(codec)) == text


def test_windows_1252_with_curly_quotes_and_dashes_is_decoded():
    text = (
        "The minister said the talks were \u201cconstructive\u201d \u2013 but no date was set for the next round. "
        "Officials in the capital declined to comment on the delegation\u2019s schedule, citing security. "
        "Negotiators are expected to meet again after the holiday, according to two people briefed on the plan.\n"
    )
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test is only meaningful when the bytes are not UTF-8
    assert decode_bytes(data) == text


def test_short_windows_1252_headline_with_curly_quotes_is_decoded():
    text = "He said \u201cno\u201d \u2013 it\u2019s over.\n"
    assert decode_bytes(text.encode("cp1252")) == text


def test_crlf_and_cr_line_ends_become_newlines():
    assert (
        decode_bytes(b"First line here.\r\nSecond line.\rThird.\r\n")
        == "First line here.\nSecond line.\nThird.\n"
    )


HTML_PAGE = b"""<!DOCTYPE html>
<html><head><title>Port strike</title>
<style>p { color: red } .ad { display: none }</style>
<script>var tracker = "SECRET_TRACKER_TOKEN"; window.dataLayer = [];</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World news menu</a></nav>
<article>
<h1>Drones hit the river port</h1>
<p>Drones struck the river port before dawn, the governor said.</p>
<p>Two warehouses burned &amp; a crane collapsed.</p>
</article>
<footer>All rights reserved by the footer company</footer>
<noscript>Enable JavaScript please</noscript>
</body></html>
"""


def test_html_page_keeps_paragraphs_and_drops_script_style_and_navigation():
    text = decode_bytes(HTML_PAGE)
    assert "Drones struck the river port before dawn, the governor said." in text
    assert "Two warehouses burned & a crane collapsed." in text  # entities decoded
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    assert "Drones struck the river port before dawn, the governor said." in paragraphs
    assert "Two warehouses burned & a crane collapsed." in paragraphs
    for absent in [
        "SECRET_TRACKER_TOKEN",
        "color: red",
        "dataLayer",
        "World news menu",
        "footer company",
        "Enable JavaScript",
        "<p>",
        "<script",
    ]:
        assert absent not in text


def test_html_fragment_starting_with_body_tag_is_extracted_too():
    text = decode_bytes(b"  <body><p>Talks resumed in the afternoon.</p><script>x=1</script></body>")
    assert text.strip() == "Talks resumed in the afternoon."


def test_html_page_with_no_visible_text_is_blank():
    assert rejection_reason(b"<html><head><script>var a = 1;</script></head><body> </body></html>") == "blank"


def test_plain_text_mentioning_html_tags_is_not_stripped():
    text = "Analysts noted the <html> tag in the leaked page. The site went offline.\n"
    assert decode_bytes(text.encode()) == text


@pytest.mark.parametrize(
    "prolog",
    [
        "<!-- saved from url=(0022)http://example.org/ -->\n",  # what browsers write when saving a page
        '<?xml version="1.0" encoding="UTF-8"?>\n',  # XHTML
        "\n<!-- page cached at 12:00 -->\n",
    ],
)
def test_html_page_opening_with_a_comment_or_xml_prolog_is_extracted(prolog):
    text = decode_bytes(prolog.encode() + HTML_PAGE)
    assert "SECRET_TRACKER_TOKEN" not in text and "<p>" not in text
    assert "Drones struck the river port before dawn, the governor said." in text
