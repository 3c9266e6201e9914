import os

from django.core.wsgi import get_wsgi_application

from tryggsam.config.settings.loader import settings_module
from tryggsam.core.heap import tune_collector_for_serving

os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module())
application = get_wsgi_application()
tune_collector_for_serving()
