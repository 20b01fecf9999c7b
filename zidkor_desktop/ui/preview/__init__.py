"""The one document viewer: PDF preview, printing through the system dialog, saving."""
