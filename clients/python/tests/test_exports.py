"""The exports end to end against the real server: 20 events of three users exported as dataclasses read a
line at a time (in order, resumed after an id, in a time span, left early), as raw CSV and NDJSON; the users
with their totals, balances and achievements; one user's whole record. The server runs on the real clock:
the time span is cut at two events' ``received_at``, and the events expected in it are read from the
answers."""

from __future__ import annotations

import io
import unittest
from decimal import Decimal

from ludus import Event, ExportedUser, Ludus, LudusError, RecordedEvent

from .harness import app_with_rules, server

USERS = ["ann", "bob", "cy"]


class ExportsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.app, cls.admin = app_with_rules()
        cls.client = Ludus(server().base_url, application_token=cls.app.application_token())
        cls.sent: list[RecordedEvent] = []
        for i in range(20):
            answer = cls.client.events.send(Event("steps", user_id=USERS[i % 3],
                                                  value=Decimal("200.5") if i % 2 else 100,
                                                  attributes={"n": str(i)}))
            cls.sent.append(answer.event)
        cls.ids = [event.id for event in cls.sent]

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()
        cls.admin.close()

    def test_events_in_order_resumed_after_an_id_in_a_time_span_and_raw_as_csv(self) -> None:
        events = list(self.admin.exports.events())
        self.assertEqual([event.id for event in events], self.ids)
        self.assertEqual(events, self.sent)  # a line reads as the event of the answer
        self.assertEqual(events[1].value, Decimal("200.5"))
        self.assertEqual(events[1].attributes, {"n": "1"})

        self.assertEqual([event.id for event in self.admin.exports.events(after=self.ids[11])], self.ids[12:])
        start, end = self.sent[5].received_at, self.sent[10].received_at
        span = [event.id for event in self.sent if start <= event.received_at < end]
        self.assertEqual([event.id for event in self.admin.exports.events(from_=start, to=end)], span)
        every = self.admin.exports.events()
        self.assertEqual([next(every).id, next(every).id], self.ids[:2])
        every.close()  # left early: the connection is closed

        csv = io.BytesIO()
        written = self.admin.exports.events_raw(csv, format="csv")
        lines = csv.getvalue().decode().splitlines()
        self.assertEqual(written, len(csv.getvalue()))
        self.assertEqual(len(lines), 21)
        self.assertEqual(lines[0], "id,user_id,metric,value,occurred_at,received_at,attributes")
        self.assertTrue(lines[2].startswith(f"{self.ids[1]},bob,steps,200.5,"), lines[2])
        self.assertTrue(lines[2].endswith(',"{""n"":""1""}"'), lines[2])
        ndjson = io.BytesIO()
        self.admin.exports.events_raw(ndjson, after=self.ids[18])
        self.assertTrue(ndjson.getvalue().startswith(b'{"id":"' + self.ids[19].encode() + b'"'))
        self.assertEqual(ndjson.getvalue().count(b"\n"), 1)

        with self.assertRaises(LudusError) as refused:
            next(self.admin.exports.events(after="evt_nope"))
        self.assertEqual((refused.exception.status, refused.exception.field), (400, "after"))
        with self.assertRaises(LudusError) as forbidden:
            self.client.exports.users_raw(io.BytesIO())
        self.assertEqual(forbidden.exception.status, 403)
        self.assertEqual(self.admin.application.get().id, self.app.application_id)  # the pool still works

    def test_users_with_their_totals_resumed_raw_as_csv_and_one_users_whole_record(self) -> None:
        users = list(self.admin.exports.users())
        self.assertEqual([user.id for user in users], USERS)
        for user in users:
            self.assertIsInstance(user, ExportedUser)
            progress = self.client.users.progress(user.id)
            total = sum((event.value for event in self.sent if event.user_id == user.id), Decimal(0))
            self.assertEqual(user.metrics, {"steps": total})
            self.assertEqual(user.points, {point.system: point.balance for point in progress.points})
            self.assertEqual(list(user.achievements), ["first_steps"] if total >= 1000 else [])
            self.assertEqual((user.flagged_at, user.control_group), (None, False))
        self.assertEqual([user.id for user in self.admin.exports.users(after="ann")], ["bob", "cy"])
        csv = io.BytesIO()
        self.admin.exports.users_raw(csv, format="csv")
        lines = csv.getvalue().decode().splitlines()
        self.assertEqual(len(lines), 4)
        self.assertEqual(lines[0], "id,name,email,timezone,locale,attributes,created_at,updated_at,last_active_at,"
                                   "flagged_at,control_group,metric:steps,points:xp,achievements")

        record = self.client.users.export("ann")
        self.assertEqual((record["user_id"], record["application_id"], record["profile"]["id"]),
                         ("ann", self.app.application_id, "ann"))
        self.assertEqual([row["id"] for row in record["events"]],
                         [event.id for event in self.sent if event.user_id == "ann"])
        self.assertEqual([row["metric"] for row in record["metrics"]], ["steps"])
        self.assertTrue(record["points_history"])
        with self.assertRaises(LudusError) as unknown:
            self.client.users.export("nobody")
        self.assertEqual(unknown.exception.status, 404)


if __name__ == "__main__":
    unittest.main()
