"""``python -m uclab``: the same as the ``uclab`` console script (:mod:`uclab.cli`)."""

import sys

from uclab.cli import main

if __name__ == "__main__":
    sys.exit(main())
