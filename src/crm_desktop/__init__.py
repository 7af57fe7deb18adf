"""crm_desktop: the branch office's customer management rules as a desktop program."""

__version__ = "0.1.0"
APP_NAME = "crm_desktop"
ORG_NAME = "crm_desktop"
