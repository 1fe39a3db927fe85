"""gunicorn's settings for the production server (`./run serve`, or
`gunicorn -c python:trajectory.gunicorn_conf trajectory.wsgi`).

Environment variables:
- TRAJECTORY_BIND: address to listen on (default 127.0.0.1:8000: the proxy in front connects
  there; use 0.0.0.0:8000 in a container).
- TRAJECTORY_WORKERS: worker processes (default 2 per CPU, at most 8). Each holds the app and
  a return being read; imports are memory-heavy, so fewer workers with threads.
- TRAJECTORY_THREADS: threads per worker (default 4).
- TRAJECTORY_TIMEOUT: seconds a request may take before its worker is restarted (default 300:
  reading and checking a large return happens inside the upload request).
"""

import multiprocessing
import os

bind = os.environ.get("TRAJECTORY_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("TRAJECTORY_WORKERS", min(2 * multiprocessing.cpu_count(), 8)))
threads = int(os.environ.get("TRAJECTORY_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("TRAJECTORY_TIMEOUT", "300"))
graceful_timeout = 30
keepalive = 5
# Restart each worker now and then so memory a large import left behind is given back.
max_requests = 1000
max_requests_jitter = 100
# Access and error logs to standard output and error, for the service manager to keep.
accesslog = "-"
errorlog = "-"
loglevel = "info"
# The app's own settings decide what counts as HTTPS (TRAJECTORY_BEHIND_TLS_PROXY); gunicorn
# trusts forwarding headers only from the proxy on this machine (its default, 127.0.0.1).
