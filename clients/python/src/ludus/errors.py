"""The two exceptions of the SDK: a refused or unanswered call, and a webhook that does not verify."""

from __future__ import annotations

from typing import Any, Mapping

__all__ = ["LudusError", "WebhookVerificationError"]


class LudusError(Exception):
    """A call Ludus refused (status 400 and above), or one that got no answer (status 0).

    ``code`` is the problem's ``error`` member (``invalid_token``, ``unknown_metric``,
    ``rate_limited``, ...), or ``timeout`` / ``network_error`` when no answer came; ``field`` the
    request member at fault; ``problem`` the whole problem+json body as the server wrote it (with
    ``claim``, ``required_scope``, ``missing``, ``used_by`` and the like).
    """

    status: int
    code: str
    detail: str | None
    field: str | None
    title: str | None
    problem: Mapping[str, Any] | None
    request_id: str | None
    retry_after: float | None
    """The answer's ``Retry-After``, in seconds, when it had one."""

    def __init__(self, status: int, code: str, detail: str | None = None, *, field: str | None = None,
                 title: str | None = None, problem: Mapping[str, Any] | None = None,
                 request_id: str | None = None, retry_after: float | None = None) -> None:
        self.status = status
        self.code = code
        self.detail = detail
        self.field = field
        self.title = title
        self.problem = problem
        self.request_id = request_id
        self.retry_after = retry_after
        super().__init__(self._message())

    def _message(self) -> str:
        return (("no answer" if self.status == 0 else f"HTTP {self.status}") + f" {self.code}"
                + (f" [{self.field}]" if self.field else "")
                + (f": {self.detail}" if self.detail else "")
                + (f" (request id {self.request_id})" if self.request_id else ""))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.status, self.code, self.detail, self.field, self.title, self.problem,
                           self.request_id, self.retry_after))


def _rebuild(status: int, code: str, detail: str | None, field: str | None, title: str | None,
             problem: Mapping[str, Any] | None, request_id: str | None, retry_after: float | None) -> LudusError:
    return LudusError(status, code, detail, field=field, title=title, problem=problem, request_id=request_id,
                      retry_after=retry_after)


class WebhookVerificationError(Exception):
    """A webhook whose headers, signature or timestamp do not verify: answer it 400 and drop it."""
