"""Realistic mistakes, each applied to a throwaway copy of the project; the tests chosen for it must fail.
Run: .venv/bin/python tests/mutations/run.py [-j 2] [-k WORD]  (see run.py).
(Not `python -m tests.mutations`: a package installed in .venv is also called `tests`.)"""
