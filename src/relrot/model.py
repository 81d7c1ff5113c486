"""The rotation file as typed, frozen models (SPEC section 1)."""

import bisect
import datetime as dt
import re
import string
from collections.abc import Iterator, Sequence
from typing import Annotated, Any, Literal

from msgspec import Struct
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)
from pydantic.config import JsonDict

from relrot.patterns import pattern

Role = Literal["pilot", "co_pilot"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
DEFAULT_STINT: tuple[Role, ...] = ("co_pilot", "pilot", "pilot", "co_pilot")
VERSION_FIELDS = frozenset({"yyyy", "yy", "m", "mm", "n"})
MEMBER_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")
# A role's id (SPEC 3.7): it becomes a JSON key, a CSV column and a `{{role_ID}}` placeholder.
ROLE_ID = r"[a-z][a-z0-9_]*"
# The seats every release has; a role may not take their names.
FIXED_SEATS = ("pilot", "co_pilot", "jump_seat")
# The most releases one role's term may span: a bound on how far the plan looks ahead.
MAX_TERM = 24
# GitHub's rule for logins: letters, digits and single hyphens, no hyphen at either end.
GITHUB_LOGIN = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9])*")
GITHUB_LOGIN_LENGTH = 39
# The shapes of one person's mention in a chat (`chat:`, SPEC 5.6): Slack's and Discord's
# `<@ID>`, Zulip's `@**Name**` (or `@**Name|ID**`), a Matrix user id, or a plain `@name`.
CHAT_MENTIONS = (
    r"<@!?[A-Za-z0-9]{1,40}>",
    r"@\*\*\w[\w .'|-]{0,99}\*\*",
    r"@[a-z0-9._=/+-]{1,100}:[A-Za-z0-9.-]{1,100}(?::[0-9]{1,5})?",
    r"@[A-Za-z0-9._-]{1,60}",
)
# What reaches everyone in a room: a `chat:` mention may hold none of these, anywhere. A
# room's word counts up to where a word ends, so `@room.`, `@room:example.org` and `@here-`
# are the room too (chats end a mention at the first character that is not a word's).
CHAT_EVERYONE = (
    r"(?i)@(?:\*\*)?(?:all|everyone|channel|here|room|stream|topic)(?!\w)"
    r"|<!(?:channel|here|everyone)>"
)
# The default days before a release's duty window opens on which its crew is reminded.
DEFAULT_REMIND_DAYS = (14, 1)
# The most days ahead a reminder may come: a year.
MOST_REMIND_DAYS = 366


_ISO_DATE = r"\d{4}-\d{2}-\d{2}"
_VERSION_TEXT = re.compile(r"[A-Za-z0-9._+~-]")
_VERSION_SPEC = r"[<>^=]?0?[1-9]?d?"
# The shape of every IANA name (`UTC`, `Etc/GMT+5`, `America/Argentina/Buenos_Aires`, with
# `posix/` or `right/` in front at most): checked before zoneinfo sees the text.
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+-]{1,32}(?:/[A-Za-z0-9_+-]{1,32}){0,3}")


def _iso_date(value: object) -> object:
    """Accept a YAML date or a quoted ISO date; refuse timestamps and datetimes."""
    if isinstance(value, dt.datetime):
        raise ValueError("dates have no time of day; write YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and pattern(_ISO_DATE).fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a calendar date; write YYYY-MM-DD") from None
    if value is None:
        raise ValueError("is empty; write a date as YYYY-MM-DD")
    raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _release_ref(value: object) -> object:
    """A release named by version (text) or by number (a whole number from 1)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        shown = str(value) if isinstance(value, dt.date) else repr(value)
        raise ValueError(f"expected a version such as 26.3.0 or a release number, got {shown}")
    if isinstance(value, int) and value < 1:
        raise ValueError("release numbers start at 1")
    return value


ReleaseRef = Annotated[str | int, BeforeValidator(_release_ref)]


def _described(schema: JsonDict, model: type[Any]) -> None:
    """Each field's description in a model's JSON schema: the docstring under the field."""
    from relrot.schema import describe_fields

    describe_fields(schema, model)


class _Model(BaseModel):
    """A part of the rotation file.

    Each field is documented by the docstring under it, which `relrot schema` gives as the
    field's description. A `Field(description=...)` would hold the same text at a cost to every
    run: pydantic merges it into the field's information as the class is created
    (docs/performance.md).
    """

    # Built on first use: a run validates only `RotationFile`, whose one validator holds the
    # others, so building each model's own validator at import would be wasted.
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        defer_build=True,
        json_schema_extra=_described,
    )


class DateRange(_Model):
    """An inclusive range of days."""

    start: IsoDate = Field(alias="from")
    """First day of the range."""
    end: IsoDate = Field(alias="to")
    """Last day of the range (inclusive)."""
    reason: str | None = None
    """Why; a blackout's is shown, an away range's never is."""

    @model_validator(mode="after")
    def _ordered(self) -> "DateRange":
        if self.end < self.start:
            raise ValueError(f"`to` ({self.end}) is before `from` ({self.start})")
        return self

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and first <= self.end


# A release's duty window: its first and last day, inclusive.
Window = tuple[dt.date, dt.date]


class NotJoined(Struct, frozen=True):
    """The release comes before the member's `joined` day."""

    joined: dt.date

    @property
    def field(self) -> tuple[str | int, ...]:
        return ("joined",)

    def describe(self) -> str:
        return f"joins on {self.joined}"


class Left(Struct, frozen=True):
    """The release comes on or after the member's `left` day."""

    left: dt.date

    @property
    def field(self) -> tuple[str | int, ...]:
        return ("left",)

    def describe(self) -> str:
        return f"left on {self.left}"


class Away(Struct, frozen=True):
    """One of the member's away ranges overlaps the duty window; `index` is its place in
    `away`, so a problem can point at it."""

    start: dt.date
    end: dt.date
    reason: str | None
    index: int

    @property
    def field(self) -> tuple[str | int, ...]:
        return ("away", self.index)

    def describe(self) -> str:
        # Only "away": the reason is the member's, and no output repeats it (SPEC 5).
        return f"away {self.start}..{self.end}"


Obstacle = NotJoined | Left | Away


class AwaySpans:
    """Away ranges merged into disjoint spans: "away at all from `first` to `last`?" by bisection.

    A seated member is asked this for every release; reading all their ranges each time cost
    releases times ranges.
    """

    def __init__(self, ranges: Sequence[DateRange]) -> None:
        self.starts: list[dt.date] = []
        self.ends: list[dt.date] = []
        for away in sorted(ranges, key=lambda r: r.start):
            if self.ends and away.start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], away.end)
            else:
                self.starts.append(away.start)
                self.ends.append(away.end)

    def overlap(self, first: dt.date, last: dt.date) -> bool:
        # Only the last span starting by `last` can reach `first`: the ones before end earlier.
        index = bisect.bisect_right(self.starts, last) - 1
        return index >= 0 and self.ends[index] >= first


def _zone_name(value: str) -> str:
    """An IANA time zone name, checked."""
    import zoneinfo

    if not _ZONE_NAME.fullmatch(value):
        # zoneinfo imports a module per part of the name: 250 parts overflow the stack.
        raise ValueError("not a time zone name; use an IANA name such as America/Chicago or UTC")
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone {value!r}; use an IANA name") from None
    return value


class Milestone(_Model):
    """A step of a release's timeline, relative to release day."""

    name: str
    """Short name, e.g. `release-branch`."""
    days: int = Field(strict=True)
    """Days from release day (negative: before)."""
    note: str | None = None
    """What happens; becomes a checklist item."""


class Schedule(_Model):
    """The release calendar."""

    first_release: IsoDate
    """Date of release number 1."""
    every_months: int = Field(default=2, strict=True, ge=1, le=120)
    """Months between releases (bi-monthly is 2)."""
    rrule: str | None = None
    """An RFC 5545 recurrence rule instead of `every_months`, e.g.
    "FREQ=MONTHLY;INTERVAL=2;BYDAY=+2MO"."""
    version: str = "{yy}.{m}.0"
    """Version format from the nominal date: {yyyy} {yy} {m} {mm} {n}."""
    timezone: str = "UTC"
    """IANA time zone that decides what today is."""
    skip: tuple[str, ...] = ()
    """Versions of regular releases the team will not ship."""
    blocked_weekdays: tuple[Weekday, ...] = ("saturday", "sunday")
    """Weekdays with no release; a list replaces the default. Friday is always blocked."""
    blackout: tuple[DateRange, ...] = ()
    """Inclusive date ranges with no release."""
    holidays: tuple[str, ...] = ()
    """Countries (ISO codes such as US, DE) whose public holidays block."""
    shift: Literal["earlier", "later"] = "earlier"
    """Which way a release on a blocked day moves."""
    milestones: tuple[Milestone, ...] = ()
    """The release timeline, in days relative to release day."""

    @model_validator(mode="after")
    def _cadence(self) -> "Schedule":
        if self.rrule is not None and "every_months" in self.model_fields_set:
            raise ValueError("give either `every_months` or `rrule`, not both")
        if set(WEEKDAYS) <= set(self.blocked_weekdays) | {"friday"}:
            raise ValueError("`blocked_weekdays` blocks every day; leave at least one open")
        return self

    @field_validator("version")
    @classmethod
    def _version_fields(cls, value: str) -> str:
        try:
            parsed = list(string.Formatter().parse(value))
        except ValueError as exc:
            raise ValueError(f"`version` is not a valid format: {exc}") from None
        fields = [(n, spec, conversion) for _, n, spec, conversion in parsed if n is not None]
        # Versions name branches, tags and calendar events, and start lines of output: letters,
        # digits and . _ + ~ - only, so no version reads as markup or a CI command.
        odd = next((c for text, *_ in parsed for c in text if not _VERSION_TEXT.fullmatch(c)), None)
        if odd is not None:
            raise ValueError(
                f"`version` may hold only letters, digits and . _ + ~ - around its fields, "
                f"not {odd!r}"
            )
        names = {name for name, _, _ in fields}
        for name, spec, conversion in fields:
            if conversion:
                raise ValueError(f"`{{{name}!{conversion}}}` in `version`: leave out the `!`")
            # Integer fields take a small width and padding ({m:02d}); a huge width would
            # make every version megabytes long.
            if spec and not pattern(_VERSION_SPEC).fullmatch(spec):
                raise ValueError(
                    f"`{{{name}:{spec}}}` in `version`: use a small width such as {{{name}:02d}}"
                )
        unknown = sorted(names - VERSION_FIELDS)
        if unknown:
            raise ValueError(
                f"unknown field {{{unknown[0]}}} in `version`; "
                "use {yyyy} {yy} {m} {mm} {n}"
            )
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return _zone_name(value)


class Rotation(_Model):
    """How a member's stint runs."""

    stint: tuple[Role, ...] = DEFAULT_STINT
    """Roles a member holds in consecutive releases; a new stint starts every len/2 releases."""


def _none_is_empty(cls: type, value: object) -> object:  # noqa: ARG001 - pydantic passes it
    """`swaps:` with nothing after it reads as an empty list, so it is one."""
    return () if value is None else value


class Member(_Model):
    """One person on the roster; order matters (first served first)."""

    id: str
    """Unique id: lowercase letters, digits, `_`, `.`, `-`."""
    name: str | None = None
    """Display name."""
    core: bool = Field(default=True, strict=True)
    """Only core members fly pilot or co-pilot."""
    joined: IsoDate | None = None
    """Not seated before this date; after release 1, also where they join the back of the queue: set
    it to the day the member is added."""
    left: IsoDate | None = None
    """Not seated on or after this date."""
    github: str | None = None
    """GitHub login for @-mentions (a person, not a team)."""
    experienced: bool = Field(default=False, strict=True)
    """Served as pilot or co-pilot before `first_release`: never new, never an untrained pilot."""
    chat: str | None = None
    """How the team's chat mentions them in `relrot notify`, e.g. `<@U024BE7LH>` (Slack), `@**Ana
    Lima**` (Zulip), `@ana:matrix.org` (Matrix)."""
    away: tuple[DateRange, ...] = ()
    """Inclusive unavailable ranges."""

    _away_left_empty = field_validator("away", mode="before")(_none_is_empty)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not MEMBER_ID.fullmatch(value):
            raise ValueError(
                f"member id {value!r} must be lowercase letters, digits, `_`, `.` or `-`, "
                "starting with a letter or digit"
            )
        return value

    @field_validator("github")
    @classmethod
    def _handle(cls, value: str | None) -> str | None:
        if value is None:
            return None
        login = value.removeprefix("@")
        if "/" in login:
            raise ValueError(
                f"{value!r} names a team, and mentioning it would notify everyone in it; "
                "give one person's GitHub login"
            )
        if len(login) > GITHUB_LOGIN_LENGTH or not GITHUB_LOGIN.fullmatch(login):
            raise ValueError(
                f"{value!r} is not a GitHub login; a login is 1 to {GITHUB_LOGIN_LENGTH} "
                "letters, digits or single hyphens, with no hyphen at either end"
            )
        return login

    @field_validator("chat")
    @classmethod
    def _chat_mention(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not any(pattern(shape).fullmatch(value) for shape in CHAT_MENTIONS):
            raise ValueError(
                f"{value!r} is not one person's chat mention; write it as the chat does: "
                "<@U024BE7LH> (Slack, Discord), @**Ana Lima** (Zulip), @ana:example.org "
                "(Matrix) or @ana"
            )
        if pattern(CHAT_EVERYONE).search(value):
            raise ValueError(f"{value!r} mentions everyone in the chat; give one person's mention")
        return value

    @property
    def display(self) -> str:
        return self.name or self.id

    def obstacle(self, day: dt.date, window: Window | None = None) -> Obstacle | None:
        """What keeps this member from serving a release on `day` with duty `window`, if
        anything: the first of not joined, left, away (SPEC 2)."""
        if self.joined is None and self.left is None and (window is None or not self.away):
            return None  # most members, asked for every release: no generator for them
        return next(self.obstacles(day, window), None)

    def obstacles(self, day: dt.date, window: Window | None = None) -> Iterator[Obstacle]:
        """Every obstacle in that order, each away range that overlaps `window` in file order.

        Without a window only `joined` and `left` are asked: "active on `day`".
        """
        if self.joined is not None and day < self.joined:
            yield NotJoined(self.joined)
        if self.left is not None and day >= self.left:
            yield Left(self.left)
        if window is not None:
            first, last = window
            for index, away in enumerate(self.away):
                if away.overlaps(first, last):
                    yield Away(away.start, away.end, away.reason, index)

    def away_spans(self) -> AwaySpans | None:
        """The away ranges merged for quick "away at all?" questions; None with none."""
        return AwaySpans(self.away) if self.away else None

    def is_active(self, day: dt.date) -> bool:
        return self.obstacle(day) is None

    def active_between(self, first: dt.date, last: dt.date) -> bool:
        """Whether this member is active on some day from `first` to `last`."""
        if self.joined is None and self.left is None:
            return True
        gone = any(isinstance(o, Left) for o in self.obstacles(first))
        return not gone and not any(isinstance(o, NotJoined) for o in self.obstacles(last))

    def joins_later(self, day: dt.date) -> dt.date | None:
        """The day a member not yet joined on `day` joins, unless they have left by then."""
        found = {type(o): o for o in self.obstacles(day)}
        joining = found.get(NotJoined)
        return joining.joined if isinstance(joining, NotJoined) and Left not in found else None


class JumpSeatRequest(_Model):
    """A request to observe a release from the jump seat."""

    member: str
    """Member id."""
    release: ReleaseRef | None = None
    """A named release (version or number)."""
    after: IsoDate | None = None
    """Otherwise: the earliest free release on or after this date."""

    @model_validator(mode="after")
    def _one_kind(self) -> "JumpSeatRequest":
        if self.release is not None and self.after is not None:
            raise ValueError("give `release` or `after`, not both")
        return self


def _role_id(value: str, what: str = "role id") -> str:
    if not pattern(ROLE_ID).fullmatch(value):
        raise ValueError(
            f"{what} {value!r} must be lowercase letters, digits or `_`, starting with a letter"
        )
    return value


class CrewRole(_Model):
    """A crew seat beyond pilot and co-pilot, such as QA (SPEC 3.7)."""

    id: str
    """Unique id: `[a-z][a-z0-9_]*`, not pilot, co_pilot or jump_seat."""
    name: str | None = None
    """Shown in tables and issues (default: id)."""
    fill: Literal["rotate", "request"] = "rotate"
    """`rotate`: the planner fills it in every shipped release; `request`: only from `requests:`."""
    pool: tuple[str, ...] | None = None
    """Member ids who may hold it; default every core member (`rotate`) or everyone (`request`)."""
    term: int = Field(default=1, strict=True, ge=1, le=MAX_TERM)
    """`rotate` only: consecutive shipped releases a holder serves."""
    apart_from: tuple[str, ...] = ("pilot", "co_pilot")
    """Seats of the same release its holder must not also hold."""
    start: str | None = Field(default=None, alias="from")
    """The first release (version) that has the role; default release 1."""
    projects: tuple[str, ...] | None = None
    """In a file with `projects:`, the projects that have the role; default every project with a
    `schedule`. Each keeps its own role queue."""

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if value in FIXED_SEATS:
            raise ValueError(f"`{value}` is a seat every release has; give the role another id")
        return _role_id(value)

    @field_validator("apart_from")
    @classmethod
    def _seat_shapes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for seat in value:
            _role_id(seat, "seat")
        return value

    @model_validator(mode="after")
    def _term_rotates(self) -> "CrewRole":
        if self.fill == "request" and "term" in self.model_fields_set:
            raise ValueError("`term` is for `fill: rotate`; a request names its own release")
        return self

    @property
    def display(self) -> str:
        return self.name or self.id


class RoleRequest(_Model):
    """A request to hold a role filled by request (SPEC 3.7), placed like the jump seat."""

    member: str
    """Member id."""
    role: str
    """The role's id."""
    release: ReleaseRef | None = None
    """A named release (version or number)."""
    after: IsoDate | None = None
    """Otherwise: the earliest free release on or after this date."""

    @model_validator(mode="after")
    def _one_kind(self) -> "RoleRequest":
        if self.release is not None and self.after is not None:
            raise ValueError("give `release` or `after`, not both")
        return self


class ExtraCrew(_Model):
    """Someone who served a pinned release beyond its seats."""

    member: str
    """Member id."""
    role: str
    """What they did, e.g. `pilot in training`."""


def is_version_text(value: str) -> bool:
    """Whether `value` can be a shipped version: not empty, letters, digits and `._+~-`."""
    return bool(value) and all(_VERSION_TEXT.fullmatch(c) for c in value)


class ShippedRelease(_Model):
    """A release of an on-demand project as it shipped, in the term that holds its date."""

    version: str
    """The version as released, any text (SemVer, `0.x`)."""
    date: IsoDate
    """The day it shipped."""

    @field_validator("version")
    @classmethod
    def _version_text(cls, value: str) -> str:
        if not is_version_text(value):
            raise ValueError(f"{value!r} is not a version; use letters, digits and . _ + ~ - only")
        return value


def _term_is_version(value: object) -> object:
    """A pinned term (SPEC 6) is a release whose version is the term's name."""
    if isinstance(value, dict) and "term" in value and "version" not in value:
        return {**value, "version": value["term"]}
    return value


class PinnedRelease(_Model):
    """A release recorded as it was or as published."""

    version: str
    """Must equal the computed version of this release (an on-demand project names its terms with
    `term:` instead)."""
    term: str | None = None
    """On-demand projects: the term, `YYYY-MM`, instead of `version`."""
    shipped: tuple[ShippedRelease, ...] = ()
    """On-demand projects: the releases shipped in this term, with their dates."""
    date: IsoDate | None = None
    """Actual date, if it differed."""
    pilot: str | None = None
    """Member id (may be empty in history)."""
    co_pilot: str | None = None
    """Member id."""
    jump_seat: str | None = None
    """Member id."""
    also: tuple[ExtraCrew, ...] = ()
    """Extra crew, as it happened."""
    roles: dict[str, str | None] = Field(default_factory=dict)
    """Role seats as they were: role id to member id."""

    _term_named = model_validator(mode="before")(staticmethod(_term_is_version))

    @model_validator(mode="after")
    def _term_or_version(self) -> "PinnedRelease":
        if self.term is not None and self.term != self.version:
            raise ValueError("give `term` (on-demand projects) or `version`, not both")
        return self


class Swap(_Model):
    """A seat change recorded by `relrot swap`."""

    release: ReleaseRef
    """Version or number."""
    seat: str
    """`pilot`, `co_pilot` or a role's id."""
    out: str
    """Member who gives up the seat."""
    in_: str = Field(alias="in")
    """Member who takes it."""
    reason: str | None = None
    """Why."""

    @field_validator("seat")
    @classmethod
    def _seat_shape(cls, value: str) -> str:
        return _role_id(value, "seat")


_REPOSITORY = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}"


def _issue_opens(value: object) -> object:
    """A milestone's name or a whole number of days; one message for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip():
        return value
    raise ValueError(f"expected a milestone's name or a number of days such as -7, got {value!r}")


class ProjectInfo(_Model):
    """Names the project in titles, calendars and pages."""

    name: str | None = None
    """The project's name, e.g. `conda`."""
    repository: str | None = None
    """`owner/name` on GitHub, for links and issue titles."""
    issue_template: str | None = None
    """A Markdown file (relative to the rotation file) that `relrot issue` fills instead of its own
    layout."""
    issue_title: str | None = None
    """The release issue's title, with placeholders as in `issue_template`; it must hold {{version}}
    or {{series}}. Default: Release `{{series}}`."""
    issue_opens: Annotated[str | int, BeforeValidator(_issue_opens)] | None = None
    """When the release issue is due: a milestone's name, or days relative to release day. Default:
    the earliest milestone before release day, else -7."""

    remind_days: tuple[int, ...] = DEFAULT_REMIND_DAYS
    """`relrot notify` reminds a release's crew this many days before its earliest milestone (0:
    that day)."""

    @field_validator("remind_days", mode="before")
    @classmethod
    def _days_ahead(cls, value: object) -> object:
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"expected a list of days such as [14, 1], got {value!r}")
        for day in value:
            if isinstance(day, bool) or not isinstance(day, int):
                raise ValueError(f"expected a whole number of days, got {day!r}")
            if not 0 <= day <= MOST_REMIND_DAYS:
                raise ValueError(f"{day} is not 0 to {MOST_REMIND_DAYS} days before a release")
        if len(set(value)) != len(value):
            raise ValueError("a day is listed twice; list each day once")
        return tuple(value)

    @field_validator("issue_title")
    @classmethod
    def _names_the_release(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if "\n" in value or "\r" in value:
            raise ValueError("an issue title is one line")
        if not re.search(r"\{\{\s*(version|series)\s*\}\}", value):
            raise ValueError(
                f"{value!r} does not name the release; put {{{{version}}}} or {{{{series}}}} in it"
            )
        return value

    @field_validator("repository")
    @classmethod
    def _owner_and_name(cls, value: str | None) -> str | None:
        if value is not None and not pattern(_REPOSITORY).fullmatch(value):
            raise ValueError(
                f"{value!r} is not a GitHub repository; write it as owner/name, e.g. conda/conda"
            )
        return value


PROJECT_ID = MEMBER_ID
# The keys of a one-project file that a file with `projects:` moves into each project.
PER_PROJECT_KEYS = ("project", "schedule", "rotation", "jump_seat", "requests", "releases", "swaps")


class OnDemand(_Model):
    """An on-demand project's terms: its rotation runs over them instead of releases."""

    first_term: IsoDate
    """The first day of the first term (a month's 1st)."""
    every_months: int = Field(default=2, strict=True, ge=1, le=120)
    """Months in a term."""
    timezone: str = "UTC"
    """IANA time zone that decides what today is."""

    @field_validator("first_term")
    @classmethod
    def _month_start(cls, value: dt.date) -> dt.date:
        if value.day != 1:
            raise ValueError(
                f"{value} is not the first day of a month; terms start on the 1st, e.g. "
                f"{value.replace(day=1)}"
            )
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return _zone_name(value)


class ProjectEntry(ProjectInfo):
    """One project of a team that plans several (SPEC 6)."""

    id: str
    """Unique id: lowercase letters, digits, `_`, `.`, `-`."""
    schedule: Schedule | None = None
    """The release calendar (a cadence or `crew_from` project)."""
    crew_from: str | None = None
    """Released together with this earlier cadence project: each release takes its crew."""
    on_demand: OnDemand | None = None
    """No release calendar: the rotation runs over terms."""
    rotation: Rotation | None = None
    """The serving rule (not on a `crew_from` project)."""
    jump_seat: tuple[JumpSeatRequest, ...] = ()
    """Jump-seat requests."""
    requests: tuple[RoleRequest, ...] = ()
    """Requests for roles filled by request."""
    releases: tuple[PinnedRelease, ...] = ()
    """Pinned releases (terms, for an on-demand project), in order."""
    swaps: tuple[Swap, ...] = ()
    """Seat changes, applied in order."""

    _left_empty = field_validator("jump_seat", "requests", "releases", "swaps", mode="before")(
        _none_is_empty
    )

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not PROJECT_ID.fullmatch(value):
            raise ValueError(
                f"project id {value!r} must be lowercase letters, digits, `_`, `.` or `-`, "
                "starting with a letter or digit"
            )
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> "ProjectEntry":
        if self.on_demand is not None and (self.schedule or self.crew_from):
            raise ValueError(
                "an `on_demand` project has no `schedule` or `crew_from`; keep one of them"
            )
        if self.on_demand is None and self.schedule is None:
            raise ValueError(
                "give the project a `schedule:` (with `crew_from:` if it releases with another "
                "project) or `on_demand:`"
            )
        if self.crew_from is not None and self.rotation is not None:
            raise ValueError(
                f"a `crew_from` project takes its crews from `{self.crew_from}`; remove `rotation`"
            )
        return self

    @property
    def kind(self) -> Literal["cadence", "crew_from", "on_demand"]:
        if self.on_demand is not None:
            return "on_demand"
        return "crew_from" if self.crew_from is not None else "cadence"

    @property
    def display(self) -> str:
        return self.name or self.id


class RotationFile(_Model):
    """A whole `rotation.yaml`."""

    # The defaults of a file without `project:` or `rotation:`, built without validation
    # (their values are the fields' defaults): calling the class would build its own
    # validator, apart from this model's, for 0.6 ms of validate.
    project: ProjectInfo = Field(default_factory=ProjectInfo.model_construct)
    """The project's name and repository."""
    schedule: Schedule | None = None
    """The release calendar; required unless the file has `projects:`."""
    rotation: Rotation = Field(default_factory=Rotation.model_construct)
    """The serving rule."""
    members: tuple[Member, ...]
    """The roster, in queue order."""
    roles: tuple[CrewRole, ...] = ()
    """Crew seats beyond pilot and co-pilot, in planning order."""
    jump_seat: tuple[JumpSeatRequest, ...] = ()
    """Jump-seat requests."""
    requests: tuple[RoleRequest, ...] = ()
    """Requests for roles filled by request."""
    releases: tuple[PinnedRelease, ...] = ()
    """Pinned releases from release 1 on, in order."""
    swaps: tuple[Swap, ...] = ()
    """Seat changes, applied in order."""
    projects: tuple[ProjectEntry, ...] = ()
    """Several projects planned from one roster (SPEC 6), instead of the top-level `project`,
    `schedule`, `rotation`, `jump_seat`, `requests`, `releases` and `swaps`."""

    _left_empty = field_validator(
        "roles", "jump_seat", "requests", "releases", "swaps", "projects", mode="before"
    )(_none_is_empty)
    # Set on the view of one project of a file with `projects:` (`relrot.portfolio`): that
    # project's id, which relrot's issue marker names it by (SPEC 5.4, 6). Not a key of the file.
    _view_of: str | None = PrivateAttr(default=None)

    @property
    def view_of(self) -> str | None:
        """The id of the project this is a view of; None for a file as read."""
        return self._view_of

    @field_validator("schedule", mode="before")
    @classmethod
    def _a_schedule(cls, value: object) -> object:
        """`schedule:` left empty is no schedule, said as it always was (only leaving the key
        out is allowed, and only in a file with `projects:`)."""
        if value is None:
            from pydantic_core import PydanticCustomError

            raise PydanticCustomError("model_type", "Input should be a valid dictionary")
        return value

    @model_validator(mode="after")
    def _one_or_several(self) -> "RotationFile":
        if not self.projects:
            return self
        given = [key for key in PER_PROJECT_KEYS if key in self.model_fields_set]
        if given:
            raise ValueError(
                f"a file with `projects:` keeps `{given[0]}` in each project; move it into "
                "the project it belongs to"
            )
        return self

    @property
    def calendar_schedule(self) -> Schedule:
        """The schedule of a one-project file; a file with `projects:` is asked per project."""
        if self.schedule is None:
            from relrot.problems import UsageError

            ids = ", ".join(p.id for p in self.projects)
            raise UsageError(
                f"this file plans several projects; name one with `--project ID` ({ids})",
                names_file=False,
            )
        return self.schedule

    def project_entry(self, project_id: str) -> ProjectEntry | None:
        return next((p for p in self.projects if p.id == project_id), None)

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    def role(self, role_id: str) -> CrewRole | None:
        return next((r for r in self.roles if r.id == role_id), None)


def model_for(path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that a document path (keys and indices) lands in, if any."""
    import typing

    current: Any = RotationFile
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = next(
            (f for n, f in current.model_fields.items() if (f.alias or n) == part),
            None,
        )
        if field is None:
            return None
        current = field.annotation
        # Unwrap Optional[...] and tuple[...] to the model inside.
        while typing.get_origin(current) is not None:
            args = [
                a for a in typing.get_args(current) if a is not type(None) and a is not Ellipsis
            ]
            current = args[0] if args else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()]


class ActiveCount:
    """How many of some members are active on a day, in time logarithmic in the roster."""

    def __init__(self, members: Sequence[Member]) -> None:
        # A member who leaves on or before joining is never active. For everyone else, not
        # having joined yet and having left already cannot both hold on one day.
        ever = [m for m in members if m.joined is None or m.left is None or m.joined < m.left]
        self.total = len(ever)
        self.joined = sorted(m.joined for m in ever if m.joined is not None)
        self.left = sorted(m.left for m in ever if m.left is not None)

    def on(self, day: dt.date) -> int:
        not_joined = len(self.joined) - bisect.bisect_right(self.joined, day)
        gone = bisect.bisect_right(self.left, day)
        return self.total - not_joined - gone
