"""Open Referral HSDS 3.0: the export is valid HSDS, reads back without loss, and a broken
or foreign document is reported with where each problem is."""

from __future__ import annotations

import copy
import json
import uuid
from decimal import Decimal

import pytest

from knowledge_base.hsds import FIELDS, SERVICE_TYPES, from_hsds, to_hsds, validate_hsds
from knowledge_base.io import DEMO_DIR, read_bundle
from knowledge_base.schema import Bundle


@pytest.fixture(scope="module")
def demo() -> Bundle:
    return read_bundle(DEMO_DIR)


@pytest.fixture(scope="module")
def exported(demo):
    # Through JSON text, as a consumer gets it.
    return json.loads(json.dumps(to_hsds(demo, municipality="Lindenhaven")))


def by_slug(records, slug):
    for record in records:
        for attribute in record["attributes"]:
            term = attribute["taxonomy_term"]
            if term["taxonomy"] == FIELDS and term["code"] == "id" and attribute["value"] == slug:
                return record
    raise LookupError(slug)


def terms(record, taxonomy):
    return [
        (a["taxonomy_term"]["code"], a.get("value"))
        for a in record["attributes"]
        if a["taxonomy_term"]["taxonomy"] == taxonomy
    ]


def test_the_demo_catalogue_is_valid_hsds(demo, exported):
    assert len(exported) == len(demo.services)
    assert validate_hsds(exported) == []


def test_an_export_reads_back_into_the_same_bundle(demo, exported):
    bundle, problems = from_hsds(exported)
    assert problems == []
    assert bundle is not None
    assert [s.model_dump() for s in bundle.services] == [s.model_dump() for s in demo.services]
    assert bundle.services == demo.services

    def key(o):
        return o.id

    assert sorted(bundle.organizations, key=key) == sorted(demo.organizations, key=key)
    assert bundle.faqs == []


def test_ids_are_stable_uuids_and_keep_the_slug(demo, exported):
    again = to_hsds(demo, municipality="Lindenhaven")
    assert [r["id"] for r in again] == [r["id"] for r in exported]
    assert again == exported
    for record in exported:
        assert uuid.UUID(record["id"]).version == 5
    service = demo.services[0]
    assert terms(exported[0], FIELDS)[0] == ("id", service.id)


def test_fields_map_onto_hsds(demo, exported):
    service = next(s for s in demo.services if s.cost.amount is not None and s.location)
    record = by_slug(exported, service.id)
    assert record["status"] == "active"
    assert record["name"] == service.name
    assert record["organization"]["name"] == next(
        o.name for o in demo.organizations if o.id == service.organization
    )
    (option,) = record["cost_options"]
    assert (Decimal(str(option["amount"])), option["currency"]) == (service.cost.amount, "EUR")
    assert option["amount_description"] == service.cost.unit
    assert record["schedules"][0]["freq"] == "WEEKLY"
    (place,) = record["service_at_locations"]
    (address,) = place["location"]["addresses"]
    assert (address["postal_code"], address["country"], address["address_type"]) == (
        service.location.postcode,
        "NL",
        "physical",
    )
    assert [c for c, _ in terms(record, SERVICE_TYPES)] == service.service_types
    assert ("reviewed_by", service.reviewed_by) in terms(record, FIELDS)
    assert "assurer_email" not in record  # a name, not an e-mail address
    assert {lang["code"] for lang in record["languages"]} == set(service.languages)


def test_a_whole_municipality_service_has_the_municipality_as_area(demo, exported):
    service = next(s for s in demo.services if not s.districts)
    (area,) = by_slug(exported, service.id)["service_areas"]
    assert area["name"] == "Lindenhaven"
    district_service = next(s for s in demo.services if s.districts)
    areas = by_slug(exported, district_service.id)["service_areas"]
    assert [a["name"] for a in areas] == district_service.districts


def hsds_id(name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://sociale-kaart.example/{name}"))


def foreign_service():
    """A service as another producer writes it: no vraagwijzer attributes but the type."""
    return {
        "id": hsds_id("taalcafe"),
        "name": "Taalcafé Noord",
        "description": "Oefen Nederlands praten met vrijwilligers. Elke week een ander onderwerp.",
        "status": "active",
        "eligibility_description": "Iedereen die Nederlands wil oefenen.",
        "application_process": "Kom gewoon langs.",
        "fees_description": "Gratis",
        "organization": {
            "id": hsds_id("bieb"),
            "name": "Bibliotheek Noord",
            "description": "De bibliotheek in Noord.",
        },
        "phones": [
            {"id": hsds_id("phone"), "number": "0344 12 34 56"},
            {"id": hsds_id("fax"), "number": "0344 65 43 21", "type": "fax"},
        ],
        "attributes": [
            {
                "id": hsds_id("type"),
                "taxonomy_term": {
                    "id": hsds_id("term-taalhuis"),
                    "code": "taalhuis",
                    "name": "Taalhuis",
                    "description": "Taalhuis",
                    "taxonomy": SERVICE_TYPES,
                },
            },
            {
                "id": hsds_id("openeligibility"),
                "taxonomy_term": {
                    "id": hsds_id("term-language"),
                    "code": "language-tutoring",
                    "name": "Language tutoring",
                    "description": "",
                    "taxonomy": "Open Eligibility",
                },
            },
        ],
        "schedules": [
            {
                "id": hsds_id("schedule"),
                "freq": "WEEKLY",
                "byday": "MO,WE",
                "opens_at": "10:00:00+01:00",
                "closes_at": "12:00",
            }
        ],
        "service_at_locations": [
            {
                "id": hsds_id("sal"),
                "location": {
                    "id": hsds_id("location"),
                    "location_type": "physical",
                    "name": "Bibliotheek Noord",
                    "addresses": [
                        {
                            "id": hsds_id("address"),
                            "address_1": "Marktstraat 1",
                            "city": "Lindenhaven",
                            "state_province": "Gelderland",
                            "postal_code": "4101ab",
                            "country": "NL",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "languages": [{"id": hsds_id("nl"), "name": "Dutch", "code": "nl"}],
    }


def test_a_foreign_service_imports():
    assert validate_hsds([foreign_service()]) == []
    bundle, problems = from_hsds([foreign_service()])
    assert problems == []
    assert bundle is not None
    (service,) = bundle.services
    (organization,) = bundle.organizations
    assert (service.id, organization.id) == ("taalcafe-noord", "bibliotheek-noord")
    assert service.organization == "bibliotheek-noord"
    assert (service.service_types, service.access, service.domains) == (["taalhuis"], "open", None)
    assert service.summary == "Oefen Nederlands praten met vrijwilligers."
    assert (service.cost.kind, service.cost.note) == ("free", "Gratis")
    assert [(o.day, o.opens, o.closes) for o in service.schedule] == [
        ("monday", "10:00", "12:00"),
        ("wednesday", "10:00", "12:00"),
    ]
    assert service.location is not None
    assert service.location.postcode == "4101 AB"
    assert service.contact.phone == "0344 12 34 56"


def test_an_hsds_api_page_imports():
    page = {"total_items": 1, "contents": [foreign_service()]}
    bundle, problems = from_hsds(page)
    assert problems == []
    assert bundle is not None


def test_foreign_names_that_collide_get_distinct_ids():
    second = foreign_service()
    second["id"] = hsds_id("taalcafe-2")
    bundle, problems = from_hsds([foreign_service(), second])
    assert problems == []
    assert bundle is not None
    assert [s.id for s in bundle.services] == ["taalcafe-noord", "taalcafe-noord-2"]
    assert len(bundle.organizations) == 1


def broken(change):
    record = foreign_service()
    change(record)
    return [record]


def address(record):
    return record["service_at_locations"][0]["location"]["addresses"][0]


LABEL = 'item 0 (service "Taalcafé Noord"): '


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("services", "expected a JSON array of HSDS service records, got a string"),
        ({"services": []}, "expected a JSON array of HSDS service records, got an object"),
        ([42], "item 0: expected an HSDS service object, got int"),
        (broken(lambda r: r.pop("name")), "item 0: name: Field required"),
        (
            broken(lambda r: r.update(name=123)),
            "item 0: name: Input should be a valid string, got 123",
        ),
        (
            broken(lambda r: r.update(description=["Oefen"])),
            LABEL + "description: Input should be a valid string, got ['Oefen']",
        ),
        (
            broken(lambda r: address(r).update(postal_code="1234")),
            LABEL + "service_at_locations.0.location.addresses.0.postal_code: "
            "'1234' is not a Dutch postcode like 4101 AB",
        ),
        (
            broken(lambda r: r["schedules"][0].update(opens_at="14:00")),
            LABEL + "schedules.0: opens at 14:00 but closes at 12:00",
        ),
        (
            broken(lambda r: r["schedules"][0].update(opens_at="25:00")),
            LABEL + "schedules.0.opens_at: '25:00' is not a time",
        ),
        (
            broken(lambda r: r["schedules"][0].update(byday="maandag")),
            LABEL + "schedules.0.byday: 'maandag' is not a list of days like MO,TU",
        ),
        (
            broken(lambda r: r["attributes"][0]["taxonomy_term"].update(code="toverdienst")),
            LABEL + "attributes.0.taxonomy_term.code: unknown service type toverdienst",
        ),
        (
            broken(lambda r: r.update(attributes=[])),
            LABEL + "attributes: no service type",
        ),
        (
            broken(lambda r: r.pop("organization")),
            LABEL + "organization: missing",
        ),
        (
            broken(lambda r: r.update(schedules="ma-vr")),
            LABEL + "schedules: expected a list, got a string",
        ),
        (
            broken(lambda r: r.pop("fees_description")),
            LABEL + "fees_description: no cost information",
        ),
        (
            broken(
                lambda r: r.update(
                    cost_options=[{"id": hsds_id("c"), "amount": 5, "currency": "GBP"}]
                )
            ),
            LABEL + "cost_options.0.currency: 'GBP': only amounts in EUR",
        ),
        (
            broken(lambda r: r["service_at_locations"].append(r["service_at_locations"][0])),
            LABEL + "service_at_locations: 2 locations",
        ),
        (
            [foreign_service(), foreign_service()],
            'item 1 (service "Taalcafé Noord"): id: '
            f"'{hsds_id('taalcafe')}' is also the id of item 0",
        ),
    ],
)
def test_broken_documents_give_located_problems_and_no_bundle(document, expected):
    bundle, problems = from_hsds(document)
    assert bundle is None
    assert any(p.startswith(expected) for p in problems), problems


def test_a_missing_field_is_reported_once(exported):
    record = copy.deepcopy(exported[0])
    del record["eligibility_description"]
    record["schedules"][0]["closes_at"] = "07:00"
    _, problems = from_hsds([record])
    label = f'item 0 (service "{record["name"]}")'
    assert problems == [
        f"{label}: eligibility_description: Field required",
        f"{label}: schedules.0: opens at 08:30 but closes at 07:00",
    ]


def test_duplicate_vraagwijzer_ids_are_located(exported):
    first, second = copy.deepcopy(exported[:2])
    second["attributes"] = [
        a
        if not (a["taxonomy_term"]["taxonomy"] == FIELDS and a["taxonomy_term"]["code"] == "id")
        else {**a, "value": by_value(first, "id")}
        for a in second["attributes"]
    ]
    _, problems = from_hsds([first, second])
    assert len(problems) == 1
    assert problems[0].startswith(f'item 1 (service "{second["name"]}"): attributes.')
    assert problems[0].endswith(
        f"'{by_value(first, 'id')}' is also the id in item 0 (service \"{first['name']}\")"
    )


def by_value(record, code):
    return dict(terms(record, FIELDS))[code]


def test_domains_the_editors_chose_survive(demo):
    original = demo.services[0]
    chosen = ["social"] if "social" not in original.resolved_domains() else ["money"]
    service = original.model_copy(update={"domains": chosen})
    bundle = Bundle(organizations=demo.organizations, services=[service])
    back, problems = from_hsds(json.loads(json.dumps(to_hsds(bundle))))
    assert problems == []
    assert back is not None
    assert back.services[0].domains == chosen


def test_validation_catches_an_invalid_document(exported):
    record = copy.deepcopy(exported[0])
    record["id"] = "wijkteam-centrum"
    del record["status"]
    record["schedules"][0]["freq"] = "DAILY"
    problems = validate_hsds([record, exported[0]])
    label = f'item 0 (service "{record["name"]}")'
    assert f"{label}: id: 'wijkteam-centrum' is not a 'uuid'" in problems
    assert f"{label}: (record): 'status' is a required property" in problems
    assert any(p.startswith(f"{label}: schedules.0.freq: 'DAILY' is not one of") for p in problems)
    assert validate_hsds([exported[0], exported[0]])[-1].endswith("is also the id of item 0")
    assert validate_hsds({"contents": []}) == [
        "expected a JSON array of HSDS service records, got an object"
    ]
