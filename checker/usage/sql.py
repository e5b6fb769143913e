"""The usage aggregation, defined once as SQL that DuckDB and Spark SQL both run.

Every engine first exposes the events it read as a view ``usage_raw`` with the columns of
``RAW_COLUMNS``: ``src`` (the log file as messages name it), the neutral columns as text,
and ``t``: the time in UTC as a TIMESTAMP, NULL when the text has no offset or does not
parse. From there the statements below are the same on both engines; only ``matches``
(a regular expression test) is spelled per dialect. Nothing here depends on row order,
so both engines give the same rows; ``summary.py`` sorts them.
"""

from __future__ import annotations

from dataclasses import dataclass

# What each engine's reader puts in usage_raw.
RAW_COLUMNS = (
    "src",
    "account",
    "system",
    "resource",
    "action",
    "field",
    "visibility",
    "record",
    "count_text",
    "time_text",
    "t",
)
VISIBILITIES = ("masked", "reveal_on_demand", "full", "compare", "none")
KEYS = ("account", "system", "resource", "action", "field", "visibility")
# The tail of an ISO 8601 time that carries its offset: Z, +hh:mm, +hhmm or +hh.
OFFSET = "([Zz]|[+-][0-9][0-9](:?[0-9][0-9])?)$"
_COUNT = "^[1-9][0-9]{0,8}$"


@dataclass(frozen=True)
class Dialect:
    name: str
    matches: str  # a format string: {0} the text, {1} the quoted pattern
    iso: str  # a format string: {0} a TIMESTAMP, as text like 2026-10-02T12:01:26Z
    hours: str  # {0} a TIMESTAMP, as whole hours since 1970 (BIGINT)
    from_hours: str  # {0} hours since 1970, as a TIMESTAMP
    hash: str  # {0} columns, as one 64-bit hash (NULL-safe; collisions are checked)

    def match(self, text: str, pattern: str) -> str:
        return self.matches.format(text, f"'{pattern}'")


DUCKDB = Dialect(
    "duckdb",
    "regexp_matches({0}, {1})",
    "strftime({0}, '%Y-%m-%dT%H:%M:%SZ')",
    "CAST(floor(epoch({0}) / 3600) AS BIGINT)",
    "make_timestamp(CAST({0} AS BIGINT) * 3600000000)",
    "hash({0})",
)
SPARK = Dialect(
    "spark",
    "({0} RLIKE {1})",
    "date_format({0}, \"yyyy-MM-dd'T'HH:mm:ss'Z'\")",
    "CAST(floor(unix_timestamp({0}) / 3600) AS BIGINT)",
    "timestamp_seconds(CAST({0} AS BIGINT) * 3600)",
    "xxhash64({0})",
)


def _blank(column: str) -> str:
    return f"({column} IS NULL OR trim({column}) = '')"


def _time_checks(now: str) -> tuple[str, str, str]:
    """Missing, unparsable and future time, for one row of usage_raw."""
    return (_blank("time_text"), "t IS NULL", f"t > TIMESTAMP '{now}'")


# usage_groups keeps the time checks as one number, time_state (0: the time is usable).
_GROUP_TIME = ("time_state = 1", "time_state = 2", "time_state = 3")


def _conditions(dialect: Dialect, time: tuple[str, str, str]) -> tuple[tuple[str, str], ...]:
    """Each problem and when a row has it, first match wins: over raw columns, with
    ``time`` the conditions of a missing, unparsable and future time."""
    visibilities = ", ".join(f"'{v}'" for v in VISIBILITIES)
    count_ok = dialect.match("trim(count_text)", _COUNT)
    return (
        ("missing account", _blank("account")),
        ("missing time", time[0]),
        ("unparsable time (ISO 8601 with an offset expected)", time[1]),
        ("missing system", _blank("system")),
        ("missing resource", _blank("resource")),
        ("missing action", _blank("action")),
        (
            "unknown visibility",
            f"NOT {_blank('visibility')} AND trim(visibility) NOT IN ({visibilities})",
        ),
        ("count is not a positive integer", f"NOT {_blank('count_text')} AND NOT {count_ok}"),
        ("in the future (after --now)", time[2]),
    )


def _problem(conditions: tuple[tuple[str, str], ...]) -> str:
    cases = " ".join(f"WHEN {when} THEN '{label}'" for label, when in conditions)
    return f"CASE {cases} ELSE NULL END"


def _count(dialect: Dialect) -> str:
    count_ok = dialect.match("trim(count_text)", _COUNT)
    return (
        f"CASE WHEN {_blank('count_text')} THEN 1 "
        f"WHEN {count_ok} THEN CAST(trim(count_text) AS BIGINT) ELSE NULL END"
    )


def _cleaned() -> str:
    return """trim(account) AS account, trim(system) AS system, trim(resource) AS resource,
  trim(action) AS action, coalesce(trim(field), '') AS field,
  coalesce(trim(visibility), '') AS visibility"""


def checked_view(dialect: Dialect, now: str) -> str:
    """``usage_checked``: each raw row with ``problem`` (NULL for a usable row), its
    count ``n`` and its key columns cleaned. ``now`` is 'YYYY-MM-DD HH:MM:SS' (UTC)."""
    select = checked_select(dialect, now, "usage_raw")
    return f"CREATE OR REPLACE TEMPORARY VIEW usage_checked AS {select}"


def checked_select(dialect: Dialect, now: str, relation: str, extra: str = "") -> str:
    """The SELECT behind ``usage_checked`` over any relation with the raw columns;
    ``extra`` is a column list passed through first (the examples' row numbers)."""
    return f"""
SELECT {extra}
  src, {_cleaned()},
  CASE WHEN {_blank("record")} THEN NULL ELSE trim(resource) || '/' || trim(record) END
    AS record,
  t, {_count(dialect)} AS n, {_problem(_conditions(dialect, _time_checks(now)))} AS problem
FROM {relation}
"""


def row_usable(dialect: Dialect, now: str, problems: set[str]) -> str:
    """A condition true for the rows of usage_raw that have none of ``problems``: the
    problems the logs were found to have, so with none there is nothing to test."""
    tests = [f"NOT ({w})" for p, w in _conditions(dialect, _time_checks(now)) if p in problems]
    return " AND ".join(tests) or "TRUE"


def raw_key(dialect: Dialect, prefix: str = "") -> str:
    return dialect.hash.format(", ".join(prefix + key for key in KEYS))


def raw_login(dialect: Dialect) -> str:
    return dialect.hash.format("account, system")


_RAW = ", ".join(KEYS)


def grouped(dialect: Dialect, now: str) -> tuple[tuple[str, str], ...]:
    """The first tables, in order. usage_groups: the raw rows read once and grouped as
    they are (the log, the six keys untrimmed, the count's text, the time's state), so
    the checks and trims below run per group, not per event; first_record_t is the first
    time with a record. usage_seen: per log, problem ('' for usable rows) and cleaned
    key, the skipped rows, first and last use, events, and the hashes of the raw keys."""
    state = "CASE " + " ".join(
        f"WHEN {when} THEN {i}" for i, when in enumerate(_time_checks(now), 1)
    )
    groups = f"""
SELECT src, {_RAW}, count_text, time_state, min(t) AS first_t, max(t) AS last_t,
  count(*) AS row_count, min(record_t) AS first_record_t
FROM (
  SELECT src, {_RAW}, count_text, t, {state} ELSE 0 END AS time_state,
    CASE WHEN {_blank("record")} THEN NULL ELSE t END AS record_t
  FROM usage_raw
) AS r
GROUP BY src, {_RAW}, count_text, time_state
"""
    seen = f"""
SELECT src, coalesce(problem, '') AS problem, {_RAW}, min(first_t) AS first_t,
  max(last_t) AS last_t, sum(row_count * coalesce(n, 0)) AS events,
  sum(row_count) AS row_count, min(first_record_t) AS first_record_t,
  min(raw_key) AS key_low, max(raw_key) AS key_high,
  min(raw_login) AS login_low, max(raw_login) AS login_high
FROM (
  SELECT src, {_cleaned()}, first_t, last_t, row_count, first_record_t,
    {_count(dialect)} AS n, {_problem(_conditions(dialect, _GROUP_TIME))} AS problem,
    {raw_key(dialect)} AS raw_key, {raw_login(dialect)} AS raw_login
  FROM usage_groups
) AS g
GROUP BY src, coalesce(problem, ''), {_RAW}
"""
    return (("usage_groups", groups), ("usage_seen", seen))


PROBLEMS = """
SELECT src, problem, sum(row_count) AS row_count, sum(events) AS events
FROM usage_seen GROUP BY src, problem
"""


def _unique(keys: str, prefix: str) -> str:
    return f"""(SELECT count(*) AS n, count(DISTINCT low) AS ids,
    sum(CASE WHEN low = high THEN 0 ELSE 1 END) AS split
  FROM (SELECT min({prefix}_low) AS low, max({prefix}_high) AS high
    FROM usage_seen WHERE problem = '' GROUP BY {keys}) AS u) AS {prefix}s"""


# Whether the hash of a row's raw keys names its cleaned key (and the hash of its raw
# account and system its login): each key has one hash and no two keys share one. Then
# the events are numbered by hashing the raw columns, not by joining the six texts.
HASHES_NAME_KEYS = f"""
SELECT keys.n = keys.ids AND keys.split = 0 AND logins.n = logins.ids AND logins.split = 0
FROM {_unique(_RAW, "key")} CROSS JOIN {_unique("account, system", "login")}
"""


def systems_query(dialect: Dialect) -> str:
    return _SYSTEMS.format(
        first=dialect.iso.format("min(first_t)"), last=dialect.iso.format("max(last_t)")
    )


# Per system: the period its logs cover.
_SYSTEMS = """
SELECT system, {first} AS first_use, {last} AS last_use, sum(events) AS events
FROM usage_keys GROUP BY system
"""

# Which systems each log holds events of (a system's logs decide what it can show).
SOURCE_SYSTEMS = "SELECT DISTINCT src, system FROM usage_seen WHERE problem = ''"
