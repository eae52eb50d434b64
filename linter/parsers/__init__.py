"""Parsers: a file's bytes → a :class:`~linter.parsers.document.Document`, plain data plus the text
span of every value.

One module per syntax: ``json_document`` and ``yaml_document`` (every JSON/YAML input kind),
``hcl`` (Terraform) and ``powershell`` (AWS Tools scripts), which share ``scanner``.  Each module's
``parse(path, text)`` returns its document; which syntax a file has is the loaders' decision
(``linter.loaders.registry``).  Parsers know nothing of app clients.
"""
