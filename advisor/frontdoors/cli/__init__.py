"""Command-line interface (`advisor`)."""



def main() -> None:
    from advisor.frontdoors.cli.main import main as _main  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    _main()
