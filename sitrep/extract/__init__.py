"""The event coder. Pure Python: imports neither Prefect nor DuckDB, so the CLI, tests and Dask workers run it bare."""
