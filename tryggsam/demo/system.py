"""The system as it loads the demo: it writes every record of the demo as an administrator would and
reads everything it made (accounts.actors.SystemActor). Its audit rows name it."""

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role

DEMO_SYSTEM = SystemActor(purpose="load_demo (demodata)", reads=SystemScope.ALL, acts_as=Role.ADMIN)
