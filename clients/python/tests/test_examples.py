"""examples/send_day.py run as a user would, against the real server: progress per batch, refused
events listed, and a second run applies nothing twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unittest
from decimal import Decimal
from pathlib import Path

from .harness import app_with_rules, server

HERE = Path(__file__).resolve().parents[1]


class SendDayExampleTest(unittest.TestCase):
    def test_sends_a_day_in_batches_and_a_second_run_applies_nothing_twice(self) -> None:
        app, admin = app_with_rules()
        with tempfile.TemporaryDirectory() as directory:
            day = Path(directory) / "events-today.jsonl"
            lines = [json.dumps({"metric": "steps", "user_id": f"user-{n % 50}", "value": 10}) for n in range(2499)]
            lines.insert(1234, json.dumps({"metric": "no_such_metric", "user_id": "user-1"}))
            day.write_text("\n".join(lines) + "\n")

            first = self.run_script(app, day)
            second = self.run_script(app, day)

        self.assertEqual(first.returncode, 1, first.stderr)
        progress = [line for line in first.stderr.splitlines() if line.startswith("sent ")]
        self.assertEqual(len(progress), 3)
        self.assertTrue(progress[0].startswith("sent 1,000/2,500 events (40%), 0 refused, 0 already recorded"))
        self.assertTrue(progress[2].startswith("sent 2,500/2,500 events (100%), 1 refused, 0 already recorded"))
        self.assertIn("refused line 1235: unknown_metric (events[234].metric)", first.stderr)
        self.assertIn("sent 2,500/2,500 events (100%), 1 refused, 2,499 already recorded", second.stderr)
        totals = {admin.users.progress(f"user-{n}").metrics[0].total for n in range(0, 49, 7)}
        self.assertEqual(totals, {Decimal(500)}, "50 events of 10 steps each, once")

    @staticmethod
    def run_script(app: object, day: Path) -> subprocess.CompletedProcess[str]:
        env = {name: value for name, value in os.environ.items() if not name.startswith("LUDUS_")}
        env.update(PYTHONPATH=str(HERE / "src"), LUDUS_URL=server().base_url,
                   LUDUS_CLIENT_ID=app.client_id, LUDUS_CLIENT_SECRET=app.client_secret)  # type: ignore[attr-defined]
        return subprocess.run([sys.executable, str(HERE / "examples" / "send_day.py"), str(day)], env=env,
                              capture_output=True, text=True, timeout=120)


if __name__ == "__main__":
    unittest.main()
