#!/usr/bin/python3
"""Puts the benchmark's users in teams, for bench/events-bench.sh with BENCH_TEAMS.

    teams-setup.py <base url> <admin token> <users:write token> <users> <teams>

Creates the users user_1 .. user_<users> (PUT /v1/users/{id}), and with <teams> above 0 also two team
leaderboards (coins by team, weekly, sum; steps by team, daily, average), <teams> teams and one
membership per user (user_i in team_(i mod teams)). One keep-alive connection; standard library only.
"""
import http.client
import json
import sys
import urllib.parse


def main() -> None:
    base, admin, writer, users, teams = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
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

    if teams > 0:
        put("/v1/team_leaderboards/coins_by_team", admin, {
            "rank_by": {"type": "points", "system": "coins"}, "period": "weekly"})
        put("/v1/team_leaderboards/steps_by_team", admin, {
            "rank_by": {"type": "metric", "metric": "steps"}, "period": "daily", "aggregate": "average"})
        for team in range(teams):
            put(f"/v1/teams/team_{team}", writer, {"name": f"Team {team}"})
    for user in range(1, users + 1):
        put(f"/v1/users/user_{user}", writer, {})
        if teams > 0:
            put(f"/v1/teams/team_{user % teams}/members/user_{user}", writer, {})
    print(f"teams-setup: {users} users" + (f" in {teams} teams, 2 team leaderboards" if teams else ""),
          file=sys.stderr)


if __name__ == "__main__":
    main()
