from advisor.frontdoors.cli import main

main()
