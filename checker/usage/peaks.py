"""The busiest hour of each key and login, exactly, without grouping every event by
key x hour x record: the tables after sql.grouped, and the grant and account rows.

Only an hour in which a login has two or more events with a record can hold two
distinct records, for the login or for any of its keys. So the events are grouped once
by login and hour, and only the events of the hours with more than one (usage_cells)
are read again and grouped by key, hour and record (usage_hits). Every other hour holds
one record, and the earliest hour with a record (first_record_t, from sql.grouped) is
the busiest of those. SQL for DuckDB and Spark alike, as sql.py.
"""

from __future__ import annotations

from checker.usage.sql import KEYS, Dialect, raw_key, raw_login, row_usable

# The busiest hour, in one number: each hour's distinct records and the hour (as hours
# since 1970, below 10**6 until the year 2084) coded records first and then the earlier
# hour, so that max() picks the most records and, on a tie, the first hour.
_SPAN = 1_000_000
_CODE = f"CASE WHEN records > 0 THEN records * {_SPAN} + ({_SPAN - 1} - hours) END"


def _keyed(hashed: bool) -> str:
    """usage_keys: each usable key with its totals, numbered (key_id) with its account x
    system (login_id): by the hash of its raw keys when that names it, else by rank."""
    ids = (
        "min(key_low) AS key_id, min(login_low) AS login_id"
        if hashed
        else f"row_number() OVER (ORDER BY {', '.join(KEYS)}) AS key_id,"
        " dense_rank() OVER (ORDER BY account, system) AS login_id"
    )
    return f"""
SELECT {", ".join(KEYS)}, min(first_t) AS first_t, max(last_t) AS last_t,
  sum(events) AS events, min(first_record_t) AS first_record_t, {ids}
FROM usage_seen WHERE problem = ''
GROUP BY {", ".join(KEYS)}
"""


def _events(dialect: Dialect, now: str, hashed: bool, problems: set[str]) -> tuple[str, str, str]:
    """The usable events with a record (login_id, hour and their columns ``e``), and
    their key_id and record as usage_hits has them, made once the events are few."""
    if hashed:
        return (
            f"""
SELECT {raw_login(dialect)} AS login_id, {dialect.hours.format("t")} AS hours,
  {", ".join(KEYS)}, record
FROM usage_raw
WHERE NOT (record IS NULL OR trim(record) = '') AND {row_usable(dialect, now, problems)}
""",
            raw_key(dialect, "e."),
            "trim(e.resource) || '/' || trim(e.record)",
        )
    on = " AND ".join(f"c.{key} = k.{key}" for key in KEYS)
    return (
        f"""
SELECT k.key_id, k.login_id, {dialect.hours.format("c.t")} AS hours, c.record
FROM usage_checked c JOIN usage_keys k ON {on}
WHERE c.problem IS NULL AND c.record IS NOT NULL
""",
        "e.key_id",
        "e.record",
    )


def tables(
    dialect: Dialect, now: str, *, hashed: bool, problems: set[str]
) -> tuple[tuple[str, str], ...]:
    """The tables after sql.grouped, in order; ``hashed`` from sql.HASHES_NAME_KEYS,
    ``problems`` the problems the logs have (sql.PROBLEMS)."""
    events, key_id, record = _events(dialect, now, hashed, problems)
    cells = f"""
SELECT login_id, hours FROM ({events}) AS e GROUP BY login_id, hours HAVING count(*) > 1
"""
    hits = f"""
SELECT key_id, login_id, hours, record FROM (
  SELECT {key_id} AS key_id, e.login_id, e.hours, {record} AS record
  FROM ({events}) AS e JOIN usage_cells c ON e.login_id = c.login_id AND e.hours = c.hours
) AS h
GROUP BY key_id, login_id, hours, record
"""
    return (("usage_keys", _keyed(hashed)), ("usage_cells", cells), ("usage_hits", hits))


def _peaks(dialect: Dialect, id_column: str) -> str:
    """Per id, the coded busiest hour: of the hours in usage_hits (a login's keys may
    share a record in an hour, so its rows are made distinct first), and the first
    hour with a record, which holds at least one."""
    hits = (
        "usage_hits"
        if id_column == "key_id"
        else f"(SELECT DISTINCT {id_column}, hours, record FROM usage_hits) AS d"
    )
    first = dialect.hours.format("first_record_t")
    return f"""
SELECT {id_column}, max(code) AS code FROM (
  SELECT {id_column}, {_CODE} AS code FROM (
    SELECT {id_column}, hours, count(record) AS records FROM {hits}
    GROUP BY {id_column}, hours
  ) AS hourly
  UNION ALL
  SELECT {id_column}, {_SPAN} + ({_SPAN - 1} - {first}) AS code
  FROM usage_keys WHERE first_record_t IS NOT NULL
) AS coded GROUP BY {id_column}
"""


def _busiest(dialect: Dialect, keys: tuple[str, ...], id_column: str) -> str:
    columns = ", ".join(f"t.{key}" for key in keys)
    peak = dialect.from_hours.format(f"{_SPAN - 1} - p.code % {_SPAN}")
    return f"""
SELECT {columns}, {dialect.iso.format("t.first_t")} AS first_use,
  {dialect.iso.format("t.last_t")} AS last_use, t.events,
  {dialect.iso.format(peak)} AS peak_hour,
  coalesce(CAST(floor(p.code / {_SPAN}) AS BIGINT), 0) AS peak_records
FROM ({_totals(keys, id_column)}) AS t LEFT JOIN ({_peaks(dialect, id_column)}) AS p
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
