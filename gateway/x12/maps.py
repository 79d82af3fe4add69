"""Load the project's X12 maps (pyx12 format, in schemas/x12) and compile them into ``SetSpec``s.

The map files are read with pyx12's own map loader (so they stay valid pyx12 maps that pyx12's
validator can use too); the loaded tree is then compiled into the frozen records of ``specs``,
which our validator walks much faster than pyx12 does. The folder is ``schemas/x12`` beside the
package, or the one named by ``O2C_X12_MAPS``.

Maps are chosen as pyx12 chooses them, from ``maps.xml``: by ISA12 (icvn), GS08 (vriic) and GS01
(fic); when that finds nothing, by the base version (the first six characters of GS08, e.g.
``004010`` for ``004010X357``) and ST01.
"""

from __future__ import annotations

import os
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gateway.x12.errors import X12Error
from gateway.x12.specs import (
    UNBOUNDED,
    CompositeSpec,
    ElementSpec,
    LoopSpec,
    SegmentSpec,
    SetSpec,
    SyntaxRule,
)


class MapError(X12Error):
    """A map file is missing or cannot be compiled."""


def default_map_folder() -> Path:
    configured = os.environ.get("O2C_X12_MAPS")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "schemas" / "x12"


@dataclass(frozen=True, slots=True)
class MapEntry:
    icvn: str
    vriic: str
    fic: str
    set_id: str
    file: str


def _count(text: str | None) -> int:
    if not text:
        return 1
    text = text.strip()
    if text.startswith(">"):
        return UNBOUNDED
    return int(text)


class MapLibrary:
    """The maps of one folder, compiled on first use and kept (thread-safe)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_map_folder()
        self._entries: list[MapEntry] | None = None
        self._compiled: dict[str, SetSpec] = {}
        self._lock = threading.Lock()

    def entries(self) -> list[MapEntry]:
        if self._entries is None:
            index = self.folder / "maps.xml"
            if not index.is_file():
                raise MapError(f"no maps.xml in {self.folder}")
            root = ET.parse(index).getroot()
            found = []
            for version in root.iter("version"):
                for item in version.iter("map"):
                    if item.get("fic"):
                        found.append(
                            MapEntry(
                                version.get("icvn", ""),
                                item.get("vriic", ""),
                                item.get("fic", ""),
                                item.get("abbr", ""),
                                (item.text or "").strip(),
                            )
                        )
            self._entries = found
        return self._entries

    def find(self, icvn: str, vriic: str, fic: str, set_id: str) -> SetSpec | None:
        """The spec for a set, or None when no map covers it."""
        entries = self.entries()
        chosen = next(
            (
                e
                for e in entries
                if (e.icvn, e.vriic, e.fic, e.set_id) == (icvn, vriic, fic, set_id)
            ),
            None,
        )
        if chosen is None:
            base = vriic[:6]
            chosen = next(
                (e for e in entries if e.vriic == base and e.set_id == set_id),
                None,
            ) or next((e for e in entries if e.vriic[:6] == base and e.set_id == set_id), None)
        if chosen is None:
            return None
        return self.load(chosen.file)

    def load(self, file: str) -> SetSpec:
        with self._lock:
            spec = self._compiled.get(file)
            if spec is None:
                spec = compile_map(self.folder, file)
                self._compiled[file] = spec
            return spec


def compile_map(folder: Path, file: str) -> SetSpec:
    """Load ``file`` from ``folder`` with pyx12's loader and compile its ST loop."""
    import pyx12.map_if
    import pyx12.params

    try:
        root = pyx12.map_if.load_map_file(file, pyx12.params.params(), str(folder))
    except Exception as exc:  # pyx12 raises many kinds; all mean the same here
        raise MapError(f"cannot load X12 map {file}: {exc}") from exc
    st_loop = _find_loop(root, "ST_LOOP")
    if st_loop is None:
        raise MapError(f"X12 map {file} has no ST_LOOP")
    compiled = _compile_loop(st_loop, root)
    tags: set[str] = set()
    _collect_tags(compiled, tags)
    version = file.split(".")[1] if file.count(".") >= 2 else ""
    set_id = str(root.id or compiled.head.tag)
    return SetSpec(set_id, str(root.name or ""), version, compiled, frozenset(tags))


def _nodes(node: Any) -> list[Any]:
    """The children of a pyx12 map node in map order (loops and the root keep a pos_map)."""
    pos_map = getattr(node, "pos_map", None)
    if pos_map:
        return [child for pos in sorted(pos_map) for child in pos_map[pos]]
    return list(node.children or [])


def _find_loop(node: Any, loop_id: str) -> Any:
    for child in _nodes(node):
        if getattr(child, "base_name", "") == "loop":
            if child.id == loop_id:
                return child
            found = _find_loop(child, loop_id)
            if found is not None:
                return found
    return None


def _compile_loop(node: Any, root: Any) -> LoopSpec:
    children = _compile_children(node, root)
    if not children or not isinstance(children[0], SegmentSpec):
        raise MapError(f"loop {node.id} does not begin with a segment")
    return LoopSpec(
        str(node.id),
        str(node.name or ""),
        str(node.usage or "S"),
        _count(node.repeat),
        tuple(children),
    )


def _compile_children(node: Any, root: Any) -> list[SegmentSpec | LoopSpec]:
    """Children in order; a wrapper loop (Heading, Detail, Summary) is only a grouping."""
    children: list[SegmentSpec | LoopSpec] = []
    for child in _nodes(node):
        kind = getattr(child, "base_name", "")
        if kind == "segment":
            children.append(_compile_segment(child, root))
        elif kind == "loop" and getattr(child, "type", None) == "wrapper":
            children.extend(_compile_children(child, root))
        elif kind == "loop":
            children.append(_compile_loop(child, root))
    return children


def _compile_segment(node: Any, root: Any) -> SegmentSpec:
    elements: list[ElementSpec | CompositeSpec] = []
    for child in node.children:
        if child.base_name == "element":
            elements.append(_compile_element(child, root))
        elif child.base_name == "composite":
            components = tuple(_compile_element(c, root) for c in child.children)
            elements.append(
                CompositeSpec(
                    int(child.seq),
                    str(child.data_ele or ""),
                    str(child.name or ""),
                    str(child.usage or "S"),
                    components,
                    int(child.repeat or 1),
                )
            )
    rules = tuple(SyntaxRule(str(rule[0]), tuple(int(p) for p in rule[1:])) for rule in node.syntax)
    return SegmentSpec(
        str(node.id),
        str(node.name or ""),
        str(node.usage or "S"),
        _count(node.max_use),
        tuple(elements),
        rules,
    )


def _compile_element(node: Any, root: Any) -> ElementSpec:
    reference = str(node.data_ele or "")
    try:
        definition = root.data_elements.get_by_elem_num(reference)
    except Exception as exc:
        raise MapError(f"data element {reference} of {node.id} is not defined") from exc
    codes: frozenset[str] | None = None
    if node.valid_codes:
        codes = frozenset(str(c) for c in node.valid_codes)
    elif node.external_codes:
        table = root.ext_codes.codes.get(node.external_codes)
        if table is not None:
            codes = frozenset(str(c) for c in table["codes"])
    return ElementSpec(
        int(node.seq),
        reference,
        str(node.name or definition.get("name") or ""),
        str(node.usage or "S"),
        str(definition.get("data_type") or "AN"),
        int(definition.get("min_len") or 1),
        int(definition.get("max_len") or 1),
        codes,
        _count(node.max_use) if node.max_use else 1,
    )


def _collect_tags(loop: LoopSpec, tags: set[str]) -> None:
    for child in loop.children:
        if isinstance(child, LoopSpec):
            _collect_tags(child, tags)
        else:
            tags.add(child.tag)
