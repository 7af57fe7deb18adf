"""Qt only: main window, register views, dialogs, delegates, table models."""
