"""Entry script of the PyInstaller bundle (build.spec): the same ``main()`` as the
``crm-desktop`` console script and ``python -m crm_desktop``.

It lives outside the package so that the package itself stays importable in the usual way
(PyInstaller runs its entry script as ``__main__``, not as a module of a package).
"""

import sys

from crm_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
