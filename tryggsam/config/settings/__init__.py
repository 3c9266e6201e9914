"""Settings are chosen by TRYGGSAM_SETTINGS (development, test, production); manage.py and wsgi set
DJANGO_SETTINGS_MODULE from it."""
