#!/usr/bin/env python3
"""The Python side of the benchmark: a small client that behaves like the `acrclient` package, and the
user-style loops that Invoke-Benchmark.ps1 times against the AcrCloud module.

It is a stand-in for `acrclient` so the benchmark needs nothing from PyPI but `requests`, which that package
is built on. What matters for speed and memory is kept: one requests.Session with a retrying HTTPAdapter,
bearer authentication on every request, a 60 s timeout, raise_for_status() and response.json().

Prints one JSON line: {"seconds": ..., "records": ..., "peakMB": ..., "maxrssKiB": ...}; peakMB is the
process's own peak resident set (VmHWM where there is one), maxrssKiB what getrusage says.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import time
from typing import Any, Optional

from requests import Session
from requests.adapters import HTTPAdapter
from requests.auth import AuthBase
from urllib3.util.retry import Retry


class BearerAuth(AuthBase):
    def __init__(self, token: str) -> None:
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = f"Bearer {self.token}"
        return request


class Client:
    def __init__(self, bearer_token: str, base_url: str, retries: int = 5, backoff_factor: float = 0.1) -> None:
        self.base_url = base_url.rstrip("/")
        self._auth = BearerAuth(bearer_token)
        self._session = Session()
        adapter = HTTPAdapter(
            max_retries=Retry(
                total=retries,
                backoff_factor=backoff_factor,
                status_forcelist=(429, 500, 502, 503, 504),
            )
        )
        # acrclient mounts its adapter for https:// only; the stand-in speaks plain http on loopback,
        # so mount it there too or the retry machinery would not be in the measured path at all.
        self._session.mount("https://", adapter)
        self._session.mount("http://", adapter)

    def get(self, path: str, params: Any = None, **kwargs: Any):
        kwargs.setdefault("timeout", 60)
        response = self._session.get(f"{self.base_url}{path}", auth=self._auth, params=params, **kwargs)
        response.raise_for_status()
        return response

    def json(self, path: str, params: Any = None, **kwargs: Any) -> Any:
        return self.get(path, params=params, **kwargs).json()

    def get_bm_cs_projects_results(
        self, project_id: int, stream_id: str, params: Optional[dict] = None, **kwargs: Any
    ) -> Any:
        return self.json(f"/api/bm-cs-projects/{project_id}/streams/{stream_id}/results", params=params, **kwargs)["data"]


def peak_rss_mib() -> float:
    # ru_maxrss is not this program's own peak when its parent is large: Linux carries the high-water mark
    # of the address space that exec replaced, and .NET starts children with vfork, so a python3 started
    # from PowerShell would report PowerShell's peak. VmHWM belongs to this address space alone.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def fetch_results(client: Client, project_id: int, streams: list[str], first: dt.date, days: int) -> int:
    records: list = []
    for stream_id in streams:
        for offset in range(days):
            day = first + dt.timedelta(days=offset)
            records.extend(client.get_bm_cs_projects_results(project_id, stream_id, {"date": day.strftime("%Y%m%d")}))
    return len(records)


def fetch_small(client: Client, path: str, count: int, project_id: int) -> int:
    answers = [client.json(path) for _ in range(count)]
    # Count only answers that really are the project, so a wrong body cannot pass for a fetched one.
    return sum(1 for a in answers if a["data"]["id"] == project_id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--kind", choices=("results", "requests"), required=True)
    parser.add_argument("--project-id", type=int, default=2001)
    parser.add_argument("--streams", default="", help="comma-separated stream ids")
    parser.add_argument("--from-date", default="2026-10-01")
    parser.add_argument("--days", type=int, default=1)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--path", default="/api/bm-cs-projects/2001")
    args = parser.parse_args()

    client = Client(args.token, args.url)
    started = time.perf_counter()
    if args.kind == "results":
        streams = [s for s in args.streams.split(",") if s]
        records = fetch_results(client, args.project_id, streams, dt.date.fromisoformat(args.from_date), args.days)
    else:
        records = fetch_small(client, args.path, args.count, args.project_id)
    seconds = time.perf_counter() - started

    print(json.dumps({
        "seconds": round(seconds, 4),
        "records": records,
        "peakMB": round(peak_rss_mib(), 1),
        "maxrssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
