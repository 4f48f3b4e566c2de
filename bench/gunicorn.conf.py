"""gunicorn for the throughput benches: deploy/gunicorn.conf.py, then the bench's shape.

Both the project and the minimal Django project (bench/minimal/) run under this file with
the same environment, so they differ only in the WSGI application.

- Sync workers, one per core (BENCH_WORKERS, default 2). A sync worker takes a connection
  only when it is idle and closes it after the response, so wrk's connections are spread
  over the workers request by request. gthread workers with keep-alive instead keep each
  connection on the worker that accepted it, and the kernel wakes the same worker for most
  of the connections opened at the start of a run: two runs of the same page then differ by
  up to a factor of two depending on how the connections happened to fall (issue 21).
- No access log and no max_requests: production writes a log line per request and restarts
  a worker every ~2,000 requests; in a bench running thousands of requests per second both
  would be measured instead of the page (the same for every page, so they only blur the
  ratios). bench/capacity.py runs the production file unchanged.
"""

import os
import runpy
from pathlib import Path

_deploy = runpy.run_path(str(Path(__file__).resolve().parent.parent / "deploy/gunicorn.conf.py"))
globals().update({k: v for k, v in _deploy.items() if not k.startswith("_") and k != "os"})

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8300")
worker_class = os.environ.get("BENCH_WORKER_CLASS", "sync")
workers = int(os.environ.get("BENCH_WORKERS", "2"))
threads = int(os.environ.get("BENCH_THREADS", "1"))
max_requests = 0
max_requests_jitter = 0
accesslog = os.environ.get("BENCH_ACCESS_LOG") or None
loglevel = "warning"
