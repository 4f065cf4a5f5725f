"""Reading and writing catalogue files: YAML, CSV and HSDS 3.0 JSON.

Reading reports every problem with where it is (file and line, or row and column) and
never writes: the caller imports a Bundle only when there are no problems at all. A file
is untrusted input: whatever it holds ends as a listed problem, never as a traceback, and
reading it costs time in proportion to its size (no YAML aliases, no nesting past
MAX_DEPTH, no YAML tags).
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.constructor import ConstructorError, SafeConstructor

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
# Levels of lists and mappings in one document. Far more than a catalogue needs (a YAML
# provision's opening hours are five levels down, an HSDS 3.0 record's deepest field
# eight), and few enough that nothing after reading (the YAML constructor, pydantic,
# jsonschema) recurses anywhere near Python's stack limit.
MAX_DEPTH = 64
_TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels; no catalogue needs that many"


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
    raw = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        return ReadResult(
            None, [f"{path.name}:{line}:{column}: not UTF-8 text (JSON is always UTF-8)"]
        )
    # Before json.loads: it recurses once per level and ends in RecursionError.
    if (offset := _json_too_deep(text)) is not None:
        return ReadResult(None, [f"{path.name}:{_json_place(text, offset)}: {_TOO_DEEP}"])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadResult(
            None, [f"{path.name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}"]
        )
    except ValueError as exc:
        # The one other ValueError: Python converts at most sys.get_int_max_str_digits()
        # digits to an int, and json.loads does not say where the number was.
        if (number := _json_long_number(text)) is None:
            return ReadResult(None, [f"{path.name}: not valid JSON: {exc}"])
        place = _json_place(text, number.start())
        problem = _long_number(len(number.group(1)))
        return ReadResult(None, [f"{path.name}:{place}: not valid JSON: {problem}"])
    from knowledge_base import hsds  # jsonschema and the HSDS schemas: only when needed

    bundle, problems = hsds.from_hsds(data)
    notes = [f"{path.name}: HSDS has no FAQ entries; the catalogue's FAQ entries stay as they are"]
    return ReadResult(bundle, [f"{path.name}: {p}" for p in problems], notes)


def _long_number(digits: int) -> str:
    """The problem with an integer Python refuses to convert (a guard against slow ints)."""
    return (
        f"a whole number of {digits:,} digits; at most {sys.get_int_max_str_digits():,} can be read"
    )


# A JSON string, or an unterminated one up to the end of the text. Each alternative starts
# on a different character, so a match never backtracks and a scan stays linear.
_JSON_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"?'
_JSON_BRACKETS = re.compile(_JSON_STRING + r"|[][{}]", re.DOTALL)
_JSON_NUMBERS = re.compile(_JSON_STRING + r"|-?(\d+)(\.\d+)?([eE][+-]?\d+)?", re.DOTALL)


def _json_too_deep(text: str) -> int | None:
    """The offset of the first bracket that opens level MAX_DEPTH + 1, or None.

    Linear and without recursion: strings are skipped whole (so brackets in text do not
    count) and only brackets are looked at. On text that is not JSON the answer is only
    right up to the first error, which is as far as json.loads reads.
    """
    depth = 0
    for match in _JSON_BRACKETS.finditer(text):
        char = text[match.start()]
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif char in "]}":
            depth -= 1
    return None


def _json_long_number(text: str) -> re.Match[str] | None:
    """The first integer too long for Python to convert (its digits are group 1), or None."""
    limit = sys.get_int_max_str_digits()
    for match in _JSON_NUMBERS.finditer(text):
        digits, fraction, exponent = match.groups()
        if digits and not fraction and not exponent and len(digits) > limit:
            return match
    return None


def _json_place(text: str, offset: int) -> str:
    """``line:column`` of an offset, both from 1, as json.JSONDecodeError counts them."""
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return f"{line}:{column}"


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


def _at(name: str, mark: Any) -> str:
    """``file:line`` for a YAML mark (the parsers always set one; ``file`` if not)."""
    return f"{name}:{mark.line + 1}" if mark is not None else name


def _yaml_structure_problems(name: str, text: str) -> list[str]:
    """Every anchor, alias and tag in the text, and nesting past MAX_DEPTH, each at its line.

    Checked on the parser's events, before anything is composed or constructed: nested
    aliases a kilobyte long unfold to billions of values for whatever walks the result,
    and a tag chooses what gets constructed. One pass without recursion, in time linear in
    the text; it stops at the first level too deep or past MAX_PROBLEMS problems. The same
    alias used twice on one line is one problem. Raises yaml.YAMLError for text that is not
    YAML at all.
    """
    problems: list[str] = []
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        at = _at(name, event.start_mark)
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            problems.append(
                f"{at}: aliases are not allowed ({sign}{event.anchor}); write it out in full"
            )
        tag = getattr(event, "tag", None)
        # "!" is the tag that only says "do not guess the type": it adds nothing unsafe.
        if tag not in (None, "!"):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(f"{at}: the tag {shown} is not allowed; write the plain value")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(f"{at}: {_TOO_DEEP}")
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if len(problems) > MAX_PROBLEMS:
            break
    return list(dict.fromkeys(problems))


def _yaml_error(name: str, text: str, exc: yaml.YAMLError) -> str:
    """A YAML parser's error on one line, at the line where it is."""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        what = exc.problem or ""
        if exc.context:
            context_line = f" (line {exc.context_mark.line + 1})" if exc.context_mark else ""
            what = f"{exc.context}{context_line}: {what}"
        return f"{_at(name, exc.problem_mark)}: not valid YAML: {what}"
    # The reader stops at the first character it refuses, so that character's first place
    # is the place (its position counts bytes in libyaml but characters in Python).
    if (
        isinstance(exc, yaml.reader.ReaderError)
        and isinstance(exc.character, int)
        and (offset := text.find(chr(exc.character))) >= 0
    ):
        line = text.count("\n", 0, offset) + 1
        return f"{name}:{line}: not valid YAML: {exc.reason} (U+{exc.character:04X}); remove it"
    return f"{name}: not valid YAML: {exc}".replace("\n", " ")


class _Constructor(SafeConstructor):
    """Plain data from nodes that _yaml_structure_problems let through.

    A value Python cannot hold (a date like 2024-02-30, an integer of more digits than
    Python converts) raises ConstructorError at that value's line, not a bare ValueError.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except ValueError as exc:
            if node.tag == "tag:yaml.org,2002:int":
                problem = _long_number(sum(c.isdigit() for c in node.value))
            else:
                problem = f"cannot read {str(node.value)[:40]!r}: {exc}"
            raise ConstructorError(None, None, problem, node.start_mark) from None


def _construct(node: yaml.Node) -> Any:
    """One entry's data from its node; raises ConstructorError (with a mark) if it cannot."""
    return _Constructor().construct_object(node, deep=True)


_NODE_KINDS = {
    yaml.ScalarNode: "a single value",
    yaml.SequenceNode: "a list",
    yaml.MappingNode: "a mapping",
}


def read_yaml(path: Path) -> ReadResult:
    files = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")) if path.is_dir() else [path]
    problems: list[str] = []
    items: dict[str, list[Any]] = {name: [] for name in SECTIONS}
    first_seen: dict[tuple[str, str], str] = {}
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(f"{file.name}: not UTF-8 text")
            continue
        try:
            if found := _yaml_structure_problems(file.name, text):
                problems += found
                continue
            root = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError as exc:
            problems.append(_yaml_error(file.name, text, exc))
            continue
        if root is None:
            continue
        if not isinstance(root, yaml.MappingNode):
            problems.append(
                f"{_at(file.name, root.start_mark)}: expected sections "
                f"{', '.join(SECTIONS)}, found {_NODE_KINDS[type(root)]}"
            )
            continue
        sections_seen: set[str] = set()
        for key_node, value_node in root.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    f"{_at(file.name, key_node.start_mark)}: expected a section name "
                    f"({', '.join(SECTIONS)}), found {_NODE_KINDS[type(key_node)]}"
                )
                continue
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
                try:
                    data = _construct(node)
                except ConstructorError as exc:
                    problems.append(
                        f"{_at(file.name, exc.problem_mark)}: {section[:-1]}: {exc.problem}"
                    )
                    continue
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
