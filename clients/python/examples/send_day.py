"""Sends a day's events to Ludus in batches, showing progress.

The input is JSON Lines, one event per line as ``POST /v1/events`` takes it:

    {"metric": "steps", "user_id": "alice", "value": 1200, "occurred_at": "2026-11-22T07:30:00Z"}

Each event without an ``idempotency_key`` gets one made of the file's name and its line number, so
running the script again after a crash or a network failure sends every event again and Ludus
applies each once (the answers say ``idempotent_replayed``). Events Ludus refuses (an unknown
metric, a value out of range) are listed at the end and make the exit status 1; the others are
recorded all the same.

    LUDUS_URL=http://localhost:8080 LUDUS_CLIENT_ID=cid_... LUDUS_CLIENT_SECRET=cs_... \\
        python3 examples/send_day.py events-2026-11-22.jsonl [--batch-size 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Iterator

from ludus import MAX_BATCH, ClientCredentials, Ludus, LudusError


def read_events(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, event)`` for every non-blank line; each event gets its idempotency key."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                event = json.loads(line)
                event.setdefault("idempotency_key", f"{path.name}:{number}")
                yield number, event


def batches(events: Iterator[tuple[int, dict[str, Any]]], size: int) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    batch: list[tuple[int, dict[str, Any]]] = []
    for numbered in events:
        batch.append(numbered)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def send_day(ludus: Ludus, path: Path, batch_size: int = MAX_BATCH, out: Any = sys.stderr) -> int:
    """Sends the file's events; answers how many Ludus refused."""
    total = sum(1 for _ in read_events(path))
    sent = replayed = 0
    refused: list[str] = []
    started = time.monotonic()
    for batch in batches(read_events(path), batch_size):
        results = ludus.events.send_batch([event for _, event in batch])  # retried with the same keys
        for (number, _), result in zip(batch, results):
            if result.body is not None:
                replayed += result.body.idempotent_replayed
            elif result.error is not None:
                refused.append(f"line {number}: {result.error.error} ({result.error.field}): {result.error.detail}")
        sent += len(batch)
        rate = sent / max(time.monotonic() - started, 1e-6)
        print(f"sent {sent:,}/{total:,} events ({sent * 100 // total}%), {len(refused):,} refused, "
              f"{replayed:,} already recorded, {rate:,.0f} events/s", file=out, flush=True)
    for line in refused:
        print("refused " + line, file=out)
    return len(refused)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="the day's events, JSON Lines")
    parser.add_argument("--batch-size", type=int, default=MAX_BATCH, help=f"events per request (1 to {MAX_BATCH})")
    options = parser.parse_args()
    ludus = Ludus(os.environ.get("LUDUS_URL", "http://localhost:8080"),
                  client_credentials=ClientCredentials(os.environ["LUDUS_CLIENT_ID"],
                                                       os.environ["LUDUS_CLIENT_SECRET"]))
    try:
        return 1 if send_day(ludus, options.file, options.batch_size) else 0
    except LudusError as failure:  # the whole batch failed: run again, nothing is applied twice
        print(f"stopped: {failure}; run the script again to send the rest", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
