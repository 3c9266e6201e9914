"""Errors raised by services. Views turn them into Swedish messages for the user."""


class ServiceError(Exception):
    """A write that was refused; the message is shown to the user as it is (Swedish)."""


class PermissionDeniedError(ServiceError):
    pass


class ConcurrentEditError(ServiceError):
    """Someone else saved the record after it was loaded (optimistic locking)."""


class InvalidTransitionError(ServiceError):
    pass


def refusal_text(exc: Exception) -> str:
    """What to show the user for a refused write: a ServiceError's message, or every message of a
    model's ValidationError joined (views catch both around a service call)."""
    messages = getattr(exc, "messages", None)
    return " ".join(str(m) for m in messages) if messages is not None else str(exc)


def require(allowed: bool, message: str) -> None:
    """Refuse a write that the policy does not allow (`allowed` is the answer of a predicate of
    accounts.permissions), with the Swedish `message` shown to the user."""
    if not allowed:
        raise PermissionDeniedError(message)
