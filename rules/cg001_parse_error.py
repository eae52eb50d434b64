"""The file cannot be read or parsed.

## What it does
Reports a file that is not valid JSON or YAML, uses an unknown CloudFormation tag (`!Reff`), repeats
a key in one mapping, or is not UTF-8 text. The finding points at the line and column where
parsing stopped. The other files are still linted. A parse error is reported even when CG001 is
not selected (like a syntax error in ruff): a file that cannot be read is never silently clean.

## Why it matters
CloudFormation and the AWS CLI reject such a file outright, and nothing else in it can be checked
until it parses. A duplicate key is worse: most parsers silently keep the last value, so the
setting you reviewed may not be the one that is deployed.

## Example
```yaml
Resources:
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Reff UserPool
```

## Fix
```yaml
Resources:
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
```

## References
- YAML 1.2 specification, https://yaml.org/spec/1.2.2/
- RFC 8259 (JSON), section 4: "The names within an object SHOULD be unique."
- CloudFormation intrinsic function reference (short-form tags), https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html
"""
ID = "CG001"
NAME = "parse-error"
LEVEL = "error"

# No check: the engine reports this rule when a file does not parse.
check = None
