-- How long each stage of a run took (sitrep/stage_times.py): written with the run's success, so a
-- failed or killed run has none. cpu_seconds: the sitrep process's own CPU (the Prefect API server and
-- Dask workers not counted). items: what the stage handled (STAGE_ITEMS in sitrep/stage_times.py).
CREATE TABLE IF NOT EXISTS etl_stage (
    run_id      VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,      -- begin | ingest | extract | validate | load | happenings | snapshot
    position    INTEGER NOT NULL,      -- order within the run
    seconds     DOUBLE NOT NULL,
    cpu_seconds DOUBLE NOT NULL,
    items       BIGINT,
    PRIMARY KEY (run_id, stage)
);
