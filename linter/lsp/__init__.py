"""The language server (``cognito-lint lsp``): diagnostics and quick fixes for editor buffers.

``server`` is the pygls server (imported only by the ``lsp`` command: pygls is the optional extra
``cognito-lint[lsp]``); ``settings`` finds and reloads each document's configuration;
``positions`` converts between the engine's columns and the client's position encoding;
``actions`` writes the "suppress" quick fixes in each file's syntax.
"""
