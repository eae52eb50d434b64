"""What the built-in rules share, one module per family of questions: ``schema`` (CG002–CG007),
``flows`` (OAuth and sign-in flows), ``urls`` (redirect URLs), ``tokens`` (validities and their
units), ``attributes`` (user-pool attributes), ``cross_resource`` (the resources around a client),
``secrets`` (client secrets).  Facts about the service are the model's (:mod:`linter.model.service`);
these modules answer questions about a client with them, and stay silent where values are unknown.
"""
