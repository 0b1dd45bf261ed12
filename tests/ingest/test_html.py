"""HTML pages: the article's text without the page around it, and the page's own title, date and site.

The pages in tests/ingest/pages/ are written for these tests in the markup of real news CMSs: menus,
cookie and consent banners, "Related" and "Most read" boxes, comments, bylines, share buttons, footers,
JSON-LD and <meta property="article:published_time">.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sitrep.extract.run import extract_document
from sitrep.extract_cli import documents_from_files
from sitrep.ingest.decode import decode_source
from sitrep.ingest.documents import build_document
from sitrep.ingest.html import html_to_text, read_page
from sitrep.ingest.inbox import document_from_file, ingest_inbox
from sitrep.model import Document

PAGES = Path(__file__).resolve().parent / "pages"
FILE_TIME = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)

# page -> sentences of the article, and sentences of the page's furniture that must not be in the text
BODY = {
    "kharkiv_drone_strike": [
        "Russian drones struck a nine-storey apartment block in Kharkiv overnight, killing three civilians "
        "and wounding 12 others, regional governor Oleh Syniehubov said on Thursday.",
        "Ukraine's air force said its air defences shot down 22 of the 31 Shahed drones launched at the "
        "country overnight.",
        '"The building was full of families who were asleep," Syniehubov wrote on Telegram, adding that '
        "several children were among the wounded.",
    ],
    "jeddah_talks": [
        "JEDDAH, May 1 (Gulf Wire) – Delegations of Sudan's army and the paramilitary Rapid Support Forces "
        "agreed on Wednesday to open three humanitarian corridors out of Khartoum, Saudi and U.S. mediators said.",
        "Fighting continued elsewhere. The RSF shelled the city of El Fasher in North Darfur on Tuesday, "
        "killing at least nine civilians, according to the local resistance committee.",
    ],
    "kyiv_dateline_only": [
        "KYIV, 22 March 2024 — Russian missiles and drones struck power plants and substations across "
        "Ukraine overnight, cutting electricity to more than a million people, Energy Minister Herman "
        "Halushchenko said.",
        "Power cuts were reported in Kharkiv, Odesa, Dnipro and Khmelnytskyi regions.",
    ],
    "live_blog": [
        "A Russian missile struck a hospital in Sumy on Thursday afternoon, killing two people, the regional "
        "military administration said.",
        "Russian drones hit port infrastructure in Odesa overnight, starting a fire at a grain terminal, "
        "Governor Oleh Kiper said.",
    ],
}
FURNITURE = {
    "kharkiv_drone_strike": [
        'By clicking "Accept all" you agree to the storing of cookies',  # cookie banner
        "You can withdraw your consent at any time",
        "Russia and Ukraine agreed to exchange 200 prisoners of war",  # "Related" box
        "A Russian missile struck the port of Odesa, killing two dock workers.",
        "Israeli strikes killed 14 people in Rafah",  # "Most read"
        "Ukrainian artillery shelled Belgorod yesterday",  # comments
        "Share on Facebook",
        "Sign up for our morning briefing newsletter",
        "Firefighters work at the site of the strike",  # photo caption
        "All rights reserved",
        "Subscribe for 1 euro a week",
    ],
    "jeddah_talks": [
        "By clicking “Accept All Cookies”, you agree to the storing of cookies",  # OneTrust banner
        "The army said its troops captured the Halfaya bridge",  # Jetpack "Related"
        "Chad closed its border with Sudan's Darfur region",
        "The RSF attacked our neighbourhood in Nyala last night.",  # comments
        "Both sides signed a truce in Jeddah last year",
        "Houthi rebels fired two missiles at a cargo ship",  # "Most read" widget
        "Khalid Omar is Gulf Wire's Africa correspondent",  # author box
        "Share this:",
        "Proudly powered by WordPress",
        "US military begins building Gaza aid pier",  # breaking-news ticker
    ],
    "kyiv_dateline_only": [
        "By continuing to browse the site, you agree to our use of cookies.",
        "Ukraine drones struck an oil refinery in Samara region",  # "Latest news" box
        "Contact the editors",
    ],
    "live_blog": [
        "you agree to our use of cookies and similar technologies",  # Sourcepoint consent dialog
        "Russian forces captured the village of Krasnohorivka",  # "More on this story"
        "Registered in England and Wales",
    ],
}
# page -> (title, published_at, site name, url, language) as the page's metadata states them
METADATA = {
    "kharkiv_drone_strike": (
        "Drones hit Kharkiv apartment block, killing three",
        datetime(2024, 3, 14, 6, 30, tzinfo=timezone(timedelta(hours=2))),  # article:published_time
        "Eastern Ledger",  # og:site_name
        "https://www.easternledger.example/world/2024/03/kharkiv-drone-strike",
        "en",  # <html lang="en-GB">
    ),
    "jeddah_talks": (
        "Sudan's warring sides agree to humanitarian corridors at Jeddah talks",
        datetime(2024, 5, 2, 9, 15, tzinfo=UTC),  # JSON-LD datePublished, not dateModified nor the URL's day
        # No og:site_name: trafilatura takes the JSON-LD WebPage name "<headline> - Gulf Wire"; the
        # headline part is cut off.
        "Gulf Wire",
        "https://gulfwire.example/2024/05/02/sudan-jeddah-talks-corridors/",
        "en",
    ),
    "kyiv_dateline_only": ("Energy facilities hit in overnight strikes", None, None, None, "en"),
    "live_blog": (
        "Ukraine war live: strikes on Odesa and Sumy",
        datetime(2024, 6, 20, 7, 0, tzinfo=UTC),
        "The Morning Courier",
        None,
        "en",
    ),
}
# page -> the events its article tells, as (event_type, location_name, fatalities)
EVENTS = {
    "kharkiv_drone_strike": [("ASSAULT", "Kharkiv", 3), ("ASSAULT", None, None)],
    "kyiv_dateline_only": [("ASSAULT", None, None), ("ASSAULT", "Zaporizhzhya", 1)],
    "live_blog": [("ASSAULT", "Sumy", 2), ("ASSAULT", None, None), ("ASSAULT", "Odesa", None)],
}


def page_bytes(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


def page_document(name: str, meta: dict | None = None, page_file: Path | None = None) -> Document:
    path = page_file or PAGES / f"{name}.html"
    text, page = decode_source(path.read_bytes())
    return document_from_file(name, text, path, path.name, meta or {}, page)


@pytest.mark.parametrize("name", sorted(BODY))
def test_article_sentences_are_kept_and_page_furniture_is_left_out(name):
    text, page = decode_source(page_bytes(name))
    assert page is not None and page.reader == "trafilatura"
    for sentence in BODY[name]:
        assert sentence in text
    for furniture in FURNITURE[name]:
        assert furniture not in text
    assert "<" not in text and "{" not in text  # no markup, no JSON-LD


@pytest.mark.parametrize("name", sorted(BODY))
def test_the_old_visible_text_reader_kept_the_furniture_these_pages_carry(name):
    """The pages are real traps: html.parser's visible text has most of their furniture."""
    old = html_to_text(page_bytes(name).decode())
    kept = [f for f in FURNITURE[name] if f in old]
    assert len(kept) >= len(FURNITURE[name]) // 2, kept


@pytest.mark.parametrize("name", sorted(METADATA))
def test_title_date_site_url_and_language_come_from_the_page_metadata(name):
    page = read_page(page_bytes(name).decode())
    assert (page.title, page.published_at, page.site_name, page.url, page.language) == METADATA[name]


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_page_yields_only_the_articles_events(name):
    document = page_document(name)
    events = extract_document(document)
    assert [(e["event_type"], e["location_name"], e["fatalities"]) for e in events] == EVENTS[name]
    for event in events:
        # evidence offsets point into the Document text, the extracted text
        assert document.text[event["evidence_start"] : event["evidence_end"]] == event["evidence"]
        assert not any(f in event["evidence"] for f in FURNITURE[name])


def test_cookie_banner_is_no_agree_and_related_box_adds_no_events():
    """The page of the issue: with html.parser's text the banner was an AGREE, the Related box two events."""
    old_text = html_to_text(page_bytes("kharkiv_drone_strike").decode())
    old = extract_document(build_document("old", old_text, None))
    assert any(e["event_type"] == "AGREE" and "Accept all" in e["evidence"] for e in old)
    assert sum("prisoners" in e["evidence"] or "dock workers" in e["evidence"] for e in old) == 2
    events = extract_document(page_document("kharkiv_drone_strike"))
    assert "AGREE" not in {e["event_type"] for e in events}
    assert not any("dock workers" in e["evidence"] or "prisoners" in e["evidence"] for e in events)
    assert len(events) == 2


def test_talks_page_keeps_the_articles_agree_but_not_the_banners():
    events = extract_document(page_document("jeddah_talks"))
    agrees = [e for e in events if e["event_type"] == "AGREE"]
    assert [e["evidence"] for e in agrees] == [BODY["jeddah_talks"][0]]
    assert not any(
        "Halfaya" in e["evidence"] or "Nyala" in e["evidence"] or "Houthi" in e["evidence"] for e in events
    )


def test_live_blog_entry_times_in_time_elements_anchor_the_entries():
    document = page_document("live_blog")
    assert [(s.heading, s.anchor_time) for s in document.segments] == [
        ("UPDATE 1340 GMT:", datetime(2024, 6, 20, 13, 40, tzinfo=UTC)),
        ("UPDATE 0915 GMT:", datetime(2024, 6, 20, 9, 15, tzinfo=UTC)),
        ("ORIGINAL ENTRY:", datetime(2024, 6, 20, 7, 0, tzinfo=UTC)),
    ]


def test_page_metadata_fills_the_document_when_sources_toml_has_nothing():
    document = page_document("kharkiv_drone_strike")
    title, published_at, site, url, language = METADATA["kharkiv_drone_strike"]
    assert (document.title, document.publisher, document.url, document.language) == (
        title,
        site,
        url,
        language,
    )
    assert (document.published_at, document.date_source, document.date_inferred) == (
        published_at,
        "page_metadata",
        False,
    )


def test_sources_toml_comes_before_the_page_metadata():
    meta = {
        "title": "Kharkiv strike (edited title)",
        "publisher": "Wire Desk",
        "url": "https://wire.example/k",
        "published_at": datetime(2024, 3, 15, 8, 0, tzinfo=UTC),
    }
    document = page_document("kharkiv_drone_strike", meta)
    assert (document.title, document.publisher, document.url) == (meta["title"], "Wire Desk", meta["url"])
    assert (document.published_at, document.date_source) == (meta["published_at"], "metadata")


def test_sources_toml_fields_it_lacks_still_come_from_the_page():
    document = page_document("kharkiv_drone_strike", {"publisher": "Wire Desk"})
    assert document.publisher == "Wire Desk"
    assert document.title == METADATA["kharkiv_drone_strike"][0]
    assert document.date_source == "page_metadata"


def test_page_metadata_date_comes_before_the_dateline():
    """jeddah_talks opens with 'JEDDAH, May 1' and was published on May 2, 09:15 UTC."""
    document = page_document("jeddah_talks")
    assert (document.published_at, document.date_source) == (
        datetime(2024, 5, 2, 9, 15, tzinfo=UTC),
        "page_metadata",
    )


def test_dateline_when_the_page_states_no_date():
    document = page_document("kyiv_dateline_only")
    assert (document.published_at, document.date_source, document.date_inferred) == (
        datetime(2024, 3, 22, tzinfo=UTC),
        "dateline",
        True,
    )


def test_file_time_when_the_page_has_neither_date_nor_dateline(tmp_path):
    markup = page_bytes("kyiv_dateline_only").decode().replace("KYIV, 22 March 2024 &mdash; ", "")
    path = tmp_path / "undated.html"
    path.write_text(markup, encoding="utf-8")
    os.utime(path, (FILE_TIME.timestamp(), FILE_TIME.timestamp()))
    document = page_document("undated", page_file=path)
    assert (document.published_at, document.date_source, document.date_inferred) == (
        FILE_TIME,
        "file_time",
        True,
    )


def test_page_date_without_a_zone_is_utc():
    markup = (
        page_bytes("kyiv_dateline_only")
        .decode()
        .replace(
            "<meta charset",
            '<meta property="article:published_time" content="2024-03-22T05:10:00"><meta charset',
        )
    )
    assert read_page(markup).published_at == datetime(2024, 3, 22, 5, 10, tzinfo=UTC)


def test_page_the_extractor_cannot_parse_falls_back_to_its_visible_text():
    """Nesting deeper than lxml builds leaves trafilatura with no text: html.parser reads the page."""
    markup = (
        "<html><head><title>Deep</title></head><body>"
        + "<div>" * 3000
        + "<p>Shelling hit Kherson overnight, officials said.</p>"
        + "</div>" * 3000
        + "<nav>Home | World</nav></body></html>"
    )
    page = read_page(markup)
    assert page.reader == "html.parser"
    assert "Shelling hit Kherson overnight, officials said." in page.text
    assert "Home | World" not in page.text


def test_plain_text_has_no_page_metadata():
    text, page = decode_source(b"Shelling hit Kherson overnight, officials said.\n")
    assert page is None and text == "Shelling hit Kherson overnight, officials said.\n"


def test_inbox_document_text_is_the_extracted_text_and_its_hash_is_of_that_text(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "k.html").write_bytes(page_bytes("kharkiv_drone_strike"))
    (document,) = ingest_inbox(inbox, {}, max_bytes=1_000_000).documents
    assert document.text == decode_source(page_bytes("kharkiv_drone_strike"))[0]
    assert document.title == METADATA["kharkiv_drone_strike"][0]
    # The same page again: unchanged, so a rerun loads nothing (the extraction is deterministic).
    again = ingest_inbox(inbox, {"k": document.content_hash}, max_bytes=1_000_000)
    assert (again.documents, again.unchanged) == ([], ["k"])


def test_sitrep_extract_reads_the_page_date_of_an_html_file():
    (document,) = documents_from_files([str(PAGES / "live_blog.html")])
    assert (document.published_at, document.date_source) == (METADATA["live_blog"][1], "page_metadata")
