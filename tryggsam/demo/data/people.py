"""Invented organisations and people of the demo district. Every person logs in with the same demo
password; the e-mail domain marks them as demo accounts."""

from __future__ import annotations

from tryggsam.accounts.models import OrganisationKind, Role
from tryggsam.demo.data.specs import OrganisationSpec, UserSpec

DEMO_PASSWORD = "Kvallsdopp-vid-bryggan-26"  # noqa: S105 – published demo password, printed by load_demo
DEMO_DOMAIN = "demo.tryggsam.se"

ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec("sdf", "Hägersten-Älvsjö stadsdelsförvaltning", "SDF", OrganisationKind.DISTRICT_ADMINISTRATION),
    OrganisationSpec("polis", "Lokalpolisområde Söderort väst", "Lpo Söderort väst", OrganisationKind.POLICE),
    OrganisationSpec("brand", "Räddningstjänsten Söderort", "Räddningstjänsten", OrganisationKind.FIRE_AND_RESCUE),
    OrganisationSpec("social", "Socialtjänsten Hägersten-Älvsjö, barn och unga", "Socialtjänsten",
                     OrganisationKind.SOCIAL_SERVICES),
    OrganisationSpec("liljevik", "Liljeviksskolan", "Liljeviksskolan", OrganisationKind.SCHOOL),
    OrganisationSpec("ekdungen", "Ekdungens skola", "Ekdungen", OrganisationKind.SCHOOL),
    OrganisationSpec("solang", "Solängsskolan", "Solängen", OrganisationKind.SCHOOL),
    OrganisationSpec("soderhem", "Bostadsbolaget Söderhem", "Söderhem", OrganisationKind.HOUSING_COMPANY),
    OrganisationSpec("centrum", "Liljeholmstorgets centrumförvaltning", "Centrumförvaltningen",
                     OrganisationKind.HOUSING_COMPANY),
    OrganisationSpec("nordvakt", "Nordvakt Säkerhet AB", "Nordvakt", OrganisationKind.SECURITY_COMPANY),
    OrganisationSpec("tunnelbanan", "Storstadstrafiken, tunnelbanan söder", "Tunnelbanan",
                     OrganisationKind.PUBLIC_TRANSPORT),
    OrganisationSpec("kvallar", "Föreningen Trygga kvällar", "Trygga kvällar", OrganisationKind.ASSOCIATION),
    OrganisationSpec("foretagare", "Företagarföreningen Söderort sydväst", "Företagarföreningen",
                     OrganisationKind.BUSINESS),
)  # fmt: skip

USERS: tuple[UserSpec, ...] = (
    UserSpec("admin", f"admin@{DEMO_DOMAIN}", "Henrik Sjöberg", "Systemförvaltare", "sdf", Role.ADMIN,
             phone="08-100 200 01", superuser=True),
    UserSpec("samordnare", f"samordnare@{DEMO_DOMAIN}", "Maja Lindqvist", "Trygghets- och säkerhetsstrateg", "sdf",
             Role.COORDINATOR, phone="08-100 200 02"),
    UserSpec("polis", f"kommunpolis@{DEMO_DOMAIN}", "Omar Haddad", "Kommunpolis", "polis", Role.MEMBER,
             phone="08-100 200 03"),
    UserSpec("skola", f"skola@{DEMO_DOMAIN}", "Elin Bergström", "Kurator", "ekdungen", Role.MEMBER),
    UserSpec("falt", f"falt@{DEMO_DOMAIN}", "Amir Nilsson", "Fältassistent", "social", Role.MEMBER),
    UserSpec("rapportor", f"rapportor@{DEMO_DOMAIN}", "Jonas Ek", "Områdesansvarig väktare", "nordvakt",
             Role.REPORTER),
    UserSpec("lasare", f"lasare@{DEMO_DOMAIN}", "Karin Holm", "Ordförande i stadsdelsnämnden", "sdf", Role.READER),
)  # fmt: skip
