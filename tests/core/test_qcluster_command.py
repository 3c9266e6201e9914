"""`manage.py qcluster` is the project's own (issue 17, item 6): it waits for django-q2's cluster in
the foreground and, once the cluster has stopped, leaves with `os._exit` instead of tearing the
interpreter down (seconds after SIGTERM). The stop-to-exit time is measured by bench/startup.py."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command, get_commands

from tryggsam.core.management.commands import qcluster


class _Sentinel:
    def __init__(self, alive_for: int) -> None:
        self.alive_for = alive_for
        self.joins = 0

    def is_alive(self) -> bool:
        return self.joins < self.alive_for

    def join(self, timeout: float | None = None) -> None:
        self.joins += 1


class _Cluster:
    made: list[_Cluster] = []

    def __init__(self) -> None:
        self.sentinel: Any = None
        self.stopped = False
        _Cluster.made.append(self)

    def start(self) -> None:
        self.sentinel = _Sentinel(alive_for=3)

    def stop(self) -> None:
        self.stopped = True
        self.sentinel.alive_for = 0


class _Exit(Exception):
    pass


def _exit(code: int) -> None:
    raise _Exit(code)


def test_qcluster__the_projects_command_runs():
    assert get_commands()["qcluster"] == "tryggsam.core"


@pytest.mark.parametrize("run_once", [False, True])
def test_qcluster__waits_for_the_cluster_then_exits_at_once(monkeypatch, run_once):
    monkeypatch.setattr(qcluster, "Cluster", _Cluster)
    monkeypatch.setattr(qcluster.os, "_exit", _exit)
    monkeypatch.setattr(qcluster.logging, "shutdown", lambda: None)  # keep pytest's own handlers open
    monkeypatch.setattr(qcluster.sys, "argv", ["manage.py", "qcluster"])
    closed = []
    monkeypatch.setattr(qcluster.connections, "close_all", lambda: closed.append(True))
    _Cluster.made.clear()
    with pytest.raises(_Exit) as leaving:
        call_command("qcluster", *(["--run-once"] if run_once else []))
    assert leaving.value.args == (0,)
    cluster = _Cluster.made[-1]
    assert cluster.stopped is run_once
    assert cluster.sentinel.joins == (0 if run_once else 3)  # waited until the sentinel had ended
    assert closed == [True]


def test_qcluster__called_from_code_returns(monkeypatch):
    monkeypatch.setattr(qcluster, "Cluster", _Cluster)
    monkeypatch.setattr(qcluster.os, "_exit", _exit)
    call_command("qcluster", "--run-once")  # inside another program (a test run): no os._exit
    assert _Cluster.made[-1].stopped


def test_qcluster__its_own_process_yields_cpu_to_requests(monkeypatch, settings):
    monkeypatch.setattr(qcluster, "Cluster", _Cluster)
    monkeypatch.setattr(qcluster.os, "_exit", _exit)
    monkeypatch.setattr(qcluster.logging, "shutdown", lambda: None)
    niced = []
    tuned = []
    monkeypatch.setattr(qcluster.os, "nice", lambda increment: niced.append(increment))
    monkeypatch.setattr(qcluster, "tune_collector_for_serving", lambda: tuned.append(True))
    settings.TRYGGSAM_BACKGROUND_NICE = 7
    call_command("qcluster", "--run-once")  # called from code: the caller's priority is left alone
    assert niced == [] and tuned == []
    monkeypatch.setattr(qcluster.sys, "argv", ["manage.py", "qcluster"])
    with pytest.raises(_Exit):
        call_command("qcluster", "--run-once")
    assert niced == [7] and tuned == [True]  # before the cluster starts, so its processes inherit them
    settings.TRYGGSAM_BACKGROUND_NICE = 0
    with pytest.raises(_Exit):
        call_command("qcluster", "--run-once")
    assert niced == [7]
