"""Between the import schema, the database rows and the public value types."""

from __future__ import annotations

from datetime import datetime, time

from knowledge_base.models import Faq, Organization, Service
from knowledge_base.schema import FaqIn, OrganizationIn, ServiceIn
from knowledge_base.spec import service_types
from knowledge_base.types import (
    Access,
    Cost,
    CostKind,
    FaqEntry,
    Localized,
    Opening,
    Place,
    Provision,
)


def service_row(item: ServiceIn, *, now: datetime) -> Service:
    types = service_types()
    type_names = [name for t in item.service_types for name in (types[t].nl, types[t].en)]
    search_text = "\n".join(
        part
        for part in (
            item.name,
            *type_names,
            *item.keywords,
            item.summary,
            item.summary_en,
            item.description,
            item.description_en,
            item.audience,
            item.audience_en,
        )
        if part
    )
    return Service(
        id=item.id,
        name=item.name,
        organization_id=item.organization,
        service_types=list(item.service_types),
        domains=item.resolved_domains(),
        access=item.access.value,
        summary=item.summary,
        summary_en=item.summary_en,
        description=item.description,
        description_en=item.description_en,
        audience=item.audience,
        audience_en=item.audience_en,
        eligibility=item.eligibility.model_dump(exclude_defaults=True),
        cost_kind=item.cost.kind.value,
        cost_amount=item.cost.amount,
        cost_unit=item.cost.unit,
        cost_unit_en=item.cost.unit_en,
        cost_note=item.cost.note,
        cost_note_en=item.cost.note_en,
        how_to_apply=item.how_to_apply,
        how_to_apply_en=item.how_to_apply_en,
        phone=item.contact.phone,
        email=item.contact.email,
        website=item.contact.website,
        location=item.location.model_dump() if item.location else None,
        districts=list(item.districts),
        schedule=[o.model_dump() for o in item.schedule],
        schedule_note=item.schedule_note,
        schedule_note_en=item.schedule_note_en,
        languages=list(item.languages),
        keywords=list(item.keywords),
        last_reviewed=item.last_reviewed,
        reviewed_by=item.reviewed_by,
        search_text=search_text,
        updated_at=now,
    )


def _loc(nl: str | None, en: str | None) -> Localized | None:
    return Localized(nl, en) if nl else None


def provision(row: Service, organization: str) -> Provision:
    location = row.location or None
    return Provision(
        id=row.id,
        name=row.name,
        organization=organization,
        service_types=tuple(row.service_types),
        domains=tuple(row.domains),
        access=Access(row.access),
        summary=Localized(row.summary, row.summary_en),
        description=Localized(row.description, row.description_en),
        audience=Localized(row.audience, row.audience_en),
        cost=Cost(
            kind=CostKind(row.cost_kind),
            amount=row.cost_amount,
            unit=_loc(row.cost_unit, row.cost_unit_en),
            note=_loc(row.cost_note, row.cost_note_en),
        ),
        how_to_apply=Localized(row.how_to_apply, row.how_to_apply_en),
        phone=row.phone,
        email=row.email,
        website=row.website,
        place=Place(
            name=location.get("name"),
            address=location["address"],
            postcode=location["postcode"],
            city=location["city"],
            walk_in=bool(location.get("walk_in")),
        )
        if location
        else None,
        district_ids=tuple(row.districts),
        schedule=tuple(
            Opening(
                weekday=_DAYS.index(o["day"]),
                opens=time.fromisoformat(o["opens"]),
                closes=time.fromisoformat(o["closes"]),
            )
            for o in row.schedule
        ),
        schedule_note=_loc(row.schedule_note, row.schedule_note_en),
        languages=tuple(row.languages),
        last_reviewed=row.last_reviewed,
    )


_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def faq_row(item: FaqIn, *, now: datetime) -> Faq:
    search_text = "\n".join(
        p
        for p in (item.question, item.question_en, *item.keywords, item.answer, item.answer_en)
        if p
    )
    return Faq(
        id=item.id,
        question=item.question,
        question_en=item.question_en,
        answer=item.answer,
        answer_en=item.answer_en,
        domains=list(item.domains),
        keywords=list(item.keywords),
        last_reviewed=item.last_reviewed,
        search_text=search_text,
        updated_at=now,
    )


def faq_entry(row: Faq) -> FaqEntry:
    return FaqEntry(
        id=row.id,
        question=Localized(row.question, row.question_en),
        answer=Localized(row.answer, row.answer_en),
        domains=tuple(row.domains),
    )


def organization_in(row: Organization) -> OrganizationIn:
    return OrganizationIn(
        id=row.id,
        name=row.name,
        description=row.description,
        website=row.website,
        email=row.email,
        phone=row.phone,
    )


def service_in(row: Service) -> ServiceIn:
    """The editable form of a stored provision: what an export writes and an editor sees."""
    return ServiceIn.model_validate(
        {
            "id": row.id,
            "name": row.name,
            "organization": row.organization_id,
            "service_types": list(row.service_types),
            "domains": list(row.domains),
            "access": row.access,
            "summary": row.summary,
            "summary_en": row.summary_en,
            "description": row.description,
            "description_en": row.description_en,
            "audience": row.audience,
            "audience_en": row.audience_en,
            "eligibility": row.eligibility or {},
            "cost": {
                "kind": row.cost_kind,
                "amount": row.cost_amount,
                "unit": row.cost_unit,
                "unit_en": row.cost_unit_en,
                "note": row.cost_note,
                "note_en": row.cost_note_en,
            },
            "how_to_apply": row.how_to_apply,
            "how_to_apply_en": row.how_to_apply_en,
            "contact": {"phone": row.phone, "email": row.email, "website": row.website},
            "location": row.location,
            "districts": list(row.districts),
            "schedule": list(row.schedule),
            "schedule_note": row.schedule_note,
            "schedule_note_en": row.schedule_note_en,
            "languages": list(row.languages),
            "keywords": list(row.keywords),
            "last_reviewed": row.last_reviewed,
            "reviewed_by": row.reviewed_by,
        }
    )


def faq_in(row: Faq) -> FaqIn:
    return FaqIn(
        id=row.id,
        question=row.question,
        question_en=row.question_en,
        answer=row.answer,
        answer_en=row.answer_en,
        domains=list(row.domains),
        keywords=list(row.keywords),
        last_reviewed=row.last_reviewed,
    )


def apply_service(row: Service, item: ServiceIn, *, now: datetime) -> None:
    """Copy an edited provision onto its stored row (the id stays)."""
    fresh = service_row(item, now=now)
    for column in Service.__table__.columns:
        if column.key not in {"id", "retired", "version"}:
            setattr(row, column.key, getattr(fresh, column.key))


def apply_faq(row: Faq, item: FaqIn, *, now: datetime) -> None:
    fresh = faq_row(item, now=now)
    for column in Faq.__table__.columns:
        if column.key != "id":
            setattr(row, column.key, getattr(fresh, column.key))
