"""Checked by ``mypy --strict`` (in .ci/python), never run: the answers are typed, so a wrong member is a
type error. Each ``type: ignore[...]`` below must be needed (strict mode warns about unused ones)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ludus import ClientCredentials, Event, EventAnswer, Ludus, LudusError, Progress, RedemptionChange, RewardRule


def typed(ludus: Ludus) -> None:
    answer: EventAnswer = ludus.events.send(Event("steps", user_id="alice", value=Decimal("1.5")))
    total: Decimal = answer.metric.total
    awarded: int = answer.points[0].awarded
    when: datetime = answer.event.occurred_at
    progress: Progress = ludus.users.progress("alice")
    balance: int = progress.points[0].balance
    print(total, awarded, when, balance)
    print(answer.points[0].awardd)  # type: ignore[attr-defined]
    name: int = ludus.metrics.get("steps").name  # type: ignore[assignment]
    print(name)
    ludus.events.send(Event("steps", value=1.5))  # type: ignore[arg-type]  # floats are not exact: Decimal
    ludus.users.adjust_points("alice", "xp", amount="10", reason="gift")  # type: ignore[arg-type]
    try:
        ludus.auth.verify()
    except LudusError as error:
        status: int = error.status
        code: str = error.code
        field: str | None = error.field
        print(status, code, field, error.detail)
    redeemed: RedemptionChange = ludus.users.redeem("me", "mug", idempotency_key="k1")
    spent: int = redeemed.points.amount
    left: int | None = redeemed.remaining
    state: str = ludus.rewards.fulfill(redeemed.redemption.id).status
    mug: RewardRule = ludus.rewards.get("mug")
    print(spent, left, state, mug.cost, redeemed.redemption.cots)  # type: ignore[attr-defined]
    Ludus("http://localhost:8080", client_credentials=ClientCredentials("cid_x", "cs_y")).close()
