"""PDF documents rendered with ReportLab from snapshots (letters, invoices, minutes, statute)."""
