"""Open the Data Docs index in headless Chromium, with every host name unresolvable, and count the
validations its list shows: the report must render on a machine with no network.

    python -m sitrep.report_check [warehouse/reports/index.html]      (`make report-check`)

Exit 0 with one line when the list shows, 1 when it is missing, 2 when Chromium or the page is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# Flags from Debian's headless Chromium; MAP * ~NOTFOUND makes every host lookup fail, as air-gapped.
_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--virtual-time-budget=10000",
]
# bootstrap-table gives each row of the validation list the link to its page (GX's rowAttributesLinks).
_VALIDATION_ROW = re.compile(r"<tr\b[^>]*\bdata-href=\"(validations/[^\"]+)\"")
# What GX embeds for the table to draw: one '_table_row_link_path' per validation.
_EMBEDDED_ROW = re.compile(r"'_table_row_link_path': 'validations/")
_PAGE_SIZE = 10  # bootstrap-table's default page: a longer list shows its first 10 rows


class CheckError(Exception):
    """Chromium or the page is missing: the check cannot run."""


def find_chromium() -> str | None:
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def render_dom(page: Path, screenshot: Path | None = None, timeout: float = 120.0) -> str:
    """The page's DOM after its scripts ran, as headless Chromium serialises it."""
    chromium = find_chromium()
    if chromium is None:
        raise CheckError("chromium is not installed (apt-get install chromium)")
    if not page.is_file():
        raise CheckError(f"no report at {page}: run `sitrep run` first")
    with tempfile.TemporaryDirectory(prefix="sitrep-chromium-") as profile:
        flags = [*_FLAGS, f"--user-data-dir={profile}"]
        if screenshot is not None:
            subprocess.run(
                [
                    chromium,
                    *flags,
                    "--window-size=1280,900",
                    f"--screenshot={screenshot}",
                    page.resolve().as_uri(),
                ],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        done = subprocess.run(
            [chromium, *flags, "--dump-dom", page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if done.returncode != 0 or not done.stdout.strip():
        raise CheckError(f"chromium exited {done.returncode} without a page: {done.stderr.strip()[-300:]}")
    return done.stdout


def shown_validations(dom: str) -> list[str]:
    """Links of the validation rows the rendered index shows."""
    return _VALIDATION_ROW.findall(dom)


def expected_validations(page: Path) -> int:
    return len(_EMBEDDED_ROW.findall(page.read_text(encoding="utf-8")))


def check(page: Path, screenshot: Path | None = None) -> tuple[bool, str]:
    """(ok, one line): does the index, rendered offline, list every validation it holds?"""
    return verdict(page, render_dom(page, screenshot))


def verdict(page: Path, dom: str) -> tuple[bool, str]:
    """check's answer for `dom`, the page as Chromium rendered it."""
    expected = expected_validations(page) if page.is_file() else 0
    shown = shown_validations(dom)
    if expected == 0:
        return False, f"{page}: the page holds no validation to list"
    if len(shown) < min(expected, _PAGE_SIZE):
        return False, f"{page}: rendered offline, the list shows {len(shown)} of {expected} validations"
    return True, f"{page}: rendered offline, the list shows {len(shown)} of {expected} validations"


def main(argv: list[str]) -> int:
    page = Path(argv[0]) if argv else Path("warehouse/reports/index.html")
    try:
        ok, line = check(page)
    except (CheckError, subprocess.TimeoutExpired) as err:
        print(f"report-check: {err}", file=sys.stderr)
        return 2
    print(f"report-check: {line}", file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
