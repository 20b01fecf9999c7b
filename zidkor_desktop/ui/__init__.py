"""Qt user interface: main window, pages, table models, dialogs and widgets."""
