"""``python -m crm_desktop`` starts the GUI; ``python -m crm_desktop <command>`` runs a
headless command (see cli.py)."""

import sys


def main() -> int:
    from .cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
