"""Many files through the flow (a package: one module per part); ``engine.py`` runs one file.

* :mod:`checker.walk` — which files (``collect`` is re-exported here): every possible report of a walked
  directory, each file left out with its reason.
* :mod:`.worker` — :func:`check_one`, the per-file function: top level and picklable, it takes a path and a plain
  config dict and returns a plain dict (``FileResult.to_dict()`` plus ``seconds``), so the same function runs
  in-process, in worker processes and on Dask workers (``checker.batch.check_one``). A file that cannot be read,
  that crashes a rule or that runs over the time limit gets its error entry (E0xx, E021 for the time limit, E090
  for an internal error); it never stops the run.
* :mod:`.executors` — ``serial`` (in-process; ``--jobs 1``), ``processes`` (a small pool of worker processes
  with one file in flight per worker, so a worker stuck past the time limit is killed and replaced) and ``dask``
  (an existing cluster, ``dask://HOST:PORT``, or a ``LocalCluster``, ``dask-local``). All yield results in
  completion order; the caller restores input order where the output format needs it.
* :mod:`.schedule` — :func:`run`: the first pass, and the cross-year pass (GOV-X): when an implemented GOV-X rule
  is selected, the first pass's facts pair each report with the same organ's report for the year before
  (:func:`checker.pairing.pair_reports`) and a second pass checks the paired reports with the GOV-X rules only.
  The policy (the baseline, :class:`checker.runner.Policy`) is applied to each result before it is counted.
* :mod:`.summary` — :class:`Stats` and the summary on standard error.
"""

from ..walk import collect, walk  # noqa: F401  (checker.batch.collect stays importable)
from .executors import DaskExecutor, ProcessExecutor, SerialExecutor, default_jobs, make_executor  # noqa: F401
from .schedule import cross_year_codes, run  # noqa: F401
from .summary import LABELS, Stats, render_summary  # noqa: F401
from .worker import (E_INTERNAL, E_TIMEOUT, HEAVY_MODULES, TIMEOUT_DEFAULT, WARM_UP_TEXT, FileTimeout,  # noqa: F401
                     check_one, config_from_dict, config_to_dict, error_result, load_previous, public,
                     result_from_dict, warm_up)
