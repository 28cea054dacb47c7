"""Command-line interface (`advisor`)."""


def main() -> None:
    from advisor.frontdoors.cli.main import main as _main

    _main()
