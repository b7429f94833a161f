"""Services: every read and write of the domain goes through these functions.

Each function takes a ``Session``; callers decide the transaction (see ``db.session``).
Writers validate first and raise ``ValidationError`` before touching the session.
"""
