"""Demo mode: two local sandbox IMAP servers (pymap, in memory) with realistic sample mail.

`start_sandbox()` needs no Qt; only `launch.run_demo()` opens the wizard.
"""
