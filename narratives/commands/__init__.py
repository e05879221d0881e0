"""One module per ``juesuan`` command: ``add(subparsers, name)`` registers it, ``run(args)`` runs it."""
