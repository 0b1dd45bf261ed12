-- How long each stage of a run took (sitrep/stage_times.py): written with the run's success, so a
-- failed or killed run has none. cpu_seconds: the sitrep process's own CPU (the Prefect API server and
-- Dask workers not counted; extract's worker processes counted). items: what the stage handled
-- (STAGE_ITEMS in sitrep/stage_times.py). workers: extract only, the processes that extracted (1: the
-- flow's own process; SITREP_WORKERS); NULL for the other stages and under --dask.
CREATE TABLE IF NOT EXISTS etl_stage (
    run_id      VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,      -- begin | ingest | extract | validate | load | happenings | snapshot
    position    INTEGER NOT NULL,      -- order within the run
    seconds     DOUBLE NOT NULL,
    cpu_seconds DOUBLE NOT NULL,
    items       BIGINT,
    workers     INTEGER,
    PRIMARY KEY (run_id, stage)
);
-- added after the first release: a warehouse made before it gains the column here
ALTER TABLE etl_stage ADD COLUMN IF NOT EXISTS workers INTEGER;
