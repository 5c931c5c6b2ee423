#!/usr/bin/env python3
"""The Python side of the benchmark: a small client that behaves like the `acrclient` package, and the
user-style scripts that Invoke-Benchmark.ps1 times against the AcrCloud module.

It is a stand-in for `acrclient` so the benchmark needs nothing from PyPI but `requests`, which that package
is built on. What matters for speed and memory is kept: one requests.Session with a retrying HTTPAdapter,
bearer authentication on every request, a 60 s timeout, raise_for_status() and response.json().

Kinds (--kind), each timed from after start-up until its result is complete:
  results   fetch stream-days into one list, then read metadata.played_duration of every record;
  requests  --count single GETs of --path, then read data.id of every answer;
  report    the monthly report a careful script writes: every UTC day overlapping the local days, the records
            whose metadata.timestamp_utc falls inside them, one merge pass, csv.writer to a temporary file
            that is renamed when complete; the columns and rules of ConvertTo-AcrBmCsPlay / Export-AcrBmCsPlay;
  json      json.dumps of the fetched records (the fetch is not timed);
  save      the raw archive Save-AcrBmCsResult writes, one stream-day after the other: each body checked to be
            JSON with a data list, then its bytes as they arrived written to --folder/<project>/<stream>/
            <yyyy-MM-dd>.json through a temporary file in the same folder, flushed to disk and renamed;
  import    every <yyyy-MM-dd>.json under --folder, by stream then day, json.load into one list of records,
            then metadata.played_duration of every record read.

Prints one JSON line: {"seconds", "records", "peakMB", "maxrssKiB"} plus "total" (results, requests, import: the
sum read), "rows" and "sha256" (report: data rows of the CSV and its hash) or "length" (json: characters
written); save: "records" is the number of records in the files written. peakMB is the process's own peak resident set (VmHWM where there is one), maxrssKiB what getrusage says.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import math
import os
import resource
import sys
import time
from typing import Any, Optional
from zoneinfo import ZoneInfo

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


def fetch_records(client: Client, project_id: int, streams: list[str], first: dt.date, days: int) -> list:
    records: list = []
    for stream_id in streams:
        for offset in range(days):
            day = first + dt.timedelta(days=offset)
            records.extend(client.get_bm_cs_projects_results(project_id, stream_id, {"date": day.strftime("%Y%m%d")}))
    return records


def read_results(client: Client, project_id: int, streams: list[str], first: dt.date, days: int) -> dict:
    records = fetch_records(client, project_id, streams, first, days)
    total = 0
    for r in records:
        total += r["metadata"]["played_duration"]
    return {"records": len(records), "total": total}


def save_archive(client: Client, project_id: int, streams: list[str], first: dt.date, days: int, root: str) -> dict:
    records = 0
    for stream_id in streams:
        folder = os.path.join(root, str(project_id), stream_id)
        os.makedirs(folder, exist_ok=True)
        for offset in range(days):
            day = first + dt.timedelta(days=offset)
            response = client.get(f"/api/bm-cs-projects/{project_id}/streams/{stream_id}/results",
                                  params={"date": day.strftime("%Y%m%d")})
            body = response.content
            data = json.loads(body).get("data")
            if not isinstance(data, list):
                raise ValueError(f"{stream_id} {day}: the answer has no data list")
            records += len(data)
            path = os.path.join(folder, f"{day.isoformat()}.json")
            temp = os.path.join(folder, f".{day.isoformat()}.json.{os.getpid()}.tmp")
            try:
                with open(temp, "wb") as out:
                    out.write(body)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temp, path)
            finally:
                if os.path.exists(temp):
                    os.remove(temp)
    return {"records": records}


def import_archive(root: str) -> dict:
    files = []
    for folder, _, names in os.walk(root):
        files.extend(os.path.join(folder, name) for name in names if name.endswith(".json") and not name.startswith("."))
    records: list = []
    for path in sorted(files):
        with open(path, "rb") as archived:
            records.extend(json.load(archived)["data"])
    total = 0
    for r in records:
        total += r["metadata"]["played_duration"]
    return {"records": len(records), "total": total}


def read_small(client: Client, path: str, count: int, project_id: int) -> dict:
    answers = [client.json(path) for _ in range(count)]
    total = 0
    for a in answers:
        total += a["data"]["id"]
    # Count only answers that really are the project, so a wrong body cannot pass for a fetched one.
    return {"records": sum(1 for a in answers if a["data"]["id"] == project_id), "total": total}


# The rules of the module's RecordReader, so both tools turn the same records into the same rows.

def field(value: Any, name: str) -> Any:
    """A field by name: the exact key first, then any key that differs only by case."""
    if not isinstance(value, dict):
        return None
    if name in value:
        return value[name]
    lowered = name.lower()
    for key, found in value.items():
        if key.lower() == lowered:
            return found
    return None


def any_field(value: Any, *names: str) -> Any:
    for name in names:
        found = field(value, name)
        if found is not None and found != "":
            return found
    return None


def items(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text(value: Any) -> Optional[str]:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def joined(value: Any) -> Optional[str]:
    parts: list[str] = []
    for item in items(value):
        part = text(field(item, "name")) if isinstance(item, dict) else text(item)
        if part and part.strip() and part not in parts:
            parts.append(part)
    return "; ".join(parts) if parts else None


def number(value: Any) -> Optional[float]:
    if value is None or isinstance(value, (dict, list)):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def decimal(value: Optional[float]) -> str:
    if value is None:
        return ""
    cell = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if cell == "-0" else cell


def whole_seconds(value: float) -> float:
    """Rounded to whole seconds with halves away from zero, as the module rounds a played duration."""
    rounded = math.floor(abs(value) + 0.5)
    return float(rounded if value >= 0 else -rounded)


def parse_utc(value: Any) -> Optional[dt.datetime]:
    if not isinstance(value, str):
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return stamp.replace(tzinfo=dt.timezone.utc) if stamp.tzinfo is None else stamp.astimezone(dt.timezone.utc)


# Export-AcrBmCsPlay's default layout: every column of a play row, in its order.
REPORT_COLUMNS = ["ProjectId", "StreamId", "StreamName", "StartUtc", "EndUtc", "StartLocal", "UtcOffset", "DurationSec",
                  "Kind", "Title", "Artists", "Album", "Label", "Isrc", "Iswc", "Upc", "CatalogNumber", "Composers",
                  "Lyricists", "Writers", "Genres", "Language", "ReleaseDate", "Acrid", "Score"]
WRITER_ROLES = {"c", "composer", "w", "writer"}


def to_play(project_id: int, stream_id: str, record: dict, start: dt.datetime) -> dict:
    metadata = field(record, "metadata")
    music = next(iter(items(field(metadata, "music"))), None)
    custom_file = next(iter(items(field(metadata, "custom_files"))), None)
    item = music if music is not None else custom_file
    external_ids = field(item, "external_ids")
    isrc = any_field(external_ids, "isrc")
    upc = any_field(external_ids, "upc")
    works = items(field(item, "works"))
    iswc = joined(any_field(external_ids, "iswc"))
    if iswc is None and works:
        iswc = joined([field(work, "iswc") for work in works])
    writers = [field(creator, "name") for work in works for creator in items(field(work, "creators"))
               if (text(field(creator, "role")) or "").lower() in WRITER_ROLES]
    played = number(field(metadata, "played_duration"))
    return {
        "project": project_id,
        "stream": stream_id,
        "stream_name": text(field(record, "StreamName")),
        "start": start,
        "duration": whole_seconds(played) if played is not None else 0.0,
        # An unknown result (music detected, not recognised) has neither.
        "kind": "Music" if music is not None else "CustomFile" if custom_file is not None else "Unknown",
        "title": text(any_field(item, "title", "Title")),
        "artists": joined(any_field(item, "artists", "artist")),
        "album": joined(field(item, "album")),
        "label": joined(field(item, "label")),
        "isrc": joined(isrc if isrc is not None else field(item, "isrc")),
        "iswc": iswc,
        "upc": joined(upc if upc is not None else field(item, "upc")),
        "catalog_number": text(field(field(item, "album"), "cd_id")),
        "composers": joined(field(field(item, "contributors"), "composers")),
        "lyricists": joined(field(field(item, "contributors"), "lyricists")),
        "writers": joined(writers) if works else None,
        "genres": joined(field(item, "genres")),
        "language": text(field(item, "language")),
        "release_date": text(field(item, "release_date")),
        "acrid": text(field(item, "acrid")),
        "score": number(field(item, "score")),
    }


def play_cells(play: dict, zone: ZoneInfo) -> list[str]:
    local = play["start"].astimezone(zone)
    offset = local.utcoffset() or dt.timedelta()
    minutes = int(round(offset.total_seconds() / 60))
    sign = "-" if minutes < 0 else "+"
    offset_text = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return [
        str(play["project"]), play["stream"], play["stream_name"] or "",
        play["start"].strftime("%Y-%m-%d %H:%M:%S") + "Z",
        play["end"].strftime("%Y-%m-%d %H:%M:%S") + "Z",
        local.strftime("%Y-%m-%d %H:%M:%S") + offset_text, offset_text,
        decimal(play["duration"]), play["kind"], play["title"] or "", play["artists"] or "", play["album"] or "",
        play["label"] or "", play["isrc"] or "", play["iswc"] or "", play["upc"] or "", play["catalog_number"] or "",
        play["composers"] or "", play["lyricists"] or "", play["writers"] or "", play["genres"] or "",
        play["language"] or "", play["release_date"] or "", play["acrid"] or "", decimal(play["score"]),
    ]


def monthly_report(client: Client, project_id: int, streams: list[str], first_local: dt.date, days: int,
                   zone_name: str, path: str) -> dict:
    zone = ZoneInfo(zone_name)
    start_utc = dt.datetime.combine(first_local, dt.time(), zone).astimezone(dt.timezone.utc)
    end_utc = dt.datetime.combine(first_local + dt.timedelta(days=days), dt.time(), zone).astimezone(dt.timezone.utc)
    utc_days = []
    day = start_utc.date()
    while dt.datetime.combine(day, dt.time(), dt.timezone.utc) < end_utc:
        utc_days.append(day)
        day += dt.timedelta(days=1)

    temp = os.path.join(os.path.dirname(os.path.abspath(path)), f".{os.path.basename(path)}.{os.getpid()}.tmp")
    rows = 0
    read = 0
    try:
        with open(temp, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(REPORT_COLUMNS)
            pending = None
            for stream_id in streams:
                for day in utc_days:
                    records = client.get_bm_cs_projects_results(project_id, stream_id, {"date": day.strftime("%Y%m%d")})
                    read += len(records)
                    for record in records:
                        start = parse_utc(field(field(record, "metadata"), "timestamp_utc"))
                        if start is None or not start_utc <= start < end_utc:
                            continue
                        play = to_play(project_id, stream_id, record, start)
                        play["end"] = start + dt.timedelta(seconds=play["duration"])
                        # The module's rule: only split parts of one airing are merged, the next part starting at
                        # most 60 s after the previous one ended.
                        if (pending is not None and play["acrid"] and play["acrid"] == pending["acrid"]
                                and play["stream"] == pending["stream"] and play["project"] == pending["project"]
                                and pending["start"] <= start <= pending["end"] + dt.timedelta(seconds=60)):
                            pending["duration"] += play["duration"]
                            pending["end"] = max(pending["end"], play["end"])
                            continue
                        if pending is not None:
                            writer.writerow(play_cells(pending, zone))
                            rows += 1
                        pending = play
            if pending is not None:
                writer.writerow(play_cells(pending, zone))
                rows += 1
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.remove(temp)
    return {"records": rows, "rows": rows, "fetched": read}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--kind", choices=("results", "requests", "report", "json", "save", "import"), required=True)
    parser.add_argument("--project-id", type=int, default=2001)
    parser.add_argument("--streams", default="", help="comma-separated stream ids")
    parser.add_argument("--from-date", default="2026-10-01", help="the first UTC day, or (report) local day")
    parser.add_argument("--days", type=int, default=1)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--path", default="/api/bm-cs-projects/2001")
    parser.add_argument("--time-zone", default="UTC", help="report: the zone of the local days")
    parser.add_argument("--csv", default="", help="report: the file to write (removed afterwards)")
    parser.add_argument("--folder", default="", help="save: the empty archive folder to write; import: the archive")
    args = parser.parse_args()

    client = Client(args.token, args.url)
    streams = [s for s in args.streams.split(",") if s]
    first = dt.date.fromisoformat(args.from_date)
    if args.kind == "json":
        records = fetch_records(client, args.project_id, streams, first, args.days)
        started = time.perf_counter()
        text_out = json.dumps(records)
        seconds = time.perf_counter() - started
        figures = {"records": len(records), "length": len(text_out)}
    else:
        started = time.perf_counter()
        if args.kind == "results":
            figures = read_results(client, args.project_id, streams, first, args.days)
        elif args.kind == "requests":
            figures = read_small(client, args.path, args.count, args.project_id)
        elif args.kind == "save":
            figures = save_archive(client, args.project_id, streams, first, args.days, args.folder)
        elif args.kind == "import":
            figures = import_archive(args.folder)
        else:
            figures = monthly_report(client, args.project_id, streams, first, args.days, args.time_zone, args.csv)
        seconds = time.perf_counter() - started
        if args.kind == "report":
            # Counted from the file, as the PowerShell side counts its own, once the clock has stopped.
            with open(args.csv, encoding="utf-8-sig", newline="") as written:
                figures["rows"] = figures["records"] = sum(1 for _ in csv.reader(written)) - 1
            with open(args.csv, "rb") as written:
                figures["sha256"] = hashlib.sha256(written.read()).hexdigest()
            os.remove(args.csv)

    print(json.dumps({
        "seconds": round(seconds, 4),
        **figures,
        "peakMB": round(peak_rss_mib(), 1),
        "maxrssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
