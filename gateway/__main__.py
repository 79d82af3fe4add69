"""``python -m gateway`` runs the ``o2c`` command."""

from gateway.cli import main

if __name__ == "__main__":
    main()
