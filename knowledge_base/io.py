"""Reading catalogue files, reporting every problem with where it is.

Nothing is written by reading: the caller imports a Bundle only when there are no
problems at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge_base.schema import Bundle, FaqIn, OrganizationIn, ServiceIn

DEMO_DIR = Path(__file__).parent / "data" / "demo"
# libyaml when it is there: ten times faster on a large catalogue.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SECTIONS: dict[str, type[OrganizationIn] | type[ServiceIn] | type[FaqIn]] = {
    "organizations": OrganizationIn,
    "services": ServiceIn,
    "faqs": FaqIn,
}


@dataclass
class ReadResult:
    bundle: Bundle | None
    problems: list[str] = field(default_factory=list)


class CatalogueFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s): " + "; ".join(problems[:5]))
        self.problems = problems


def read_bundle(path: Path) -> Bundle:
    """A Bundle from a YAML file or a folder of them; raises with every problem found."""
    result = read_yaml(path)
    if result.problems or result.bundle is None:
        raise CatalogueFileError(result.problems)
    return result.bundle


def read_yaml(path: Path) -> ReadResult:
    files = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")) if path.is_dir() else [path]
    problems: list[str] = []
    items: dict[str, list[Any]] = {name: [] for name in SECTIONS}
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
            root = yaml.compose(text, Loader=_Loader)
            document = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
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
        for key_node, value_node in root.value:
            section = key_node.value
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
            for node, data in zip(value_node.value, document[section], strict=True):
                line = node.start_mark.line + 1
                try:
                    items[section].append(model.model_validate(data))
                except ValidationError as exc:
                    ident = data.get("id", "?") if isinstance(data, dict) else "?"
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
    return ReadResult(bundle, bundle.problems())
