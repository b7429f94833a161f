"""Database layer: where the data lives, the engine, sessions and schema migrations (no Qt)."""
