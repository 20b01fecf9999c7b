"""ZIDKOR Desktop: administration program of the ZIDKOR association office."""

__version__ = "0.1.0"
APP_NAME = "ZIDKOR Desktop"
APP_ID = "zidkor-desktop"
ORG_NAME = "ZIDKOR"
