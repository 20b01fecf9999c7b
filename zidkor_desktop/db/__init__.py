"""Database: models, engine/session, migrations and audit trail."""
