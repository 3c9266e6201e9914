"""Request helpers shared by the apps."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the request came from. Behind `TRYGGSAM_PROXY_COUNT` proxies (a TLS-terminating
    load balancer appends the address it saw to X-Forwarded-For), the entry that many places from the
    right: what a client writes in the header itself stays to the left of it and is never trusted."""
    count = int(getattr(settings, "TRYGGSAM_PROXY_COUNT", 0))
    if count > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= count:
            return forwarded[-count][:100]
    return str(request.META.get("REMOTE_ADDR", ""))[:100]
