"""Open a database for use: engine, then schema brought to the current revision."""

from sqlalchemy import Engine

from db.engine import make_engine
from db.migrate import upgrade_to_head


def open_database(url: str) -> Engine:
    """An engine on ``url`` whose schema is current; raises ``DatabaseOpenError`` with a reason."""
    engine = make_engine(url)
    try:
        upgrade_to_head(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine
