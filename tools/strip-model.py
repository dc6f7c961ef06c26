#!/usr/bin/env python3
"""Writes the service model the protocol layer embeds: botocore's Cognito model with its documentation
prose removed, so only the facts (operations, shapes, constraints, errors) ship with CognitoMock.

usage: tools/strip-model.py ../shared/spec/cognito-idp-2016-04-18.service-2.json
"""
import json
import sys

DROP = {"documentation", "documentationUrl", "deprecatedMessage"}


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in DROP}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


source = sys.argv[1] if len(sys.argv) > 1 else "../shared/spec/cognito-idp-2016-04-18.service-2.json"
with open(source, encoding="utf-8") as f:
    model = json.load(f)
out = "src/CognitoMock.AspNetCore/Model/cognito-idp-2016-04-18.model.json"
with open(out, "w", encoding="utf-8") as f:
    json.dump(strip(model), f, separators=(",", ":"), sort_keys=False)
    f.write("\n")
print(f"wrote {out}")
