"""Data Docs render with no network: CDN scripts and styles are rewritten to vendored local copies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitrep.report_check import find_chromium, main, render_dom, shown_validations, verdict
from sitrep.validate.offline_docs import ASSETS_DIR, DROP, cdn_map, external_loads, rewrite_page

NO_CHROMIUM = "chromium is not installed (apt-get install chromium; .ci/run installs it in CI)"
_LOCAL_LOAD = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=\"(?!https?:|#|data:)([^\"]+)\"", re.I)


def pages(reports: Path) -> list[Path]:
    return sorted(reports.rglob("*.html"))


def test_the_run_writes_index_validation_and_suite_pages(checked):
    _, reports = checked
    names = {page.relative_to(reports).parts[0] for page in pages(reports)}
    assert names == {"index.html", "validations", "expectations"}


def test_no_data_docs_page_loads_anything_from_the_network(checked):
    _, reports = checked
    for page in pages(reports):
        assert external_loads(page.read_text(encoding="utf-8")) == [], page


def test_every_script_style_and_image_a_page_loads_is_on_disk(checked):
    _, reports = checked
    loads = 0
    for page in pages(reports):
        for target in _LOCAL_LOAD.findall(page.read_text(encoding="utf-8")):
            if target.endswith("favicon.ico"):
                continue  # GX's own link on nested pages is one folder off; no icon is all it costs
            loads += 1
            assert (page.parent / target.split("?")[0]).is_file(), f"{page}: {target}"
    assert loads >= 10 * len(pages(reports)), "each page loads jQuery, Bootstrap, bootstrap-table ..."


def test_local_scripts_carry_no_integrity_or_cors_attributes(checked):
    # Chromium refuses a file:// script loaded in CORS mode: the page would stay empty.
    _, reports = checked
    for page in pages(reports):
        assert "crossorigin=" not in page.read_text(encoding="utf-8"), page


def test_rewrite_points_nested_pages_up_to_the_vendor_folder_and_drops_unused_charts(tmp_path):
    html = (
        '<script src="https://code.jquery.com/jquery-3.7.1.min.js" integrity="sha384-x" '
        'crossorigin="anonymous"></script>\n<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>\n'
        "<style>a { background: url('https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/"
        'full_logo_dark.png\') }</style>\n<a href="https://greatexpectations.io">GX</a>'
    )
    page_dir = tmp_path / "validations" / "events" / "run"
    rewritten = rewrite_page(html, page_dir, tmp_path, cdn_map())
    assert '<script src="../../../static/vendor/jquery-3.7.1/jquery.min.js"></script>' in rewritten
    assert "vega" not in rewritten
    assert "url('../../../static/images/logo-long.png')" in rewritten
    assert '<a href="https://greatexpectations.io">' in rewritten, "links a person clicks stay"


def test_every_url_gx_templates_load_is_mapped_to_a_local_file_or_dropped():
    # After a GX upgrade that loads something new, this names it: add it to report_assets/cdn.tsv.
    import great_expectations

    templates = Path(great_expectations.__file__).parent / "render" / "view" / "templates"
    mapping = cdn_map()
    loaded = {url for template in templates.glob("*.j2") for url in external_loads(template.read_text())}
    assert loaded, "GX's templates moved: the scan found nothing"
    assert sorted(url for url in loaded if url.split("?")[0] not in mapping) == []


def test_vendored_files_exist_and_each_package_keeps_its_licence():
    for local in cdn_map().values():
        if local != DROP and local.startswith("static/vendor/"):
            assert (ASSETS_DIR / local.removeprefix("static/vendor/")).is_file(), local
    packages = [folder for folder in ASSETS_DIR.iterdir() if folder.is_dir()]
    assert len(packages) == 7
    for folder in packages:
        assert any(path.name.startswith("LICENSE") for path in folder.iterdir()), folder


@pytest.mark.e2e  # starts a headless browser: CI runs it, the fast loop does not
@pytest.mark.skipif(find_chromium() is None, reason=NO_CHROMIUM)
def test_index_rendered_offline_in_chromium_lists_both_validations(checked):
    _, reports = checked
    dom = render_dom(reports / "index.html")  # once: Chromium takes seconds to start
    shown = shown_validations(dom)
    assert sorted(link.split("/")[1] for link in shown) == ["documents", "events"]
    assert all((reports / link).is_file() for link in shown)
    ok, line = verdict(reports / "index.html", dom)
    assert ok, line


@pytest.mark.e2e  # starts a headless browser: CI runs it, the fast loop does not
@pytest.mark.skipif(find_chromium() is None, reason=NO_CHROMIUM)
def test_report_check_fails_on_a_page_that_needs_the_network(tmp_path, capsys):
    # What GX wrote before the rewrite: the list is drawn by jQuery from a CDN, so offline it is empty.
    page = tmp_path / "index.html"
    page.write_text(
        '<html><body><table id="t"></table><script src="https://code.jquery.com/jquery-3.7.1.min.js">'
        "</script><script>$('#t').bootstrapTable({data: [{'_table_row_link_path': 'validations/a.html'}]})"
        "</script></body></html>",
        encoding="utf-8",
    )
    assert main([str(page)]) == 1
    assert "the list shows 0 of 1 validations" in capsys.readouterr().err


def test_report_check_says_what_is_missing_when_there_is_no_report(tmp_path, capsys):
    code = main([str(tmp_path / "index.html")])
    err = capsys.readouterr().err
    assert code == 2
    assert ("no report at" in err) or ("chromium is not installed" in err)
