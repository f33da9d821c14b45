"""Checks the OpenAPI document with tools independent of the server's code.

    python check_document.py DOCUMENT.json

1. The document is valid OpenAPI 3.1 (openapi-spec-validator, against the official schema).
2. Every example in it is valid against the schema it illustrates (jsonschema, draft
   2020-12, with format checks), so that Swagger UI and SDK docs never show an example
   the server would reject or never send.
"""

import json
import sys

from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOC_URI = "urn:notes:openapi"


def pointer_escape(key):
    return str(key).replace("~", "~0").replace("/", "~1")


def examples(node, pointer="", in_schema=False):
    """Yields (where, example, pointer of the schema it must satisfy)."""
    if isinstance(node, dict):
        if "example" in node:
            if "schema" in node:
                yield pointer, node["example"], pointer + "/schema"
            elif in_schema:
                yield pointer, node["example"], pointer
        for key, value in node.items():
            if key in ("example", "examples"):
                continue
            child_in_schema = in_schema or key == "schema" or pointer == "/components/schemas"
            yield from examples(value, f"{pointer}/{pointer_escape(key)}", child_in_schema)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from examples(item, f"{pointer}/{index}", in_schema)


def main(path):
    with open(path, encoding="utf-8") as file:
        document = json.load(file)

    validate(document)
    print(f"{path}: valid OpenAPI {document['openapi']}")

    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry = Registry().with_resource(DOC_URI, resource)
    failures = []
    count = 0
    for where, example, schema_pointer in examples(document):
        count += 1
        validator = Draft202012Validator(
            {"$ref": f"{DOC_URI}#{schema_pointer}"},
            registry=registry,
            format_checker=FormatChecker(),
        )
        for error in validator.iter_errors(example):
            failures.append(f"{where}: {error.message}")

    if count == 0:
        failures.append("the document has no examples at all")
    for failure in failures:
        print(f"INVALID EXAMPLE {failure}", file=sys.stderr)
    print(f"{count} examples checked, {len(failures)} invalid")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
