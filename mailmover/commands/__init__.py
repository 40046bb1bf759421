"""The command line's subcommands; the table of them is mailmover.cli.COMMANDS."""
