"""Reading and writing catalogue files: YAML, CSV and HSDS 3.0 JSON.

Reading reports every problem with where it is (file and line, or row and column) and
never writes: the caller imports a Bundle only when there are no problems at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge_base import spreadsheet
from knowledge_base.schema import Bundle, FaqIn, OrganizationIn, ServiceIn

DEMO_DIR = Path(__file__).parent / "data" / "demo"
# libyaml when it is there: ten times faster on a large catalogue.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SECTIONS: dict[str, type[OrganizationIn] | type[ServiceIn] | type[FaqIn]] = {
    "organizations": OrganizationIn,
    "services": ServiceIn,
    "faqs": FaqIn,
}


# Far above any municipality's catalogue (20,000 provisions as CSV is about 25 MB), low
# enough that a wrong file does not exhaust the server's memory.
MAX_FILE_BYTES = 40 * 1024 * 1024
# Past this many, a list of problems stops helping; the count still says how bad it is.
MAX_PROBLEMS = 200


class FileFormat(StrEnum):
    CSV = "csv"
    YAML = "yaml"
    HSDS = "hsds"


@dataclass
class ReadResult:
    bundle: Bundle | None
    problems: list[str] = field(default_factory=list)
    # Things worth knowing that are not problems ("read as Windows-1252").
    notes: list[str] = field(default_factory=list)


def guess_format(path: Path) -> FileFormat:
    """The format by the file name: .csv, .yaml/.yml (or a folder of them), .json (HSDS)."""
    if path.is_dir():
        return FileFormat.YAML
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return FileFormat.CSV
    if suffix in {".yaml", ".yml"}:
        return FileFormat.YAML
    if suffix == ".json":
        return FileFormat.HSDS
    raise ValueError(f"cannot tell the format of {path.name}: name it .csv, .yaml or .json")


def read_file(
    path: Path, *, file_format: FileFormat | None = None, max_bytes: int = MAX_FILE_BYTES
) -> ReadResult:
    """A Bundle from a catalogue file in any supported format, or every problem in it."""
    try:
        file_format = file_format or guess_format(path)
        size = (
            sum(f.stat().st_size for f in path.iterdir() if f.is_file())
            if path.is_dir()
            else path.stat().st_size
        )
    except (OSError, ValueError) as exc:
        return ReadResult(None, [f"{path.name}: {exc}"])
    if size > max_bytes:
        return ReadResult(
            None,
            [
                f"{path.name}: the file is {size / 1_048_576:.1f} MB; the limit is "
                f"{max_bytes / 1_048_576:.0f} MB. Split it, or leave out what is not "
                "catalogue data."
            ],
        )
    if file_format is FileFormat.YAML:
        result = read_yaml(path)
    elif file_format is FileFormat.CSV:
        result = _read_csv(path)
    else:
        result = _read_hsds(path)
    if len(result.problems) > MAX_PROBLEMS:
        extra = len(result.problems) - MAX_PROBLEMS
        result.problems = [*result.problems[:MAX_PROBLEMS], f"... and {extra} more problem(s)"]
    return result


def _read_csv(path: Path) -> ReadResult:
    try:
        text, encoding = spreadsheet.decode(path.read_bytes())
    except ValueError as exc:
        return ReadResult(None, [f"{path.name}: {exc}"])
    bundle, problems = spreadsheet.read_csv(text)
    notes = []
    if encoding != "UTF-8":
        notes.append(
            f"{path.name} was read as {encoding} (as older Excel versions save it); "
            "check that letters like ë and é came through"
        )
    return ReadResult(bundle, problems, notes)


def _read_hsds(path: Path) -> ReadResult:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        return ReadResult(None, [f"{path.name}: not UTF-8 text (JSON is always UTF-8)"])
    except json.JSONDecodeError as exc:
        return ReadResult(
            None, [f"{path.name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}"]
        )
    from knowledge_base import hsds  # jsonschema and the HSDS schemas: only when needed

    bundle, problems = hsds.from_hsds(data)
    notes = [f"{path.name}: HSDS has no FAQ entries; the catalogue's FAQ entries stay as they are"]
    return ReadResult(bundle, [f"{path.name}: {p}" for p in problems], notes)


def write_file(
    bundle: Bundle,
    path: Path,
    *,
    file_format: FileFormat | None = None,
    municipality: str | None = None,
) -> list[Path]:
    """Write the catalogue; returns the files written (CSV puts FAQ entries in a second file).

    An HSDS export is checked against the HSDS 3.0 schemas before anything is written.
    """
    file_format = file_format or guess_format(path)
    if file_format is FileFormat.YAML:
        path.write_text(dump_yaml(bundle), encoding="utf-8")
        return [path]
    if file_format is FileFormat.HSDS:
        from knowledge_base import hsds

        data = hsds.to_hsds(bundle, municipality=municipality)
        problems = hsds.validate_hsds(data)
        if problems:
            raise ValueError(
                "the HSDS export does not fit the HSDS 3.0 schema: " + "; ".join(problems[:5])
            )
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return [path]
    faq_path = path.with_name(f"{path.stem}-faqs{path.suffix or '.csv'}")
    # The byte order mark makes Excel open the file as UTF-8 instead of guessing.
    path.write_text(spreadsheet.write_csv(bundle), encoding="utf-8-sig", newline="")
    faq_path.write_text(spreadsheet.write_faq_csv(bundle), encoding="utf-8-sig", newline="")
    return [path, faq_path]


def dump_yaml(bundle: Bundle) -> str:
    """The catalogue as YAML an editor can read: no empty fields, Dutch text as it is."""
    data = bundle.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return yaml.safe_dump(
        {key: data.get(key, []) for key in SECTIONS},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )


class CatalogueFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s): " + "; ".join(problems[:5]))
        self.problems = problems


def read_bundle(path: Path) -> Bundle:
    """A Bundle from a YAML file or a folder of them; raises with every problem found."""
    result = read_yaml(path)
    if result.problems or result.bundle is None:
        raise CatalogueFileError(result.problems)
    if problems := result.bundle.problems():
        raise CatalogueFileError(problems)
    return result.bundle


def _construct(node: yaml.Node) -> Any:
    """One entry's data from its node (a safe loader: plain data only)."""
    loader = _Loader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def read_yaml(path: Path) -> ReadResult:
    files = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")) if path.is_dir() else [path]
    problems: list[str] = []
    items: dict[str, list[Any]] = {name: [] for name in SECTIONS}
    first_seen: dict[tuple[str, str], str] = {}
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
            root = yaml.compose(text, Loader=_Loader)
        except UnicodeDecodeError:
            problems.append(f"{file.name}: not UTF-8 text")
            continue
        except yaml.YAMLError as exc:
            problems.append(f"{file.name}: not valid YAML: {exc}".replace("\n", " "))
            continue
        if root is None:
            continue
        if not isinstance(root, yaml.MappingNode):
            problems.append(f"{file.name}: expected sections {', '.join(SECTIONS)}")
            continue
        sections_seen: set[str] = set()
        for key_node, value_node in root.value:
            section = key_node.value
            if section in sections_seen:
                problems.append(
                    f"{file.name}:{key_node.start_mark.line + 1}: section {section!r} "
                    "appears twice; put all its entries under one heading"
                )
                continue
            sections_seen.add(section)
            if section not in SECTIONS:
                problems.append(
                    f"{file.name}:{key_node.start_mark.line + 1}: unknown section {section!r}"
                )
                continue
            if not isinstance(value_node, yaml.SequenceNode):
                problems.append(
                    f"{file.name}:{value_node.start_mark.line + 1}: {section} must be a list"
                )
                continue
            model = SECTIONS[section]
            for node in value_node.value:
                data = _construct(node)
                line = node.start_mark.line + 1
                ident = data.get("id", "?") if isinstance(data, dict) else "?"
                key = (section, str(ident))
                if key in first_seen:
                    problems.append(
                        f"{file.name}:{line}: {section[:-1]} {ident}: duplicate id, "
                        f"first at {first_seen[key]}"
                    )
                    continue
                first_seen[key] = f"{file.name}:{line}"
                try:
                    items[section].append(model.model_validate(data))
                except ValidationError as exc:
                    for err in exc.errors():
                        where = ".".join(str(p) for p in err["loc"])
                        problems.append(
                            f"{file.name}:{line}: {section[:-1]} {ident}: {where}: {err['msg']}"
                        )
    if problems:
        return ReadResult(None, problems)
    bundle = Bundle.model_construct(
        organizations=items["organizations"], services=items["services"], faqs=items["faqs"]
    )
    # Organisations are checked on import, against the file and the catalogue together.
    return ReadResult(bundle, [])
