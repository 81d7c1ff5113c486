"""Where relrot leans on a library's private internals, one module per library.

Each module is the only place that names the private thing, has a test in
`tests/_compat/` that fails when the library changes it, and its library has an upper
bound in pyproject.toml at the next release not yet tried.
"""
