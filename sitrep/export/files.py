"""Writing an export: the file format from the name, and an atomic write (a reader of the file never sees
half of it, and a failed export leaves an older file as it was)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa

FILE_FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


class ExportFileError(Exception):
    """A one-line, user-facing reason the file cannot be written."""


def file_format(path: Path, explicit: str | None = None) -> str:
    """csv or parquet: the one given (--file-format), else the one the file's extension names."""
    if explicit is not None:
        if explicit.lower() not in set(FILE_FORMATS.values()):
            raise ExportFileError(f"unknown file format {explicit!r}: choose csv or parquet")
        return explicit.lower()
    found = FILE_FORMATS.get(path.suffix.lower())
    if found is None:
        raise ExportFileError(
            f"cannot tell the file format of {path}: name it .csv or .parquet, or give --file-format csv|parquet"
        )
    return found


def check_writable(path: Path) -> Path:
    """The folder the file goes in; ExportFileError when the file could not be written there (checked
    before the export reads anything, so a wrong path fails at once)."""
    folder = path.parent
    if not folder.is_dir():
        raise ExportFileError(f"cannot write {path}: no folder {folder}")
    if path.is_dir():
        raise ExportFileError(f"cannot write {path}: it is a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportFileError(f"cannot write {path}: no permission to write in {folder}")
    return folder


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(frame: pd.DataFrame, path: Path, fmt: str, schema: pa.Schema | None = None) -> None:
    """Write the frame as CSV (UTF-8, a header line, no index) or Parquet (with `schema`'s types) to a
    temporary file beside `path`, then rename it over `path`."""
    folder = check_writable(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise ExportFileError(f"cannot write {path}: {err.strerror or err}") from None
    os.close(handle)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; an export is an ordinary file
        if fmt == "csv":
            frame.to_csv(temporary, index=False, encoding="utf-8", lineterminator="\n")
        else:
            frame.to_parquet(temporary, index=False, schema=schema)
        os.replace(temporary, path)
    except OSError as err:
        raise ExportFileError(f"cannot write {path}: {err.strerror or err}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
