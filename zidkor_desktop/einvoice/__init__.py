"""E-invoices: EN 16931 terms, XRechnung CII XML and ZUGFeRD embedding."""
