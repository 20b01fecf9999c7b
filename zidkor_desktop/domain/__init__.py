"""Pure business rules: no Qt, no database."""
