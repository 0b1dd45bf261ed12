"""The scheduled deployment `sitrep-run/<name>`, served by a Prefect runner in this process.

`sitrep serve` runs this module as a child process group (sitrep/serving.py) and stops it with
SIGTERM: python -m sitrep.flows.serve '{"warehouse": ..., "inbox": ..., "name": ..., "cron": ...}'
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sitrep.flows.pipeline import flow_parameters, sitrep_flow

from sitrep.config import settings_from_env


def serve_on_schedule(warehouse: str, inbox: str, name: str, cron: str | None, interval: int | None) -> None:
    """Register the deployment and run its scheduled runs (each in a subprocess) until SIGTERM."""
    # Absolute paths: the deployment's parameters must not depend on where a run starts.
    settings = settings_from_env(Path(warehouse).absolute(), Path(inbox).absolute())
    sitrep_flow.serve(
        name=name,
        cron=cron,
        interval=interval,
        parameters=flow_parameters(settings),
        print_starting_message=False,
        limit=1,  # one run at a time: a run that fires while another writes waits instead of failing
    )


if __name__ == "__main__":
    serve_on_schedule(**json.loads(sys.argv[1]))
