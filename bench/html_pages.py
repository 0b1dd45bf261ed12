"""Saved news pages for the benchmark, and the time to read them with trafilatura and with html.parser.

Each page wraps one corpus text in the markup a saved news page carries: a consent banner, a menu of 60
links, a 40 kB inline script, JSON-LD and meta tags, share buttons, a "Related" box, a "Most read" list,
comments and a footer (about 55 kB a page, of which 1-3 kB are the article). Three layouts rotate.
"""

from __future__ import annotations

import html
import statistics
import time
from pathlib import Path

PAGES = 200
REPEATS = 3

_SCRIPT = "window.__STATE__ = {" + ",".join(f'"k{i}": "{"x" * 30}"' for i in range(1000)) + "};"
_MENU = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(60))
_LAYOUTS = [
    # (wrapper of the article, wrapper of a sidebar box)
    (
        '<main><article class="story"><div class="story__body">{body}</div></article>',
        "<aside>{box}</aside></main>",
    ),
    ('<div id="content"><div class="entry-content">{body}</div>', '<div class="widget">{box}</div></div>'),
    (
        '<div class="liveblog"><div class="liveblog__body">{body}</div></div>',
        '<div class="col-side">{box}</div>',
    ),
]


def page(text: str, index: int) -> str:
    """A saved page around one corpus text; its first eight words make the headline."""
    body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
    article, sidebar = _LAYOUTS[index % len(_LAYOUTS)]
    title = html.escape(" ".join(text.split()[:8]))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Bench Post</title>
<meta property="og:site_name" content="Bench Post"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="2024-06-{index % 28 + 1:02d}T08:00:00+00:00">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}",
"datePublished": "2024-06-{index % 28 + 1:02d}T08:00:00+00:00"}}</script>
<script>{_SCRIPT}</script><style>body {{ margin: 0 }} .cookie-banner {{ position: fixed }}</style></head>
<body><div class="cookie-banner" role="dialog"><p>By clicking "Accept all" you agree to the storing of
cookies on your device.</p><button>Accept all</button></div>
<header><nav><ul>{_MENU}</ul></nav></header>
{article.format(body=f"<h1>{title}</h1><div class='share'><a>Share on X</a><a>Email</a></div>{body}")}
<div class="related"><h2>Related</h2><ul><li><a href="/r1">Russia and Ukraine agreed to exchange prisoners.</a>
</li><li><a href="/r2">A missile struck the port of Odesa, killing two.</a></li></ul></div>
<section class="comments"><h2>Comments</h2><p>Artillery shelled Belgorod yesterday and nobody reports it.</p>
</section>
{sidebar.format(box="<h2>Most read</h2><ol><li><a>Ten things to do in Lviv</a></li></ol>")}
<footer><p>&copy; 2024 Bench Post. All rights reserved.</p></footer></body></html>"""


def pages_from(paths: list[Path], count: int = PAGES) -> list[bytes]:
    return [page(p.read_text(encoding="utf-8"), i).encode() for i, p in enumerate(paths[:count])]


def html_decode_seconds(pages: list[bytes], repeats: int = REPEATS) -> dict:
    """The pages decoded and read with trafilatura (what ingest does now) and with the old html.parser
    reader; fastest of `repeats` passes each. trafilatura's import is timed apart (once per process)."""
    started = time.perf_counter()
    import trafilatura  # noqa: F401

    import_seconds = time.perf_counter() - started
    from sitrep.ingest.decode import _decode_text
    from sitrep.ingest.html import html_to_text, read_page

    def new(data: bytes) -> str:
        return read_page(_decode_text(data)).text

    def old(data: bytes) -> str:
        return html_to_text(_decode_text(data))

    figures: dict = {
        "pages": len(pages),
        "kilobytes_per_page": round(sum(map(len, pages)) / len(pages) / 1024),
    }
    for name, reader in (("trafilatura", new), ("html_parser", old)):
        reader(pages[0])  # warm caches (prune list, lexicons) outside the timing
        seconds = []
        for _ in range(repeats):
            started = time.perf_counter()
            for data in pages:
                reader(data)
            seconds.append(time.perf_counter() - started)
        figures[f"{name}_seconds"] = round(min(seconds), 3)
        figures[f"{name}_median_seconds"] = round(statistics.median(seconds), 3)
        figures[f"{name}_ms_per_page"] = round(1000 * min(seconds) / len(pages), 2)
    figures["slowdown"] = round(figures["trafilatura_seconds"] / figures["html_parser_seconds"], 1)
    figures["trafilatura_import_seconds"] = round(import_seconds, 2)
    return figures
