"""`manage.py qcluster`: django-q2's cluster, run in the foreground and left at once when it has stopped.

django-q2's own command returns as soon as the cluster has started; the process then waits for the
cluster inside the interpreter's exit (multiprocessing joins its children there), and after SIGTERM
it went on to tear the whole interpreter down: seconds of freeing every module's objects, so that a
supervisor or `make run` waited for a process that had nothing left to do (issue 17, item 6). Here the
process waits for the cluster itself; when the cluster has stopped (SIGTERM, SIGINT or `--run-once`),
the database connections are closed, the logs and output flushed, and the process ends with
`os._exit` (only when the process is `manage.py qcluster` itself). Run as its own process, it first
lowers its CPU priority by `TRYGGSAM_BACKGROUND_NICE` (its workers inherit it), so that background
rendering yields to requests on a shared host. This app is listed before django_q in INSTALLED_APPS so that this command is the one run.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from django.conf import settings
from django.db import connections
from django_q.cluster import Cluster
from django_q.management.commands.qcluster import Command as DjangoQCommand

from tryggsam.core.heap import tune_collector_for_serving


class Command(DjangoQCommand):
    def handle(self, *args: Any, **options: Any) -> None:
        settings.SECRET_KEY  # noqa: B018 - as django-q2: signing needs it, fail before starting
        own_process = sys.argv[1:2] == ["qcluster"]
        if own_process:
            tune_collector_for_serving()  # inherited by the cluster's processes, as the priority
            if settings.TRYGGSAM_BACKGROUND_NICE > 0:
                os.nice(settings.TRYGGSAM_BACKGROUND_NICE)
        if options.get("cluster_name"):
            os.environ["Q_CLUSTER_NAME"] = options["cluster_name"]
        cluster = Cluster()
        cluster.start()
        if options.get("run_once", False):
            cluster.stop()
        while cluster.sentinel is not None and cluster.sentinel.is_alive():
            cluster.sentinel.join(timeout=0.5)  # the signal handler stops the cluster between joins
        connections.close_all()
        if not own_process:
            return  # called from code (call_command): never end the caller's process
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
