import sys

from acuref.cli import main

sys.exit(main())
