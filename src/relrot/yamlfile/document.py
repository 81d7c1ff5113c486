"""The YAML document of a rotation file: parsed round-trip, with the position of every value.

`Plainer` turns the round-trip document into plain data (dicts, lists, scalars) and records
where each value stands, so later problems can point into the file.
"""

from __future__ import annotations

import datetime as dt
import functools
import warnings
from typing import Any

from msgspec import Struct, field

from relrot.patterns import pattern
from relrot.problems import Path, Problem, RelrotError, RuleName, Severity
from relrot.yamlfile.read import CONTROL_CHARACTER, refused_character, text_position

# Without aliases a document has fewer values than characters; beyond that, aliases are
# expanding it ("billion laughs"). The floor keeps small files clear of the limit.
MIN_NODE_BUDGET = 10_000
MAX_DEPTH = 64

Position = tuple[int, int]


def node_budget(text: str) -> int:
    """How many values the document of `text` may hold, aliases and merges expanded."""
    return max(len(text), MIN_NODE_BUDGET)


class SourceMap(Struct):
    """1-based positions of every key and value in the document, by path."""

    keys: dict[Path, Position] = field(default_factory=dict)
    values: dict[Path, Position] = field(default_factory=dict)

    def locate(self, path: Path, *, at_key: bool = False) -> Position:
        """The best position for `path`: the nearest ancestor that has one."""
        probe = tuple(path)
        while True:
            table = self.keys if at_key else self.values
            if probe in table:
                return table[probe]
            if at_key and probe in self.values:
                return self.values[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]

    def anchor(self, path: Path) -> Position:
        """Where a missing key is reported: the key naming its parent, else the parent."""
        if path in self.keys:
            return self.keys[path]
        return self.locate(path)


def parse_document(text: str, name: str) -> Any:
    """The round-trip document of `text`, or a located `yaml-syntax` problem."""
    check_flow_depth(text, name)
    return round_trip_document(text, name)


def round_trip_document(text: str, name: str) -> Any:
    """`parse_document` once the bracket depth is known to be within the limit."""
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    yaml = round_trip_yaml(merge_budget=node_budget(text))
    try:
        with warnings.catch_warnings():
            # ruamel warns on stderr about reused anchors; the loader reports what matters.
            warnings.simplefilter("ignore")
            return yaml.load(text)
    except NotBuiltError as exc:
        raise as_problem(exc, name) from None
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        first = exc.context_mark
        key = _duplicate_key_name(exc.problem or "")
        raise RelrotError(
            [
                Problem(
                    "duplicate-key",
                    Severity.ERROR,
                    f"duplicate key `{key}`"
                    + (f" (first given on line {first.line + 1})" if first else "")
                    + "; keep one of them",
                    file=name,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "not valid YAML"
        raise RelrotError(
            [
                Problem(
                    "yaml-syntax",
                    Severity.ERROR,
                    f"not valid YAML: {what}",
                    file=name,
                    line=mark.line + 1 if mark else 1,
                    column=mark.column + 1 if mark else 1,
                )
            ]
        ) from None
    except ReaderError as exc:
        # Characters YAML refuses beyond the control characters, such as U+FFFE.
        line, column = text_position(text, exc.position)
        # ruamel gives the code point (bytes only when it decodes, which relrot does).
        code = exc.character if isinstance(exc.character, int) else 0xFFFD
        raise RelrotError([refused_character(code, name, line, column)]) from None
    except (YAMLError, RecursionError, ValueError) as exc:
        message = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise RelrotError(
            [
                Problem(
                    "yaml-syntax",
                    Severity.ERROR,
                    f"not valid YAML: {message.splitlines()[0] if message else 'unreadable'}",
                    file=name,
                    line=1,
                    column=1,
                )
            ]
        ) from None


def check_flow_depth(text: str, name: str) -> None:
    """Refuse deeply nested brackets before the parser recurses into them."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return  # too few to nest too deep: no need to read the text character by character
    from relrot.yamlfile.flow import marks

    for mark in marks(text):
        if mark.kind == "open" and mark.depth > MAX_DEPTH:
            line, column = text_position(text, mark.index)
            raise RelrotError(
                [
                    Problem(
                        "yaml-syntax",
                        Severity.ERROR,
                        f"brackets nested more than {MAX_DEPTH} deep; a rotation "
                        "file needs a handful",
                        file=name,
                        line=line,
                        column=column,
                    )
                ]
            )


def round_trip_yaml(*, merge_budget: int | None = None) -> Any:
    """A ruamel round-trip parser that keeps quotes and lets bad dates through as text.

    With `merge_budget`, merge keys (`<<`) may copy at most that many values in all.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Composer = composer_class()
    yaml.Constructor = constructor_class()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.constructor.merge_budget = merge_budget
    return yaml


def as_problem(exc: NotBuiltError, name: str) -> RelrotError:
    line, column = exc.position
    return RelrotError(
        [Problem(exc.rule, Severity.ERROR, exc.message, file=name, line=line, column=column)]
    )


class NotBuiltError(Exception):
    """Construction stopped at a node relrot will not build; carries its rule and place."""

    def __init__(self, rule: RuleName, message: str, mark: Any) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.position: Position = (mark.line + 1, mark.column + 1) if mark else (1, 1)


class KeyNotTextError(NotBuiltError):
    """A list or mapping as a key, refused as it is composed."""


_MERGE_TAG = "tag:yaml.org,2002:merge"


@functools.cache
def composer_class() -> type[Any]:
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    class KeyCheckingComposer(Composer):
        def compose_mapping_node(self, anchor: Any) -> Any:
            node = super().compose_mapping_node(anchor)
            for key_node, _ in node.value:
                # Building a list or mapping key hashes it, and one holding a list crashes
                # ruamel; whatever its tag, a rotation file's keys are text.
                if isinstance(key_node, (MappingNode, SequenceNode)):
                    kind = "a mapping" if isinstance(key_node, MappingNode) else "a list"
                    raise KeyNotTextError(
                        "schema", f"a key must be text, not {kind}", key_node.start_mark
                    )
            return node

    return KeyCheckingComposer


@functools.cache
def constructor_class() -> type[Any]:
    from ruamel.yaml.constructor import RoundTripConstructor

    class Referents(list[Any]):
        """The maps merging a map, checked by identity.

        ruamel asks `map in referents` with `==`, which copies the map for every
        comparison: a thousand maps merging one `&defaults` cost seconds.
        """

        def __init__(self) -> None:
            super().__init__()
            self.ids: set[int] = set()

        def append(self, referent: Any) -> None:
            self.ids.add(id(referent))
            super().append(referent)

        def __contains__(self, referent: object) -> bool:
            return id(referent) in self.ids

    from ruamel.yaml.error import YAMLError

    class Constructor(RoundTripConstructor):
        merge_budget: int | None = None
        merged_values = 0

        def construct_document(self, node: Any) -> Any:
            try:
                return super().construct_document(node)
            except (NotBuiltError, YAMLError, *_LOCATED):
                raise
            except Exception:
                # Failed in the part of a mapping or list built after its parent: the
                # document is all that is known.
                raise _not_readable(node) from None

        def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
            try:
                return super().construct_non_recursive_object(node, tag)
            except (NotBuiltError, YAMLError, *_LOCATED):
                raise
            except Exception:
                raise _not_readable(node) from None

        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            # 2026-13-01 looks like a date to YAML; report it as a bad date with its position.
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return self.construct_scalar(node)

        def construct_yaml_map(self, node: Any) -> Any:
            steps = super().construct_yaml_map(node)
            mapping = next(steps)
            mapping._ref = Referents()
            yield mapping
            yield from steps

        def flatten_mapping(self, node: Any) -> Any:
            pairs = list(node.value)  # ruamel takes the merge key out
            sources = super().flatten_mapping(node)
            if not sources:
                return sources
            refusal = None
            if any(source is None for source in sources):
                # ruamel hands back nothing for a mapping still being built.
                refusal = "`<<` merges a mapping that holds this one; merge one defined outside it"
            else:
                # Each merge copies its sources' values into the mapping: count them, so a
                # chain of merges costs in proportion to the file, not to its square.
                self.merged_values += sum(len(source) + 1 for source in sources)
                if self.merge_budget is not None and self.merged_values > self.merge_budget:
                    refusal = (
                        f"merge keys (`<<`) copy more than {self.merge_budget} values; a "
                        "rotation file needs few merges: write the keys out instead"
                    )
            if refusal:
                merge_key = next((k for k, _ in pairs if k.tag == _MERGE_TAG), node)
                raise NotBuiltError("yaml-syntax", refusal, merge_key.start_mark)
            return sources

    # Only the tags a rotation file's values can carry are built; any other (`!!omap`,
    # `!!set`, `!!binary`, `!!python/...`, `!local`) becomes a tagged value the loader
    # refuses where it stands, without its constructor ever running.
    Constructor.yaml_constructors = {
        tag: build
        for tag, build in RoundTripConstructor.yaml_constructors.items()
        if tag is None or tag in _BUILT_TAGS
    }
    Constructor.yaml_multi_constructors = {}
    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
    Constructor.add_constructor("tag:yaml.org,2002:map", Constructor.construct_yaml_map)
    return Constructor


# The YAML 1.2 core schema, plus dates (a rotation file is mostly dates).
_BUILT_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


def _not_readable(node: Any) -> NotBuiltError:
    """A constructor failed on `node`: a value that looks like its type but is not one.

    ruamel's constructors trust the resolver's patterns, and `+_`, `0x_`, `!!bool maybe`,
    `!!int ''` or `!!float ""` fail inside them with whatever Python raises (KeyError,
    IndexError, ValueError...); each is this one located problem.
    """
    shown = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    return NotBuiltError(
        "yaml-syntax",
        f"this value cannot be read as {shown}; correct it, or quote it without a tag to "
        "keep it as text",
        node.start_mark,
    )


# What construction may raise on purpose: relrot's refusals and ruamel's located errors.
_LOCATED = (RecursionError, MemoryError, Warning)


def _duplicate_key_name(problem: str) -> str:
    # ruamel says: found duplicate key "a" with value "2" (original value: "1")
    start = problem.find('"')
    end = problem.find('"', start + 1)
    return problem[start + 1 : end] if 0 <= start < end else "?"


class Plainer:
    """Turns the round-trip document into plain data, recording positions on the way."""

    def __init__(self, source_map: SourceMap, problems: list[Problem], budget: int | None) -> None:
        # No budget: every value, for a document whose expansion is already known to be small.
        self.budget = budget if budget is None else max(budget, MIN_NODE_BUDGET)
        self.source_map = source_map
        self.problems = problems
        self.nodes = 0
        self.values: dict[Path, Position] = source_map.values
        self.values[()] = (1, 1)
        # Values refused for their tag: their other complaints would only repeat that one.
        self.tagged: list[Path] = []
        # Key and value positions of each mapping met, by id: a mapping reached through
        # many aliases or merges is looked up once.
        self._positions: dict[int, dict[Any, tuple[Position, Position]]] = {}
        # Scalars already checked for what escapes can put in them, by id: an alias of a
        # long text is read once.
        self._texts_checked: set[int] = set()
        # Texts made plain, by the id of their node: every alias of a long text shares one
        # copy (8,000 aliases of a 30 KB text made 236 MiB of copies).
        self._plain_texts: dict[int, str] = {}

    def _plain_text(self, text: str) -> str:
        """`text` (a str subclass that remembers its quotes or anchor) as a plain str."""
        plain = self._plain_texts.get(id(text))
        if plain is None:
            plain = self._plain_texts[id(text)] = str(text)
        return plain

    @property
    def spent(self) -> bool:
        return self.budget is not None and self.nodes > self.budget

    def convert(self, node: Any, path: Path) -> Any:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

        if self.spent:
            return None  # past the budget nothing more is visited, however wide the document
        self.nodes += 1
        if self.spent:
            if self.nodes == self.budget + 1:
                self.problems.append(
                    Problem(
                        "yaml-syntax",
                        Severity.ERROR,
                        f"the document expands to more than {self.budget} values through "
                        "aliases; a rotation file is far smaller: use fewer aliases",
                        path=path,
                    )
                )
            return None
        if len(path) > MAX_DEPTH:
            self._problem(path, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if type(node) is str:  # most values: plain text, which carries no tag
            self._check_text(node, path)
            return node
        tag = getattr(getattr(node, "tag", None), "value", None)
        shown = str(tag).replace("tag:yaml.org,2002:", "!!")
        if isinstance(node, TaggedScalar):
            if tag in _STANDARD_SCALAR_TAGS:
                self._check_text(node.value, path)
                return self._plain_text(node.value)
            self._problem(path, f"YAML tag {shown} is not allowed here; remove it")
            self.tagged.append(path)
            return None
        if isinstance(node, (CommentedMap, CommentedSeq)) and tag is not None:
            self._problem(path, f"YAML tag {shown} is not allowed here; remove it")
            self.tagged.append(path)
            return None
        if isinstance(node, CommentedMap):
            result: dict[str, Any] = {}
            positions = self._positions_in(node)
            first = next(iter(positions.values()), ((0, 0), (0, 0)))[0]
            fallback = (first, first)
            for key, value in node.items():
                if self.spent:
                    break
                key_at, value_at = positions.get(key, fallback)
                if not isinstance(key, str):
                    self.problems.append(
                        Problem(
                            "schema",
                            Severity.ERROR,
                            f"key {key!r} must be text",
                            line=key_at[0] + 1,
                            column=key_at[1] + 1,
                        )
                    )
                    continue
                child = (*path, key)
                self.source_map.keys[child] = (key_at[0] + 1, key_at[1] + 1)
                self._check_text(key, child, at_key=True)
                if value is None:
                    # An empty value has no position of its own (ruamel gives the next
                    # token's); its key is where the user looks.
                    value_at = key_at
                self.values[child] = (value_at[0] + 1, value_at[1] + 1)
                result[key] = self.convert(value, child)
            return result
        if isinstance(node, CommentedSeq):
            items = []
            for index, value in enumerate(node):
                if self.spent:
                    break
                child = (*path, index)
                if index in (node.lc.data or {}):
                    line, column = node.lc.item(index)
                    self.values[child] = (line + 1, column + 1)
                items.append(self.convert(value, child))
            return items
        if isinstance(node, (dict, list)):  # plain containers only come from odd constructors
            self._problem(path, "unsupported YAML structure")
            return None
        if isinstance(node, str):
            self._check_text(node, path)
            return self._plain_text(node)
        if isinstance(node, bool) or node is None:
            return node
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        if isinstance(node, dt.datetime | dt.date):
            return node
        self._problem(path, f"unsupported value {type(node).__name__}")
        return None

    def _problem(self, path: Path, message: str) -> None:
        self.problems.append(Problem("schema", Severity.ERROR, message, path=path))

    def _check_text(self, text: str, path: Path, *, at_key: bool = False) -> None:
        """Refuse the characters that only an escape in double quotes can put in a scalar."""
        if id(text) in self._texts_checked:
            return
        self._texts_checked.add(id(text))
        if text.isprintable():
            return  # neither a control character nor a surrogate is printable
        found = pattern(ESCAPED_ONLY).search(text)
        if not found:
            return
        code = ord(found.group())
        if 0xD800 <= code <= 0xDFFF:
            message = (
                f"`\\u{code:04x}` is half of a UTF-16 surrogate pair, not a character; write "
                "the character itself"
            )
        else:
            message = (
                f"an escape for control character U+{code:04X} (such as `\\x{code:02x}`) is "
                "not allowed in a rotation file; remove it"
            )
        self.problems.append(
            Problem("yaml-syntax", Severity.ERROR, message, path=path, at_key=at_key)
        )

    def _positions_in(self, node: Any) -> dict[Any, tuple[Position, Position]]:
        """0-based positions of each key of a mapping and of its value, through `<<` merges."""
        known = self._positions.get(id(node))
        if known is not None:
            return known
        table = {key: ((at[0], at[1]), (at[2], at[3])) for key, at in (node.lc.data or {}).items()}
        # Stored before the merges are followed: a mapping may merge itself.
        self._positions[id(node)] = table
        for source in getattr(node, "merge", None) or []:
            merged = source[1] if isinstance(source, tuple) else source
            if hasattr(merged, "lc"):
                # The first source holding a key gives its value, as in the merge itself.
                for key, where in list(self._positions_in(merged).items()):
                    table.setdefault(key, where)
        return table


_STANDARD_SCALAR_TAGS = {"tag:yaml.org,2002:str"}


# What only escapes can put in a scalar: control characters, and lone surrogates, which are
# not characters at all (no output can encode them). Compiled when first used: only text that
# is not printable is searched, and a file of such text is rare (0.4 ms).
ESCAPED_ONLY = f"{CONTROL_CHARACTER.pattern}|[\ud800-\udfff]"


def plain_data(document: Any, budget: int | None = None) -> Any:
    """The round-trip document as plain Python data (dicts, lists, scalars).

    A document the loader admitted has a bounded expansion already, so by default every
    value is converted; give `budget` for a document that did not come from the loader.
    """
    return Plainer(SourceMap(), [], budget=budget).convert(document, ())
