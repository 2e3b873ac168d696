#!/usr/bin/python3
"""Puts the benchmark's users in teams, for bench/events-bench.sh with BENCH_TEAMS.

    teams-setup.py <base url> <admin token> <users:write token> <users> <teams> [<quests> [<boards>]]

Creates the users user_1 .. user_<users> (PUT /v1/users/{id}), and with <teams> above 0 also <boards>
team leaderboards (default 2: coins by team, weekly, sum; steps by team, daily, average), <teams> teams
and one membership per user (user_i in team_(i mod teams)). With <quests> (0 to 2, default 0): a daily
quest (10,000 steps and a workout, any order, 10 coins) and a weekly ordered one (10 km, then 3
workouts, then 50,000 steps; 50 xp). One keep-alive connection; standard library only.
"""
import http.client
import json
import sys
import urllib.parse


def main() -> None:
    base, admin, writer, users, teams = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    quests = int(sys.argv[6]) if len(sys.argv) > 6 else 0
    boards = int(sys.argv[7]) if len(sys.argv) > 7 else 2
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)

    def put(path: str, token: str, body: dict) -> None:
        payload = json.dumps(body).encode()
        connection.request("PUT", path, payload, {"Authorization": "Bearer " + token,
                                                  "Content-Type": "application/json"})
        answer = connection.getresponse()
        text = answer.read()
        if answer.status not in (200, 201):
            raise SystemExit(f"teams-setup: PUT {path} answered {answer.status}: {text[:300]!r}")

    if not 0 <= quests <= 2 or not 0 <= boards <= 2:
        raise SystemExit("teams-setup: <quests> and <boards> are 0 to 2")
    quest_bodies = [
        ("daily_mover", {"name": "Daily mover", "steps": [{"key": "walk", "metric": "steps", "total": 10000},
                                                          {"key": "train", "metric": "workouts", "total": 1}],
                         "window": {"type": "recurring", "period": "daily"},
                         "reward": {"system": "coins", "points": 10}}),
        ("weekly_path", {"name": "Weekly path", "order": "ordered",
                         "steps": [{"key": "run", "metric": "distance", "total": 10},
                                   {"key": "train", "metric": "workouts", "total": 3},
                                   {"key": "walk", "metric": "steps", "total": 50000}],
                         "window": {"type": "recurring", "period": "weekly"},
                         "reward": {"system": "xp", "points": 50}}),
    ]
    for key, body in quest_bodies[:quests]:
        put(f"/v1/quests/{key}", admin, body)
    if teams > 0:
        board_bodies = [
            ("coins_by_team", {"rank_by": {"type": "points", "system": "coins"}, "period": "weekly"}),
            ("steps_by_team", {"rank_by": {"type": "metric", "metric": "steps"}, "period": "daily",
                               "aggregate": "average"}),
        ]
        for key, body in board_bodies[:boards]:
            put(f"/v1/team_leaderboards/{key}", admin, body)
        for team in range(teams):
            put(f"/v1/teams/team_{team}", writer, {"name": f"Team {team}"})
    for user in range(1, users + 1):
        put(f"/v1/users/user_{user}", writer, {})
        if teams > 0:
            put(f"/v1/teams/team_{user % teams}/members/user_{user}", writer, {})
    print(f"teams-setup: {users} users" + (f" in {teams} teams, {boards} team leaderboards" if teams else "")
          + (f", {quests} quests" if quests else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
