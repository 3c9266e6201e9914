import os

_NAMES = {"development", "test", "production"}


def settings_module() -> str:
    """The settings module named by TRYGGSAM_SETTINGS (default: development)."""
    name = os.environ.get("TRYGGSAM_SETTINGS", "development")
    if name not in _NAMES:
        raise SystemExit(f"TRYGGSAM_SETTINGS måste vara en av {sorted(_NAMES)}, inte {name!r}")
    return f"tryggsam.config.settings.{name}"
