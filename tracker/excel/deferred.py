"""Build a table's plain indexes after a large insert into it, not row by row during it.

Each inserted row updates every index of its table at a random place in each B-tree; an
import into an empty database spends about a third of its SQL time that way. SQLite builds an
index from scratch by sorting, which is cheaper once the rows added are as many as the rows
held. So, on SQLite and inside the import's one transaction, the plain (non-unique) indexes of
a table about to get that many rows are dropped before its first insert and created again,
from their own stored SQL, before the transaction ends: a rollback or a failure puts them back
with everything else. Unique indexes stay, so constraint errors come as before, at the row.
"""

from sqlalchemy import Connection, Table, text

#: Fewer rows than this are inserted with the indexes in place (dropping would gain nothing).
SMALLEST = 2_000


class DeferredIndexes:
    """Which tables' indexes are dropped for now, on ``connection``'s open transaction."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.decided: set[str] = set()
        #: The CREATE INDEX statements to run again, in the order the indexes were dropped.
        self.dropped: list[str] = []

    def before_insert(self, target: Table, rows: int) -> None:
        """Drop ``target``'s plain indexes when ``rows`` new rows are many for it (decided
        at its first insert of the import)."""
        if target.name in self.decided:
            return
        self.decided.add(target.name)
        if rows < SMALLEST or not self._in_sqlite_transaction():
            return
        held = self.connection.execute(text(f'SELECT max(rowid) FROM "{target.name}"')).scalar()
        if rows < int(held or 0):
            return
        found = self.connection.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :table "
                "AND sql IS NOT NULL"
            ),
            {"table": target.name},
        )
        for name, sql in list(found):
            if str(sql).lstrip().upper().startswith("CREATE UNIQUE"):
                continue
            self.connection.exec_driver_sql(f'DROP INDEX "{name}"')
            self.dropped.append(str(sql))

    def rebuild(self) -> None:
        """Create every dropped index again."""
        for sql in self.dropped:
            self.connection.exec_driver_sql(sql)
        self.dropped = []

    def _in_sqlite_transaction(self) -> bool:
        """Only inside an open SQLite transaction: outside one, DDL would commit by itself."""
        if self.connection.dialect.name != "sqlite":
            return False
        raw = self.connection.connection.dbapi_connection
        return bool(getattr(raw, "in_transaction", False))
