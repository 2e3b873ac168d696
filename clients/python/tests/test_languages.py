"""Names in every language, and images, end to end against the real server: definitions whose names and
descriptions are given by BCP 47 language tag, with an ``image_url``, read back as given; answers about a
user name rules in the user's ``locale``, else the client's ``accept_language``, else the application's
``default_language``, and carry the pictures."""

from __future__ import annotations

import unittest
from typing import Any, Callable

from ludus import Achievement, Event, Ludus, LudusError, PointsSystem, Quest, RewardRule, User

from .harness import RecordingProxy, app_with_rules, server

FIRST_STEPS_IMAGE = "https://img.example.com/first-steps.png"
WALKER_IMAGE = "https://img.example.com/walker.png"
QUEST_IMAGE = "https://img.example.com/daily-walk.png"

FIRST_STEPS: dict[str, Any] = {
    "name": {"en": "First steps", "fr": "Premiers pas"},
    "description": {"en": "Walk 1,000 steps", "fr": "Marchez 1 000 pas"},
    "image_url": FIRST_STEPS_IMAGE,
    "trigger": {"type": "metric", "metric": "steps", "threshold": 1000}, "reward": {"system": "xp", "points": 50}}

XP: dict[str, Any] = {
    "name": {"en": "Experience", "fr": "Expérience"},
    "triggers": [{"type": "metric", "metric": "steps", "points": 1, "per": 10}],
    "levels": [{"name": {"en": "Walker", "fr": "Marcheur"}, "threshold": 100, "image_url": WALKER_IMAGE},
               {"name": "Runner", "threshold": 1000}]}


class LanguagesTest(unittest.TestCase):
    def setUp(self) -> None:
        # metric steps; points xp (1 per 10 steps) and achievement first_steps (1,000 steps, 50 xp), redefined
        # here with names in English and French and pictures
        self.app, self.admin = app_with_rules()
        self.admin.points_systems.put("xp", XP)
        self.admin.achievements.put("first_steps", FIRST_STEPS)
        self.client = Ludus(server().base_url, application_token=self.app.application_token())

    def tearDown(self) -> None:
        self.client.close()
        self.admin.close()

    def error(self, call: Callable[[], object]) -> LudusError:
        with self.assertRaises(LudusError) as caught:
            call()
        return caught.exception

    def test_definitions_read_back_names_and_descriptions_by_language_and_images_as_given(self) -> None:
        put = self.admin.achievements.put("first_steps", FIRST_STEPS)
        got = self.admin.achievements.get("first_steps")

        self.assertIsInstance(got, Achievement)
        for read in (put, got, *[a for a in self.admin.achievements.list_all() if a.key == "first_steps"]):
            self.assertEqual((read.name, read.description, read.image_url),
                             (FIRST_STEPS["name"], FIRST_STEPS["description"], FIRST_STEPS_IMAGE))
        plain = self.admin.achievements.put("champion", {"name": "Champion", "trigger": {"type": "api"}})
        self.assertEqual((plain.name, plain.description, plain.image_url), ("Champion", None, None))
        canonical = self.admin.achievements.put("explorer", {"name": {"EN": "Explorer", "pt-br": "Explorador"},
                                                             "trigger": {"type": "api"}})
        self.assertEqual(canonical.name, {"en": "Explorer", "pt-BR": "Explorador"})

        xp = self.admin.points_systems.get("xp")
        self.assertIsInstance(xp, PointsSystem)
        self.assertEqual(xp.name, {"en": "Experience", "fr": "Expérience"})
        self.assertEqual([(level.name, level.threshold, level.image_url) for level in xp.levels],
                         [({"en": "Walker", "fr": "Marcheur"}, 100, WALKER_IMAGE), ("Runner", 1000, None)])
        steps = self.admin.metrics.put("steps", {"name": {"en": "Steps", "fr": "Pas"}, "description": "Walked"})
        self.assertEqual((steps.name, steps.description), ({"en": "Steps", "fr": "Pas"}, "Walked"))

    def test_a_user_with_locale_fr_gets_french_names_and_the_images_in_answers(self) -> None:
        amelie = self.client.users.put("amelie", {"name": "Amélie", "locale": "fr"})
        self.assertIsInstance(amelie, User)
        self.assertEqual(amelie.locale, "fr")
        self.assertEqual(self.client.users.put("joao", {"locale": "pt-br"}).locale, "pt-BR")
        self.assertIsNone(self.client.users.put("nobody_in_particular", {}).locale)

        answer = self.client.events.send(Event("steps", user_id="amelie", value=1000))

        self.assertEqual([(u.key, u.name, u.image_url) for u in answer.achievements],
                         [("first_steps", "Premiers pas", FIRST_STEPS_IMAGE)])
        self.assertEqual([(c.system, c.previous, c.current.name, c.current.image_url) for c in answer.levels],
                         [("xp", None, "Marcheur", WALKER_IMAGE)])
        progress = self.client.users.progress("amelie")
        self.assertEqual([(a.key, a.name, a.description, a.image_url) for a in progress.achievements],
                         [("first_steps", "Premiers pas", "Marchez 1 000 pas", FIRST_STEPS_IMAGE)])
        xp = progress.points[0]
        self.assertEqual((xp.level and (xp.level.name, xp.level.image_url)), ("Marcheur", WALKER_IMAGE))
        self.assertEqual((xp.next_level and (xp.next_level.name, xp.next_level.image_url)), ("Runner", None))

        # the profile members an event carries set the locale too
        bruno = self.client.events.send(Event("steps", user_id="bruno", value=1000, user={"locale": "fr"}))
        self.assertEqual([u.name for u in bruno.achievements], ["Premiers pas"])
        self.assertEqual(self.client.users.get("bruno").locale, "fr")

    def test_a_client_asking_for_french_gets_french_for_a_user_without_a_locale(self) -> None:
        proxy = RecordingProxy(server().base_url)
        self.addCleanup(proxy.close)
        french = Ludus(proxy.base_url, application_token=self.app.application_token(),
                       accept_language="fr, en;q=0.5")
        self.addCleanup(french.close)

        asked = french.events.send(Event("steps", user_id="carl", value=1000))
        not_asked = self.client.events.send(Event("steps", user_id="dana", value=1000))
        french.users.put("emma", {"locale": "en"})
        own_locale = french.events.send(Event("steps", user_id="emma", value=1000))

        self.assertEqual([u.name for u in asked.achievements], ["Premiers pas"])
        self.assertEqual([c.current.name for c in asked.levels], ["Marcheur"])
        self.assertEqual([u.name for u in not_asked.achievements], ["First steps"])
        self.assertEqual([u.name for u in own_locale.achievements], ["First steps"])  # the user's locale wins
        self.assertEqual([a.description for a in french.users.progress("carl").achievements], ["Marchez 1 000 pas"])
        self.assertEqual({seen.headers.get("Accept-Language") for seen in proxy.seen}, {"fr, en;q=0.5"})
        self.assertEqual(len(proxy.seen), 4)

    def test_the_application_default_language_is_read_and_changed(self) -> None:
        self.assertEqual(self.admin.application.get().default_language, "en")

        changed = self.admin.application.update({"default_language": "fr"})

        self.assertEqual(changed.default_language, "fr")
        self.assertEqual(self.admin.application.get().default_language, "fr")
        self.assertEqual([u.name for u in self.client.events.send(Event("steps", user_id="fred", value=1000))
                         .achievements], ["Premiers pas"])
        german = Ludus(server().base_url, application_token=self.app.application_token(), accept_language="de")
        self.addCleanup(german.close)
        self.assertEqual([u.name for u in german.events.send(Event("steps", user_id="gus", value=1000))
                         .achievements], ["Premiers pas"])  # no German name: the application's language
        # a name in none of the languages asked for: the first text given
        self.admin.achievements.put("explorer", {"name": {"de": "Entdecker", "es": "Explorador"},
                                                 "image_url": FIRST_STEPS_IMAGE, "trigger": {"type": "api"}})
        completion = self.client.users.complete_achievement("fred", "explorer")
        self.assertEqual([(u.name, u.image_url) for u in completion.achievements], [("Entdecker", FIRST_STEPS_IMAGE)])

    def test_rewards_and_quests_carry_names_by_language_and_images(self) -> None:
        reward = self.admin.rewards.put("mug", {"name": {"en": "Mug", "fr": "Tasse"}, "points_system": "xp",
                                                "cost": 10, "image_url": "https://img.example.com/mug.png"})
        self.assertIsInstance(reward, RewardRule)
        self.assertEqual((reward.name, reward.image_url), ({"en": "Mug", "fr": "Tasse"},
                                                           "https://img.example.com/mug.png"))
        quest = self.admin.quests.put("daily_walk", {
            "name": {"en": "Daily walk", "fr": "Marche du jour"}, "description": {"en": "Walk", "fr": "Marchez"},
            "image_url": QUEST_IMAGE, "steps": [{"key": "walk", "metric": "steps", "total": 1000}],
            "window": {"type": "recurring", "period": "daily"}})
        self.assertIsInstance(quest, Quest)
        self.assertEqual((quest.name, quest.description, quest.image_url),
                         ({"en": "Daily walk", "fr": "Marche du jour"}, {"en": "Walk", "fr": "Marchez"}, QUEST_IMAGE))
        self.admin.quests.put("team_walk", {"name": {"en": "Team walk", "fr": "Marche d'équipe"}, "team": True,
                                            "image_url": QUEST_IMAGE,
                                            "steps": [{"key": "walk", "metric": "steps", "total": 5000}],
                                            "window": {"type": "recurring", "period": "daily"}})
        self.client.users.put("amelie", {"locale": "fr"})

        answer = self.client.events.send(Event("steps", user_id="amelie", value=1000))

        self.assertEqual([(q.key, q.name, q.change, q.image_url) for q in answer.quests],
                         [("daily_walk", "Marche du jour", "step_completed", QUEST_IMAGE),
                          ("daily_walk", "Marche du jour", "completed", QUEST_IMAGE)])
        standing = {q.key: q for q in self.client.users.quests("amelie").quests}
        self.assertEqual((standing["daily_walk"].name, standing["daily_walk"].description,
                          standing["daily_walk"].image_url), ("Marche du jour", "Marchez", QUEST_IMAGE))
        self.client.teams.put("red")
        french = Ludus(server().base_url, application_token=self.app.application_token(), accept_language="fr")
        self.addCleanup(french.close)
        self.assertEqual([(q.key, q.name, q.image_url) for q in french.teams.quests("red").quests],
                         [("team_walk", "Marche d'équipe", QUEST_IMAGE)])
        self.assertEqual([q.name for q in self.client.teams.quests("red").quests], ["Team walk"])

    def test_an_image_url_must_be_https_and_only_where_pictures_are_taken(self) -> None:
        insecure = self.error(lambda: self.admin.achievements.put("champion", {
            "trigger": {"type": "api"}, "image_url": "http://img.example.com/champion.png"}))
        self.assertEqual((insecure.status, insecure.field), (400, "image_url"))
        on_a_metric = self.error(lambda: self.admin.metrics.put("distance", {"image_url": FIRST_STEPS_IMAGE}))
        self.assertEqual(on_a_metric.status, 400)

    def test_accept_language_must_be_a_header_value(self) -> None:
        for wrong in ("", "  ", "fr\r\nX-Injected: 1", "français", 42):
            with self.subTest(accept_language=wrong), self.assertRaises(ValueError) as caught:
                Ludus(server().base_url, token="t", accept_language=wrong)  # type: ignore[arg-type]
            self.assertIn("accept_language", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
