"""Read-only queries returning plain rows for lists and documents."""
