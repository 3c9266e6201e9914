"""Errors raised by services. Views turn them into Swedish messages for the user."""


class ServiceError(Exception):
    """A write that was refused; the message is shown to the user as it is (Swedish)."""


class PermissionDeniedError(ServiceError):
    pass


class ConcurrentEditError(ServiceError):
    """Someone else saved the record after it was loaded (optimistic locking)."""


class InvalidTransitionError(ServiceError):
    pass
