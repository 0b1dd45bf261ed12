"""An HTML page -> its article text and what the page says about itself (title, date, site, language).

trafilatura finds the article and leaves out the page around it: menus, cookie and consent banners,
"Related" and "Most read" boxes, comments, share buttons, bylines, footers. Those carry sentences the
extractor would read as events ("By clicking 'Accept all' you agree ..." became an AGREE). Its metadata
comes from <meta> tags and JSON-LD; the language is the one the page declares (trafilatura 2.3.1 names a
language only when py3langid is installed and a target language is asked for). When it finds no article,
the page's visible text (html.parser) is read instead, as before. Either way the returned text is what the Document holds, so evidence offsets
point into it.
"""

from __future__ import annotations

import csv
import html.parser
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.config import DATA_DIR
from sitrep.ingest.timeparse import parse_published_at

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# htmldate (through trafilatura): the publication date, not the last change; only what the page's markup
# states (meta tags, JSON-LD, <time>), never a date guessed from the text, which is the dateline's job
# and comes after page metadata in the precedence; a date in the URL only when the markup has none.
_DATE_PARAMS = {
    "original_date": True,
    "extensive_search": False,
    "deferred_url_extractor": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
_LANGUAGE_META = (".//meta[@http-equiv='content-language']", ".//meta[@property='og:locale']")
_SITE_NAME_AFTER_TITLE = re.compile(r"^[\s\-|–—:·•]+")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Page:
    """A page's text and its own metadata (None where the page does not say)."""

    text: str
    title: str | None = None
    published_at: datetime | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1, from <html lang>, content-language or og:locale
    reader: str = "trafilatura"  # or "html.parser": trafilatura found no article text


def read_page(markup: str) -> Page:
    """The page's article text (blank-line separated paragraphs) and metadata."""
    # 0.2-0.6 s to import: plain-text runs and `sitrep --help` never pay it.
    from lxml.etree import strip_tags
    from trafilatura import bare_extraction, extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(markup)
    if tree is None:  # not parseable as a document (a bare fragment): the visible text
        return Page(html_to_text(markup), reader="html.parser")
    try:
        meta = extract_metadata(tree, date_config=dict(_DATE_PARAMS))  # reads <time datetime> too
        # trafilatura deletes <time> elements whole; their text belongs to the sentence or line it stands
        # in ("UPDATE 1340 GMT:" opening a live-blog entry, a dateline): keep the text, drop the tag.
        strip_tags(tree, "time")
        # Precision mode: by default a short report (under 250 characters) sends trafilatura to the
        # whole page, menu, Related box and share links included (65 of 200 bench pages); precision
        # mode keeps to the article (5 of 200 with one stray line, every article paragraph kept).
        # fast skips the second-opinion extractors (readability, jusText): same text, half the time.
        found = bare_extraction(
            tree, fast=True, favor_precision=True, include_comments=False, prune_xpath=prune_xpaths()
        )
    except Exception as err:  # a library fault on odd markup must not lose the page
        log.warning("trafilatura failed (%s: %s); reading the page's visible text", type(err).__name__, err)
        return Page(html_to_text(markup), reader="html.parser")
    text = _paragraphs(found.text) if found is not None and found.text else ""
    title = _clean(meta.title)
    return Page(
        text=text or html_to_text(markup),
        title=title,
        published_at=_page_time(meta.date),
        site_name=_site_name(_clean(meta.sitename), title),
        url=_clean(meta.url),
        language=_language(tree),
        reader="trafilatura" if text else "html.parser",
    )


@lru_cache(maxsize=1)
def prune_xpaths() -> list[str]:
    """XPaths of page parts removed before extraction (consent dialogs), from data/ingest/html_prune.tsv."""
    with (DATA_DIR / "ingest" / "html_prune.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [row["xpath"] for row in rows]


def _paragraphs(text: str) -> str:
    """trafilatura puts one block per line; sitrep's paragraphs are separated by a blank line."""
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line) + "\n"


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


def _page_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parse_published_at(value)  # a zone-less value is UTC, as in sources.toml
    except ValueError:
        return None


def _site_name(site: str | None, title: str | None) -> str | None:
    """A site name that starts with the headline is the page's name ("Headline - Site"): keep the end."""
    if site and title and site.startswith(title):
        site = _SITE_NAME_AFTER_TITLE.sub("", site[len(title) :]) or None
    return site


def _language(tree: HtmlElement) -> str | None:
    """The language the page declares, as its primary subtag ("en-GB" -> "en")."""
    values = [tree.get("lang")] + [e.get("content") for path in _LANGUAGE_META for e in tree.findall(path)]
    for value in values:
        code = re.split(r"[-_,;\s]", value.strip().lower())[0] if value else ""
        if re.fullmatch(r"[a-z]{2,3}", code):
            return code
    return None


class _TextExtractor(html.parser.HTMLParser):
    """Visible text of an HTML page, with block elements as paragraph breaks."""

    _SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside", "form", "svg", "figure"}
    _BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "article",
        "section",
        "blockquote",
        "title",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip_depth:
            self._skip_depth -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The page's visible text (the fallback reader): no scripts, styles, menus or footers."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
