"""The catalogue in Open Referral HSDS 3.0: export for other directories, import back.

Regional social maps (sociale kaart), 211-style helplines and neighbouring municipalities
exchange service directories in the Human Services Data Specification. An export is a JSON
array of full HSDS service records: each with its organization, schedules, phones, cost
options, languages, service areas, locations and attributes nested, the shape of the HSDS
API's `/services/{id}` and of the JSON Schema `service_with_definitions.json` shipped in
`spec/hsds/` (CC BY-SA 4.0, Open Referral).

What HSDS has no field for (the slug ids, the summary, the English texts, keywords, the
schedule note, walk-in hours) travels as attributes in the taxonomy `vraagwijzer-fields`;
service types, domains, access, eligibility groups, cost kinds and districts are attributes
in their own `vraagwijzer-*` taxonomies. So an export reads back into the same Bundle.
"""

from __future__ import annotations

import contextlib
import json
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from jsonschema import Draft202012Validator
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from pydantic import ValidationError

from knowledge_base.schema import DAYS, Bundle, LocationIn, OrganizationIn, ServiceIn
from knowledge_base.spec import SPEC_DIR, service_types

__all__ = [
    "ACCESS",
    "AREAS",
    "COST_KINDS",
    "DOMAINS",
    "FIELDS",
    "GROUPS",
    "SERVICE_TYPES",
    "from_hsds",
    "to_hsds",
    "validate_hsds",
]

Json = dict[str, Any]
Loc = tuple[str | int, ...]

# Never change it: every HSDS id is a uuid5 in this namespace of a slug path, so a re-export
# keeps its ids and consumers update their copy instead of duplicating it.
NAMESPACE = uuid.UUID("987fc6fa-0c65-4b57-b96b-a021bb93b194")
SCHEMA_FILE = SPEC_DIR / "hsds" / "service_with_definitions.json"

SERVICE_TYPES = "vraagwijzer-service-types"
DOMAINS = "vraagwijzer-domains"
ACCESS = "vraagwijzer-access"
GROUPS = "vraagwijzer-eligibility-groups"
COST_KINDS = "vraagwijzer-cost-kinds"
AREAS = "vraagwijzer-service-areas"
FIELDS = "vraagwijzer-fields"

HSDS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_TEXT_FIELDS = (
    "summary",
    "summary_en",
    "description_en",
    "audience_en",
    "how_to_apply_en",
    "schedule_note",
    "schedule_note_en",
    "reviewed_by",
)
_FIXED_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    ACCESS: {
        "open": ("Vrij toegankelijk", "Open to everyone, no decision needed"),
        "referral": ("Via verwijzing of indicatie", "By referral or assessment"),
        "emergency": ("Spoed, altijd bereikbaar", "Emergency, always reachable"),
    },
    GROUPS: {
        "seniors": ("Ouderen", "Seniors"),
        "youth": ("Jongeren", "Young people"),
        "children": ("Kinderen", "Children"),
        "parents": ("Ouders", "Parents"),
        "carers": ("Mantelzorgers", "Carers"),
        "disabled": ("Mensen met een beperking", "People with a disability"),
        "low_income": ("Mensen met een laag inkomen", "People on a low income"),
        "newcomers": ("Nieuwkomers", "Newcomers"),
        "everyone": ("Iedereen", "Everyone"),
    },
    COST_KINDS: {
        "free": ("Gratis", "Free"),
        "fixed": ("Vast bedrag", "A fixed amount, see cost_options"),
        "income_dependent": ("Afhankelijk van inkomen", "Depends on income"),
        "contribution": ("Eigen bijdrage", "Personal contribution"),
    },
    AREAS: {
        "district": ("Wijk", "A district of the municipality; value: the district id"),
        "municipality": ("Hele gemeente", "The whole municipality"),
    },
    FIELDS: {
        "id": ("id", "The vraagwijzer id (slug) of the record"),
        "summary": ("summary", "One-line summary in Dutch"),
        "summary_en": ("summary_en", "One-line summary in English"),
        "description_en": ("description_en", "Description in English"),
        "audience_en": ("audience_en", "Eligibility description in English"),
        "how_to_apply_en": ("how_to_apply_en", "Application process in English"),
        "cost.unit_en": ("cost.unit_en", "Cost unit in English"),
        "cost.note_en": ("cost.note_en", "Fees description in English"),
        "schedule_note": ("schedule_note", "Note on the opening hours in Dutch"),
        "schedule_note_en": ("schedule_note_en", "Note on the opening hours in English"),
        "keyword": ("keyword", "A search keyword, one attribute each"),
        "reviewed_by": ("reviewed_by", "Who last reviewed the record (a name)"),
        "domains": ("domains", "value 'explicit': editors chose the domains themselves"),
        "walk_in": ("walk_in", "value 'true': walk in without an appointment"),
    },
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$")
_FREE = re.compile(r"\b(gratis|kosteloos|geen kosten|free)\b", re.IGNORECASE)


def _uuid(key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, key))


# --- export ----------------------------------------------------------------------------


def to_hsds(bundle: Bundle, *, municipality: str | None = None) -> list[Json]:
    """The bundle's services as HSDS 3.0 service records, ready for `json.dumps`.

    A service for the whole municipality gets `municipality` as its service area when it
    is given. Opening hours are local (Dutch) clock times without an offset: a fixed
    offset would be wrong for half of the year.
    """
    organizations = {o.id: o for o in bundle.organizations}
    records: list[Json] = []
    for service in bundle.services:
        organization = organizations.get(service.organization)
        if organization is None:
            raise ValueError(f"service {service.id}: unknown organization {service.organization}")
        records.append(_service_record(service, organization, municipality))
    return records


def _service_record(service: ServiceIn, org: OrganizationIn, municipality: str | None) -> Json:
    key = f"service:{service.id}"
    service_id = _uuid(key)
    organization = _organization_record(org)
    record: Json = {
        "id": service_id,
        "organization_id": organization["id"],
        "name": service.name,
        "description": service.description,
        "status": "active",
    }
    _put(record, "url", service.contact.website)
    _put(record, "email", service.contact.email)
    record["application_process"] = service.how_to_apply
    _put(record, "fees_description", service.cost.note)
    record["eligibility_description"] = service.audience
    _put(record, "minimum_age", service.eligibility.min_age)
    _put(record, "maximum_age", service.eligibility.max_age)
    if service.last_reviewed is not None:
        record["assured_date"] = service.last_reviewed.isoformat()
    # HSDS only has an e-mail for the assurer; editors usually sign with their name.
    reviewer_is_email = bool(service.reviewed_by and _EMAIL.match(service.reviewed_by))
    if reviewer_is_email:
        record["assurer_email"] = service.reviewed_by
    if service.contact.phone:
        record["phones"] = [
            {"id": _uuid(f"{key}/phone"), "service_id": service_id, "number": service.contact.phone}
        ]
    record["schedules"] = [
        {
            "id": _uuid(f"{key}/schedules/{n}"),
            "service_id": service_id,
            "freq": "WEEKLY",
            "byday": HSDS_DAYS[opening.weekday],
            "opens_at": opening.opens,
            "closes_at": opening.closes,
        }
        for n, opening in enumerate(service.schedule)
    ]
    record["service_areas"] = _service_areas(service, key, municipality)
    if service.location is not None:
        record["service_at_locations"] = [_service_at_location(service.location, key)]
    record["languages"] = [_language(code, key, service_id) for code in service.languages]
    record["organization"] = organization
    cost = service.cost
    if cost.amount is not None or cost.unit is not None:
        option: Json = {"id": _uuid(f"{key}/cost"), "service_id": service_id}
        if cost.amount is not None:
            option["currency"] = "EUR"
            option["amount"] = (
                int(cost.amount) if cost.amount == int(cost.amount) else float(cost.amount)
            )
        # HSDS puts "per 1 hour session" in amount_description; `option` names who pays it.
        _put(option, "amount_description", cost.unit)
        record["cost_options"] = [option]
    terms: list[tuple[str, str, str | None]] = [
        *((SERVICE_TYPES, t, None) for t in service.service_types),
        *((DOMAINS, d, None) for d in service.resolved_domains()),
        (ACCESS, service.access.value, None),
        *((GROUPS, g, None) for g in service.eligibility.groups),
        (COST_KINDS, cost.kind.value, None),
        (FIELDS, "id", service.id),
        (FIELDS, "summary", service.summary),
        (FIELDS, "summary_en", service.summary_en),
        (FIELDS, "description_en", service.description_en),
        (FIELDS, "audience_en", service.audience_en),
        (FIELDS, "how_to_apply_en", service.how_to_apply_en),
        (FIELDS, "cost.unit_en", cost.unit_en),
        (FIELDS, "cost.note_en", cost.note_en),
        (FIELDS, "schedule_note", service.schedule_note),
        (FIELDS, "schedule_note_en", service.schedule_note_en),
        *((FIELDS, "keyword", k) for k in service.keywords),
        (FIELDS, "reviewed_by", None if reviewer_is_email else service.reviewed_by),
        # Domains derived from the service types stay derived on import; only a choice the
        # editors made themselves is marked, so the round trip keeps the difference.
        (FIELDS, "domains", "explicit" if service.domains is not None else None),
    ]
    present = [
        (taxonomy, code, value)
        for taxonomy, code, value in terms
        if taxonomy != FIELDS or value is not None
    ]
    record["attributes"] = _attributes(key, "service", present)
    return record


def _organization_record(org: OrganizationIn) -> Json:
    key = f"organization:{org.id}"
    record: Json = {"id": _uuid(key), "name": org.name, "description": org.description}
    _put(record, "email", org.email)
    _put(record, "website", org.website)
    if org.phone:
        record["phones"] = [
            {"id": _uuid(f"{key}/phone"), "organization_id": record["id"], "number": org.phone}
        ]
    record["attributes"] = _attributes(key, "organization", [(FIELDS, "id", org.id)])
    return record


def _service_areas(service: ServiceIn, key: str, municipality: str | None) -> list[Json]:
    areas: list[Json] = []
    for district in service.districts:
        area_key = f"{key}/service-areas/{district}"
        areas.append(
            {
                "id": _uuid(area_key),
                "service_id": _uuid(key),
                "name": district,
                "attributes": _attributes(
                    area_key, "service_area", [(AREAS, "district", district)]
                ),
            }
        )
    if not service.districts and municipality:
        area_key = f"{key}/service-areas/*"
        areas.append(
            {
                "id": _uuid(area_key),
                "service_id": _uuid(key),
                "name": municipality,
                "attributes": _attributes(
                    area_key, "service_area", [(AREAS, "municipality", None)]
                ),
            }
        )
    return areas


def _service_at_location(place: LocationIn, key: str) -> Json:
    # Keyed by the address, not the service: services in one building share the location.
    location_key = f"location:{place.postcode}|{place.address}|{place.name or ''}"
    location_id = _uuid(location_key)
    location: Json = {"id": location_id, "location_type": "physical"}
    _put(location, "name", place.name)
    location["addresses"] = [
        {
            "id": _uuid(f"{location_key}/address"),
            "location_id": location_id,
            "address_1": place.address,
            "city": place.city,
            # Required by HSDS, unknown to the catalogue.
            "state_province": "",
            "postal_code": place.postcode,
            "country": "NL",
            "address_type": "physical",
        }
    ]
    sal_key = f"{key}/service-at-location"
    return {
        "id": _uuid(sal_key),
        "service_id": _uuid(key),
        "location_id": location_id,
        "location": location,
        # Walk-in hours belong to the service at this place, not to the building.
        "attributes": _attributes(
            sal_key, "service_at_location", [(FIELDS, "walk_in", str(place.walk_in).lower())]
        ),
    }


def _language(code: str, key: str, service_id: str) -> Json:
    language: Json = {"id": _uuid(f"{key}/languages/{code}"), "service_id": service_id}
    with contextlib.suppress(UnknownLocaleError, ValueError):
        language["name"] = Locale.parse(code).get_display_name("nl")
    language["code"] = code
    return language


def _attributes(
    owner: str, entity: str, terms: Iterable[tuple[str, str, str | None]]
) -> list[Json]:
    owner_id = _uuid(owner)
    attributes: list[Json] = []
    for n, (taxonomy, code, value) in enumerate(terms):
        term = _term(taxonomy, code)
        attribute: Json = {
            "id": _uuid(f"{owner}/attributes/{n}"),
            "link_id": owner_id,
            "link_entity": entity,
            "taxonomy_term_id": term["id"],
            "taxonomy_term": term,
        }
        _put(attribute, "value", value)
        attributes.append(attribute)
    return attributes


def _term(taxonomy: str, code: str) -> Json:
    name, description = _labels(taxonomy).get(code, (code, ""))
    return {
        "id": _uuid(f"taxonomy-term:{taxonomy}:{code}"),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": taxonomy,
    }


@cache
def _labels(taxonomy: str) -> dict[str, tuple[str, str]]:
    if taxonomy == SERVICE_TYPES:
        return {t.id: (t.nl, t.en) for t in service_types().values()}
    if taxonomy == DOMAINS:
        with (SPEC_DIR / "domains.yaml").open(encoding="utf-8") as fh:
            return {d["id"]: (d["nl"], d["en"]) for d in yaml.safe_load(fh)["domains"]}
    return _FIXED_LABELS.get(taxonomy, {})


def _put(target: Json, key: str, value: object) -> None:
    # HSDS fields are typed without null: an unknown value is left out, never null.
    if value is not None:
        target[key] = value


# --- validation ------------------------------------------------------------------------


def validate_hsds(data: object) -> list[str]:
    """Problems of a JSON array of HSDS service records against the HSDS 3.0 JSON Schema.

    Formats (uuid, email, uri, date-time) are checked too, and service ids must be unique.
    """
    if not isinstance(data, list):
        return [f"expected a JSON array of HSDS service records, got {_kind(data)}"]
    validator = _validator()
    problems: list[str] = []
    seen: dict[object, int] = {}
    for index, item in enumerate(data):
        label = _label(index, item)
        for error in sorted(validator.iter_errors(item), key=lambda e: list(map(str, e.path))):
            where = ".".join(str(p) for p in error.absolute_path) or "(record)"
            problems.append(f"{label}: {where}: {_short(error.message)}")
        ident = item.get("id") if isinstance(item, dict) else None
        if isinstance(ident, str):
            if ident in seen:
                problems.append(f"{label}: id: {ident!r} is also the id of item {seen[ident]}")
            seen.setdefault(ident, index)
    return problems


@cache
def _validator() -> Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    # The HSDS schemas declare no $schema; they are written for 2020-12.
    cls = validator_for(schema, default=Draft202012Validator)
    cls.check_schema(schema)
    validator: Validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return validator


def _short(message: str) -> str:
    # A type error on a whole nested record would repeat the record: keep it readable.
    return message if len(message) <= 200 else message[:197] + "..."


def _kind(value: object) -> str:
    return {dict: "an object", str: "a string", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def _label(index: int, item: object) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    return f'item {index} (service "{name}")' if isinstance(name, str) else f"item {index}"


# --- import ----------------------------------------------------------------------------


def from_hsds(data: object) -> tuple[Bundle | None, list[str]]:
    """A Bundle from HSDS 3.0 service records, with every problem and where it is.

    Accepts what `to_hsds` writes and HSDS from other producers: an array of service
    records (or an HSDS API page with them in `contents`), each with its organization
    nested. Without vraagwijzer attributes, ids are made from the names and access comes
    from the service types; each service still needs at least one attribute with a term in
    the taxonomy `vraagwijzer-service-types`. Records are validated by the same models as
    the YAML import. Vraagwijzer keeps one place, one phone and one amount per service: the
    first phone is used, and more than one location or cost option is a problem.

    The Bundle is returned only when there are no problems. HSDS has no FAQs, so the Bundle
    has none.
    """
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    if not isinstance(data, list):
        return None, [f"expected a JSON array of HSDS service records, got {_kind(data)}"]
    problems: list[str] = []
    drafts: list[_Draft] = []
    organizations: dict[str, _Draft] = {}
    service_ids: dict[str, int] = {}
    for index, item in enumerate(data):
        label = _label(index, item)
        if not isinstance(item, dict):
            problems.append(f"{label}: expected an HSDS service object, got {_kind(item)}")
            continue
        draft = _read_service(item, label)
        ident = item.get("id")
        if isinstance(ident, str):
            if ident in service_ids:
                draft.problem("id", f"{ident!r} is also the id of item {service_ids[ident]}")
            service_ids.setdefault(ident, index)
        org = _read_organization(item.get("organization"), label, draft)
        if org is not None:
            first = organizations.setdefault(org.key, org)
            if first is not org and first.raw != org.raw:
                draft.problem(
                    "organization", f"differs from the organization with this id in {first.label}"
                )
            draft.data["organization"] = first
        drafts.append(draft)
    _assign_slugs(list(organizations.values()))
    _assign_slugs(drafts)
    org_models: list[OrganizationIn] = []
    for org in organizations.values():
        model = org.validate(OrganizationIn)
        if isinstance(model, OrganizationIn):
            org_models.append(model)
    services: list[ServiceIn] = []
    for draft in drafts:
        linked = draft.data.get("organization")
        if isinstance(linked, _Draft):
            draft.data["organization"] = linked.slug
        model = draft.validate(ServiceIn)
        if isinstance(model, ServiceIn):
            services.append(model)
        problems.extend(draft.problems)
    if problems:
        return None, problems
    bundle = Bundle(organizations=org_models, services=services)
    cross = bundle.problems()
    return (None, cross) if cross else (bundle, [])


@dataclass(eq=False)
class _Draft:
    """One record on its way to a model, remembering where in the HSDS each value came from
    so that the model's errors point into the HSDS document."""

    label: str
    key: str = ""
    raw: object = None
    data: Json = field(default_factory=dict)
    origin: dict[Loc, str] = field(default_factory=dict)
    # Locations whose problem is already reported in HSDS terms; the model's follow-up
    # error there would only repeat it.
    handled: set[Loc] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    slug: str = ""
    explicit_slug: str | None = None
    slug_source: str = ""

    def problem(self, where: str, message: str, *, handles: Loc | None = None) -> None:
        self.problems.append(f"{self.label}: {where}: {message}")
        if handles is not None:
            self.handled.add(handles)

    def take(self, source: Json, hsds_key: str, loc: Loc, path: str) -> None:
        self.origin[loc] = path
        if hsds_key in source:
            target = self.data
            for part in loc[:-1]:
                target = target.setdefault(str(part), {})
            target[str(loc[-1])] = source[hsds_key]

    def objects(self, parent: Json, key: str, path: str) -> list[tuple[str, Json]]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, f"expected a list, got {_kind(value)}")
            return []
        found = []
        for n, element in enumerate(value):
            if isinstance(element, dict):
                found.append((f"{path}.{n}", element))
            else:
                self.problem(f"{path}.{n}", f"expected an object, got {_kind(element)}")
        return found

    def terms(self, parent: Json, path: str) -> list[_Term]:
        """The attributes in vraagwijzer taxonomies; others belong to other producers."""
        found = []
        for where, attribute in self.objects(parent, "attributes", f"{path}attributes"):
            term = attribute.get("taxonomy_term")
            if not isinstance(term, dict):
                continue
            taxonomy = term.get("taxonomy")
            if not isinstance(taxonomy, str) or not taxonomy.startswith("vraagwijzer-"):
                continue
            code, value = term.get("code"), attribute.get("value")
            if not isinstance(code, str):
                self.problem(f"{where}.taxonomy_term.code", "a vraagwijzer term needs its code")
            elif value is not None and not isinstance(value, str):
                self.problem(f"{where}.value", f"expected a string, got {_kind(value)}")
            else:
                found.append(_Term(where, taxonomy, code, value))
        return found

    def validate(self, model: type[OrganizationIn] | type[ServiceIn]) -> object:
        try:
            return model.model_validate(self.data)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(error["loc"])
                if any(loc[: len(h)] == h for h in self.handled):
                    continue
                message = error["msg"].removeprefix("Value error, ")
                if error["type"].endswith(("_type", "_parsing")) and not isinstance(
                    error["input"], dict
                ):
                    message += f", got {_short(repr(error['input']))}"
                self.problems.append(f"{self.label}: {self.where(loc)}: {message}")
            return None

    def where(self, loc: Loc) -> str:
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.origin:
                return ".".join([self.origin[loc[:end]], *map(str, loc[end:])])
        return ".".join(map(str, loc))


@dataclass(frozen=True)
class _Term:
    path: str
    taxonomy: str
    code: str
    value: str | None


def _read_organization(value: object, label: str, service: _Draft) -> _Draft | None:
    if not isinstance(value, dict):
        service.problem(
            "organization",
            "the organization must be nested as an object"
            if value is not None
            else "missing: nest the organization that provides the service",
            handles=("organization",),
        )
        return None
    name, ident = value.get("name"), value.get("id")
    # Problems go to the service that nests the organization: that is where they are.
    org = _Draft(label=label, raw=value, problems=service.problems)
    org.key = ident if isinstance(ident, str) else f"name:{name}"
    for hsds_key in ("name", "description", "email", "website"):
        org.take(value, hsds_key, (hsds_key,), f"organization.{hsds_key}")
    if org.data.get("description") is None:
        org.data.pop("description", None)
    phones = org.objects(value, "phones", "organization.phones")
    if phones:
        org.take(phones[0][1], "number", ("phone",), f"{phones[0][0]}.number")
    for term in org.terms(value, "organization."):
        if term.taxonomy == FIELDS and term.code == "id":
            org.explicit_slug = term.value
            org.origin[("id",)] = f"{term.path}.value"
    org.slug_source = name if isinstance(name, str) else str(ident)
    org.origin.setdefault(("id",), "organization.name")
    return org


def _read_service(item: Json, label: str) -> _Draft:
    draft = _Draft(label=label, raw=item)
    data = draft.data
    for loc, hsds_key in (
        (("name",), "name"),
        (("description",), "description"),
        (("audience",), "eligibility_description"),
        (("how_to_apply",), "application_process"),
        (("cost", "note"), "fees_description"),
        (("contact", "email"), "email"),
        (("contact", "website"), "url"),
        (("eligibility", "min_age"), "minimum_age"),
        (("eligibility", "max_age"), "maximum_age"),
        (("last_reviewed",), "assured_date"),
        (("reviewed_by",), "assurer_email"),
    ):
        draft.take(item, hsds_key, loc, hsds_key)
    draft.origin[("organization",)] = "organization"
    draft.origin[("cost",)] = "cost_options"
    phones = draft.objects(item, "phones", "phones")
    if phones:
        draft.take(phones[0][1], "number", ("contact", "phone"), f"{phones[0][0]}.number")
    _read_attributes(draft, item)
    _read_cost(draft, item)
    _read_location(draft, item)
    _read_schedules(draft, item)
    languages = draft.objects(item, "languages", "languages")
    if "languages" in item:
        data["languages"] = []
    for path, language in languages:
        code = language.get("code")
        if isinstance(code, str):
            draft.origin[("languages", len(data["languages"]))] = f"{path}.code"
            data["languages"].append(code)
        else:
            draft.problem(f"{path}.code", "a language code like nl is needed")
    data["districts"] = []
    draft.origin[("districts",)] = "service_areas"
    for path, area in draft.objects(item, "service_areas", "service_areas"):
        kinds = [t for t in draft.terms(area, f"{path}.") if t.taxonomy == AREAS]
        if kinds and kinds[0].code == "municipality":
            continue
        district = kinds[0].value if kinds else area.get("name")
        if isinstance(district, str):
            draft.origin[("districts", len(data["districts"]))] = path
            # Another producer's area names become district ids; the catalogue import checks
            # them against the municipality's districts.
            data["districts"].append(district if kinds else _slugify(district))
        else:
            draft.problem(path, "a service area needs a name")
    name, ident = item.get("name"), item.get("id")
    draft.slug_source = name if isinstance(name, str) else str(ident)
    draft.origin.setdefault(("id",), "name")
    return draft


def _read_attributes(draft: _Draft, item: Json) -> None:
    data = draft.data
    terms = draft.terms(item, "")
    by_taxonomy: dict[str, list[_Term]] = {}
    for term in terms:
        by_taxonomy.setdefault(term.taxonomy, []).append(term)
    types = by_taxonomy.get(SERVICE_TYPES, [])
    data["service_types"] = [t.code for t in types]
    draft.origin[("service_types",)] = (
        f"{types[0].path}.taxonomy_term.code"
        if len(types) == 1
        else f"attributes ({SERVICE_TYPES})"
    )
    if not types:
        draft.problem(
            "attributes",
            f"no service type: add an attribute whose taxonomy_term has taxonomy "
            f"{SERVICE_TYPES!r} and a code from knowledge_base/spec/service-types.yaml",
            handles=("service_types",),
        )
    known = [service_types()[t.code] for t in types if t.code in service_types()]
    access = by_taxonomy.get(ACCESS, [])
    if access:
        data["access"] = access[0].code
        draft.origin[("access",)] = f"{access[0].path}.taxonomy_term.code"
    elif known:
        data["access"] = known[0].access
    else:
        draft.handled.add(("access",))
    domains = [t.code for t in by_taxonomy.get(DOMAINS, [])]
    derived = list(dict.fromkeys(d for t in known for d in t.domains))
    fields = by_taxonomy.get(FIELDS, [])
    explicit = any(t.code == "domains" for t in fields)
    if explicit or (domains and domains != derived):
        data["domains"] = domains
        draft.origin[("domains",)] = f"attributes ({DOMAINS})"
    groups = by_taxonomy.get(GROUPS, [])
    if groups:
        data.setdefault("eligibility", {})["groups"] = [t.code for t in groups]
        for n, term in enumerate(groups):
            draft.origin[("eligibility", "groups", n)] = f"{term.path}.taxonomy_term.code"
    kinds = by_taxonomy.get(COST_KINDS, [])
    if kinds:
        data.setdefault("cost", {})["kind"] = kinds[0].code
        draft.origin[("cost", "kind")] = f"{kinds[0].path}.taxonomy_term.code"
    for term in fields:
        where = f"{term.path}.value"
        if term.code in ("domains", "walk_in"):
            continue
        if term.value is None:
            draft.problem(where, f"the {term.code} attribute needs a value")
        elif term.code == "id":
            draft.explicit_slug = term.value
            draft.origin[("id",)] = where
        elif term.code == "keyword":
            draft.origin[("keywords", len(data.setdefault("keywords", [])))] = where
            data["keywords"].append(term.value)
        elif term.code in ("cost.unit_en", "cost.note_en"):
            sub = term.code.removeprefix("cost.")
            data.setdefault("cost", {})[sub] = term.value
            draft.origin[("cost", sub)] = where
        elif term.code in _TEXT_FIELDS:
            data[term.code] = term.value
            draft.origin[(term.code,)] = where
        else:
            draft.problem(f"{term.path}.taxonomy_term.code", f"unknown field {term.code!r}")
    if "summary" not in data:
        description = item.get("description")
        if isinstance(description, str):
            # HSDS has no summary: the first sentence of the description stands in.
            data["summary"] = _first_sentence(description)
            draft.origin[("summary",)] = "description"
        else:
            draft.handled.add(("summary",))


def _read_cost(draft: _Draft, item: Json) -> None:
    cost: Json = draft.data.setdefault("cost", {})
    options = draft.objects(item, "cost_options", "cost_options")
    if len(options) > 1:
        draft.problem(
            "cost_options",
            f"{len(options)} cost options; vraagwijzer keeps one amount per service: "
            "describe the others in fees_description",
        )
    amount: object = None
    if options:
        path, option = options[0]
        currency = option.get("currency")
        if currency is not None and (not isinstance(currency, str) or currency.upper() != "EUR"):
            draft.problem(f"{path}.currency", f"{currency!r}: only amounts in EUR can be imported")
        amount = option.get("amount")
        if amount is not None:
            exact = isinstance(amount, int | float) and not isinstance(amount, bool)
            # Through str: a float's binary digits would show up as cents.
            cost["amount"] = Decimal(str(amount)) if exact else amount
            draft.origin[("cost", "amount")] = f"{path}.amount"
        unit_key = "amount_description" if "amount_description" in option else "option"
        draft.take(option, unit_key, ("cost", "unit"), f"{path}.{unit_key}")
    if "kind" in cost:
        return
    fees = cost.get("note")
    positive = isinstance(cost.get("amount"), Decimal) and cost["amount"] > 0
    if positive:
        cost["kind"] = "fixed"
    elif amount is not None or (isinstance(fees, str) and _FREE.search(fees)):
        cost["kind"] = "free"
    elif isinstance(fees, str) and fees.strip():
        cost["kind"] = "contribution"
    else:
        draft.problem(
            "fees_description",
            "no cost information: vraagwijzer tells residents what a service costs; give "
            "fees_description or a cost option with an amount",
            handles=("cost",),
        )


def _read_location(draft: _Draft, item: Json) -> None:
    places = draft.objects(item, "service_at_locations", "service_at_locations")
    if len(places) > 1:
        draft.problem(
            "service_at_locations",
            f"{len(places)} locations; vraagwijzer keeps one place per service: "
            "export one service per location",
        )
    if not places:
        return
    path, place = places[0]
    location = place.get("location")
    if not isinstance(location, dict):
        draft.problem(f"{path}.location", "the location must be nested as an object")
        return
    addresses = draft.objects(location, "addresses", f"{path}.location.addresses")
    physical = [a for a in addresses if a[1].get("address_type") == "physical"]
    if not addresses:
        draft.problem(f"{path}.location.addresses", "a location needs its street address")
        return
    where, address = (physical or addresses)[0]
    country = address.get("country")
    if country is not None and (not isinstance(country, str) or country.upper() != "NL"):
        draft.problem(f"{where}.country", f"{country!r}: only addresses in the Netherlands (NL)")
    draft.take(location, "name", ("location", "name"), f"{path}.location.name")
    draft.take(address, "address_1", ("location", "address"), f"{where}.address_1")
    draft.take(address, "postal_code", ("location", "postcode"), f"{where}.postal_code")
    draft.take(address, "city", ("location", "city"), f"{where}.city")
    draft.data.setdefault("location", {})
    first_line, second_line = address.get("address_1"), address.get("address_2")
    if isinstance(first_line, str) and isinstance(second_line, str) and second_line.strip():
        draft.data["location"]["address"] = f"{first_line}, {second_line.strip()}"
    for term in draft.terms(place, f"{path}."):
        if term.taxonomy == FIELDS and term.code == "walk_in":
            draft.data["location"]["walk_in"] = term.value
            draft.origin[("location", "walk_in")] = f"{term.path}.value"


def _read_schedules(draft: _Draft, item: Json) -> None:
    schedules = draft.objects(item, "schedules", "schedules")
    places = item.get("service_at_locations")
    if not schedules and isinstance(places, list) and places and isinstance(places[0], dict):
        # Some producers only give hours per location.
        schedules = draft.objects(places[0], "schedules", "service_at_locations.0.schedules")
    openings: list[Json] = draft.data.setdefault("schedule", [])
    draft.origin[("schedule",)] = "schedules"
    notes = []
    for path, schedule in schedules:
        byday, opens, closes = (schedule.get(k) for k in ("byday", "opens_at", "closes_at"))
        if byday is None and opens is None and closes is None:
            text = schedule.get("description")
            if isinstance(text, str) and text.strip():
                notes.append(text.strip())
            continue
        freq, interval = schedule.get("freq"), schedule.get("interval")
        if freq not in (None, "WEEKLY") or interval not in (None, 1):
            draft.problem(path, "only weekly opening hours can be imported")
            continue
        days = byday.upper().replace(" ", "").split(",") if isinstance(byday, str) else []
        if not days or any(d not in HSDS_DAYS for d in days):
            draft.problem(f"{path}.byday", f"{byday!r} is not a list of days like MO,TU")
            continue
        opens_at = _clock(draft, opens, f"{path}.opens_at")
        closes_at = _clock(draft, closes, f"{path}.closes_at")
        if opens_at is None or closes_at is None:
            continue
        for day in days:
            n = len(openings)
            openings.append(
                {"day": DAYS[HSDS_DAYS.index(day)], "opens": opens_at, "closes": closes_at}
            )
            draft.origin[("schedule", n)] = path
            draft.origin[("schedule", n, "day")] = f"{path}.byday"
    if notes and "schedule_note" not in draft.data:
        draft.data["schedule_note"] = " ".join(notes)


def _clock(draft: _Draft, value: object, path: str) -> str | None:
    """HH:MM from an HSDS time; seconds and offsets are dropped (hours are local)."""
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        draft.problem(path, f"{value!r} is not a time" if value is not None else "missing")
        return None
    return f"{int(match[1]):02d}:{match[2]}"


def _assign_slugs(drafts: list[_Draft]) -> None:
    """Each record's slug: its own vraagwijzer id, else one made from its name."""
    taken: dict[str, _Draft] = {}
    for draft in drafts:
        if draft.explicit_slug is not None:
            draft.slug = draft.explicit_slug
            first = taken.setdefault(draft.slug, draft)
            if first is not draft:
                draft.problem(
                    draft.where(("id",)), f"{draft.slug!r} is also the id in {first.label}"
                )
    for draft in drafts:
        if draft.explicit_slug is None:
            base = _slugify(draft.slug_source)
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base[:75]}-{n}"
            draft.slug = slug
            taken[slug] = draft
        draft.data["id"] = draft.slug


def _slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].rstrip("-")
    return slug or "x"


def _first_sentence(text: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    if len(sentence) <= 200:
        return sentence
    return sentence[:199].rsplit(" ", 1)[0] + "…"
