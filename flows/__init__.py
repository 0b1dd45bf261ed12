"""The Prefect flow and its tasks: thin wiring around the sitrep library (installed as sitrep.flows).

pipeline.py holds the flow `sitrep-run`; serve.py serves it on a schedule (`sitrep serve`); tasks.py wraps
the library's stages as Prefect tasks. Everything else (ingest, extract, validate, load) is in sitrep/
and runs without Prefect.
"""
