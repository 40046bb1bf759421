"""mailmover: move a person's mail, contacts and files from one mail system to another."""

__version__ = "0.1.0"
