"""Loaders: a parsed document → the app clients in it, each with a map back to the document.

One module per input format, each declaring its ``FORMAT`` (file types, how it is recognised, how
it loads) and giving its clients the words of its format (:mod:`linter.model.wording`);
``registry`` lists them.  The rest are what loaders share: ``source`` (what a loader returns),
``intrinsics`` and ``conditions`` (CloudFormation's functions), ``template_context`` and
``terraform_context`` (the resources around a client), ``cdk`` (stack names in a cloud assembly),
``expressions`` (the hand-written readers' values in the model).
"""
