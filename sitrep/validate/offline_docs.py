"""Make Great Expectations' Data Docs render with no network.

GX's pages load jQuery, Bootstrap, bootstrap-table, Font Awesome and its logo from CDNs, and its index
draws the list of validations with that JavaScript: on an air-gapped machine the list stays empty.
After GX writes the pages, the files named in sitrep/data/report_assets/cdn.tsv are copied under
reports/static/vendor/ and each page's CDN URLs are rewritten to relative paths of those copies.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from sitrep.config import DATA_DIR
from sitrep.extract.lexicon import read_tsv

ASSETS_DIR = DATA_DIR / "report_assets"
VENDOR_DIR = "static/vendor"  # under the reports folder
DROP = "-"

# Elements that make the browser fetch a URL as the page loads (links a person clicks are not loads).
_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"(?P<url>https?://[^\"]+)\"[^>]*>\s*</script>\n?", re.I)
_TAG = re.compile(r"<(?:link|img)\b[^>]*\b(?:href|src)=\"(?P<url>https?://[^\"]+)\"[^>]*>\n?", re.I)
_CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>https?://[^'\")\s]+)['\"]?\s*\)", re.I)
# Subresource integrity and CORS mode make Chromium refuse a file:// script; the copies are the same bytes.
_FETCH_ATTRIBUTES = re.compile(r"\s+(?:integrity|crossorigin)=\"[^\"]*\"", re.I)


def cdn_map() -> dict[str, str]:
    """CDN URL (without query) -> path under the reports folder, or DROP."""
    return {row["url"]: row["local"] for row in read_tsv("report_assets/cdn.tsv")}


def external_loads(html: str) -> list[str]:
    """URLs a page fetches from the network when it opens (scripts, stylesheets, images, CSS url())."""
    return [m.group("url") for pattern in (_SCRIPT, _TAG, _CSS_URL) for m in pattern.finditer(html)]


def copy_assets(reports_dir: Path) -> None:
    """The vendored files and their licences under reports/static/vendor (skipped when already there)."""
    target = reports_dir / VENDOR_DIR
    for source in ASSETS_DIR.rglob("*"):
        if source.is_file() and source.name != "cdn.tsv":
            copy = target / source.relative_to(ASSETS_DIR)
            if not copy.exists() or copy.stat().st_size != source.stat().st_size:
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, copy)


def rewrite_page(html: str, page_dir: Path, reports_dir: Path, mapping: dict[str, str]) -> str:
    """The page with every known CDN URL pointing at its local copy (relative to the page)."""

    def local(url: str) -> str | None:
        target = mapping.get(url.split("?", 1)[0])
        if target is None or target == DROP:
            return target
        return Path(os.path.relpath(reports_dir / target, page_dir)).as_posix()

    def element(match: re.Match) -> str:
        target = local(match.group("url"))
        if target is None:
            return match.group(0)
        if target == DROP:
            return ""
        return _FETCH_ATTRIBUTES.sub("", match.group(0).replace(match.group("url"), target))

    def css_url(match: re.Match) -> str:
        target = local(match.group("url"))
        return match.group(0) if target in (None, DROP) else f"url('{target}')"

    html = _SCRIPT.sub(element, html)
    html = _TAG.sub(element, html)
    return _CSS_URL.sub(css_url, html)


def make_offline(reports_dir: Path, since: float | None = None) -> list[str]:
    """Copy the assets and rewrite the pages (those modified at or after `since`, else all).

    Returns the network URLs still loaded by some page (unknown to cdn.tsv), as "page: url".
    """
    copy_assets(reports_dir)
    mapping = cdn_map()
    left = []
    for page in sorted(reports_dir.rglob("*.html")):
        if since is not None and page.stat().st_mtime < since:
            continue
        html = page.read_text(encoding="utf-8")
        rewritten = rewrite_page(html, page.parent, reports_dir, mapping)
        if rewritten != html:
            temporary = page.with_suffix(".html.tmp")
            temporary.write_text(rewritten, encoding="utf-8")
            temporary.replace(page)
        left += [f"{page.relative_to(reports_dir)}: {url}" for url in external_loads(rewritten)]
    return left
