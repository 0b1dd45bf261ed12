"""Exports of the warehouse in other projects' formats (`sitrep export`): ACLED's columns, as CSV or Parquet."""
