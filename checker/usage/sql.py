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

    def match(self, text: str, pattern: str) -> str:
        return self.matches.format(text, f"'{pattern}'")


DUCKDB = Dialect(
    "duckdb",
    "regexp_matches({0}, {1})",
    "strftime({0}, '%Y-%m-%dT%H:%M:%SZ')",
    "CAST(floor(epoch({0}) / 3600) AS BIGINT)",
    "make_timestamp(CAST({0} AS BIGINT) * 3600000000)",
)
SPARK = Dialect(
    "spark",
    "({0} RLIKE {1})",
    "date_format({0}, \"yyyy-MM-dd'T'HH:mm:ss'Z'\")",
    "CAST(floor(unix_timestamp({0}) / 3600) AS BIGINT)",
    "timestamp_seconds(CAST({0} AS BIGINT) * 3600)",
)


def _blank(column: str) -> str:
    return f"({column} IS NULL OR trim({column}) = '')"


def checked_view(dialect: Dialect, now: str) -> str:
    """``usage_checked``: each raw row with ``problem`` (NULL for a usable row), its
    count ``n`` and its key columns cleaned. ``now`` is 'YYYY-MM-DD HH:MM:SS' (UTC)."""
    select = checked_select(dialect, now, "usage_raw")
    return f"CREATE OR REPLACE TEMPORARY VIEW usage_checked AS {select}"


def checked_select(dialect: Dialect, now: str, relation: str, extra: str = "") -> str:
    """The SELECT behind ``usage_checked`` over any relation with the raw columns;
    ``extra`` is a column list passed through first (the examples' row numbers)."""
    visibilities = ", ".join(f"'{v}'" for v in VISIBILITIES)
    count_ok = dialect.match("trim(count_text)", _COUNT)
    return f"""
SELECT {extra}
  src,
  trim(account) AS account,
  trim(system) AS system,
  trim(resource) AS resource,
  trim(action) AS action,
  coalesce(trim(field), '') AS field,
  coalesce(trim(visibility), '') AS visibility,
  CASE WHEN {_blank("record")} THEN NULL ELSE trim(resource) || '/' || trim(record) END
    AS record,
  t,
  CASE WHEN {_blank("count_text")} THEN 1
       WHEN {count_ok} THEN CAST(trim(count_text) AS BIGINT)
       ELSE NULL END AS n,
  CASE
    WHEN {_blank("account")} THEN 'missing account'
    WHEN {_blank("time_text")} THEN 'missing time'
    WHEN t IS NULL THEN 'unparsable time (ISO 8601 with an offset expected)'
    WHEN {_blank("system")} THEN 'missing system'
    WHEN {_blank("resource")} THEN 'missing resource'
    WHEN {_blank("action")} THEN 'missing action'
    WHEN NOT {_blank("visibility")} AND trim(visibility) NOT IN ({visibilities})
      THEN 'unknown visibility'
    WHEN NOT {_blank("count_text")} AND NOT {count_ok} THEN 'count is not a positive integer'
    WHEN t > TIMESTAMP '{now}' THEN 'in the future (after --now)'
    ELSE NULL
  END AS problem
FROM {relation}
"""


# The checked rows, read once and grouped by log, problem and key: the skipped rows'
# counts, each key's first and last use and events, and which systems each log holds.
# Both engines materialise it as the table usage_seen; ``problem`` is '' for usable rows.
SEEN = f"""
SELECT src, coalesce(problem, '') AS problem, {", ".join(KEYS)}, min(t) AS first_t,
  max(t) AS last_t, sum(coalesce(n, 0)) AS events, count(*) AS row_count
FROM usage_checked
GROUP BY src, coalesce(problem, ''), {", ".join(KEYS)}
"""

PROBLEMS = """
SELECT src, problem, sum(row_count) AS row_count, sum(events) AS events
FROM usage_seen GROUP BY src, problem
"""

# Every key used, numbered (key_id), with its account x system numbered too (login_id),
# and its totals: the table usage_keys. The busiest hour is then computed over integers.
KEYED = f"""
SELECT {", ".join(KEYS)}, min(first_t) AS first_t, max(last_t) AS last_t,
  sum(events) AS events,
  row_number() OVER (ORDER BY {", ".join(KEYS)}) AS key_id,
  dense_rank() OVER (ORDER BY account, system) AS login_id
FROM usage_seen WHERE problem = ''
GROUP BY {", ".join(KEYS)}
"""


def hits_query(dialect: Dialect) -> str:
    """The table usage_hits: each key's hours (since 1970) and the records touched in
    them, one row per key x hour x record; a NULL record is an event without one."""
    on = " AND ".join(f"c.{key} = k.{key}" for key in KEYS)
    return f"""
SELECT key_id, login_id, hours, record FROM (
  SELECT k.key_id, k.login_id, {dialect.hours.format("c.t")} AS hours, c.record
  FROM usage_checked c JOIN usage_keys k ON {on}
  WHERE c.problem IS NULL
) AS h
GROUP BY key_id, login_id, hours, record
"""


# The tables each engine materialises, in order, before the queries below.
def tables(dialect: Dialect) -> tuple[tuple[str, str], ...]:
    return (("usage_seen", SEEN), ("usage_keys", KEYED), ("usage_hits", hits_query(dialect)))


# The busiest hour, in one aggregate: each hour's distinct records and the hour (as hours
# since 1970, below 10**6 until the year 2084) coded into one number, records first and
# then the earlier hour, so that max() picks the most records and, on a tie, the first
# hour. GROUP BYs over integer ids only (the distinct records of an hour are the rows of
# usage_hits), then one join on the id for the row's text.
_SPAN = 1_000_000
_CODE = f"CASE WHEN records > 0 THEN records * {_SPAN} + ({_SPAN - 1} - hours) END"


def _peaks(id_column: str) -> str:
    """Per id, the coded busiest hour. usage_hits is distinct per key_id x hour x record;
    a login's keys may share a record in an hour, so its rows are made distinct first."""
    hits = (
        "usage_hits"
        if id_column == "key_id"
        else f"""(
    SELECT DISTINCT {id_column}, hours, record FROM usage_hits) AS d"""
    )
    return f"""
SELECT {id_column}, max({_CODE}) AS code FROM (
  SELECT {id_column}, hours, count(record) AS records FROM {hits}
  GROUP BY {id_column}, hours
) AS hourly GROUP BY {id_column}
"""


def _busiest(dialect: Dialect, keys: tuple[str, ...], id_column: str) -> str:
    columns = ", ".join(f"t.{key}" for key in keys)
    peak = dialect.from_hours.format(f"{_SPAN - 1} - p.code % {_SPAN}")
    return f"""
SELECT {columns}, {dialect.iso.format("t.first_t")} AS first_use,
  {dialect.iso.format("t.last_t")} AS last_use, t.events,
  {dialect.iso.format(peak)} AS peak_hour,
  coalesce(CAST(floor(p.code / {_SPAN}) AS BIGINT), 0) AS peak_records
FROM ({_totals(keys, id_column)}) AS t LEFT JOIN ({_peaks(id_column)}) AS p
  ON t.{id_column} = p.{id_column}
"""


def _totals(keys: tuple[str, ...], id_column: str) -> str:
    columns = ", ".join(keys)
    return f"""
SELECT {columns}, {id_column}, min(first_t) AS first_t, max(last_t) AS last_t,
  sum(events) AS events
FROM usage_keys GROUP BY {columns}, {id_column}
"""


# Per account x system x resource x action x field x visibility: first and last use,
# events, and the busiest hour with its distinct records (ties: the earliest hour).
def grants_query(dialect: Dialect) -> str:
    return _busiest(dialect, KEYS, "key_id")


def accounts_query(dialect: Dialect) -> str:
    return _busiest(dialect, ("account", "system"), "login_id")


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
