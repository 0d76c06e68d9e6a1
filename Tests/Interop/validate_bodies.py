#!/usr/bin/env python3
"""Validates JSON bodies against the wire-shape schemas in Schemas/.

Usage:
  validate_bodies.py SCHEMA FILE [SCHEMA FILE ...]
  validate_bodies.py --dir DIR
  validate_bodies.py --controls-only

SCHEMA is a schema's file name with or without ".schema.json"
(e.g. "recover.request"). In --dir mode every *.json file in DIR is checked
against the schema whose name its file name starts with (the longest such
name, e.g. "recover.request.fido2.json" -> recover.request); a file matching
no schema is an error. DIR may hold KNOWN-FAILURES: lines "FILE  reason"
naming files that are expected to fail today. A known failure that fails is
reported and tolerated; one that passes is an error (remove it from the list).

Before any body, every schema is checked against the 2020-12 meta-schema and
the built-in negative controls run: an extra member in a closed object, a
misspelt credentialKind and a missing required member must each be refused.
If a control passes, the schemas no longer test what they claim and the
script fails.

Exit status: 0 all good; 1 a body or a control failed; 2 usage or unreadable
input. Needs PyPI jsonschema (make deps installs the pinned version).
"""
import copy
import json
import pathlib
import sys

try:
    import jsonschema
    from referencing import Registry, Resource
except ImportError:
    print("validate_bodies.py: the Python package jsonschema is missing; run 'make deps'", file=sys.stderr)
    sys.exit(2)

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "Schemas"
SUFFIX = ".schema.json"


def load_schemas():
    schemas = {}
    for path in sorted(SCHEMAS.glob("*" + SUFFIX)):
        schemas[path.name[: -len(SUFFIX)]] = json.loads(path.read_text(encoding="utf-8"))
    if not schemas:
        print(f"validate_bodies.py: no *{SUFFIX} under {SCHEMAS}", file=sys.stderr)
        sys.exit(2)
    return schemas


def make_validators(schemas):
    resources = [(s["$id"], Resource.from_contents(s)) for s in schemas.values()]
    registry = Registry().with_resources(resources)
    validators = {}
    for name, schema in schemas.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[name] = jsonschema.Draft202012Validator(schema, registry=registry)
    return validators


def errors_of(validator, instance):
    """One line per error, deepest first, with its JSON path."""
    out = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.path)):
        leaves = [error]
        if error.context:  # oneOf: report the branch whose kind matches, else every branch
            branches = {}
            for e in error.context:
                branches.setdefault(e.relative_schema_path[0], []).append(e)
            kind_miss = lambda e: e.validator == "const" and list(e.relative_path)[-1:] in (["credentialKind"], ["kind"])
            matching = [errs for errs in branches.values() if not any(kind_miss(e) for e in errs)]
            if len(matching) == 1:
                leaves = matching[0]
            elif not matching:  # the kind matches no variant: the enum error names it
                path = "/".join(str(p) for p in error.absolute_path) or "(top)"
                out.append(f"{path}: no variant has this kind")
                continue
        for leaf in leaves:
            path = "/".join(str(p) for p in leaf.absolute_path) or "(top)"
            message = leaf.message if len(leaf.message) <= 160 else leaf.message[:157] + "..."
            out.append(f"{path}: {message}")
    return sorted(set(out))


# --- Negative controls ----------------------------------------------------
# Minimal bodies that each schema must accept; the mutations of each must be
# refused. Values are synthetic (not secrets, not real credentials).
B64 = "eyJ0eXBlIjoia2V5LmNyZWF0ZSJ9"
INFO = {"credId": "Y3JlZC1pZA", "clientData": B64, "attestationData": B64}
KEY = {"credentialKind": "Key", "credentialInfo": dict(INFO)}
RECOVERY_KEY = {"credentialKind": "RecoveryKey", "credentialInfo": dict(INFO), "encryptedPrivateKey": "ZW52ZWxvcGU="}
BASES = {
    "send-code.request": {"username": "jo@example.com", "orgId": "or-30tnh-itmjs-s235s5ontr3r23h2"},
    "recover-init.request": {"username": "jo@example.com", "verificationCode": "1234-1234-1234-1234",
                             "orgId": "or-30tnh-itmjs-s235s5ontr3r23h2", "credentialId": "Y3JlZC1pZA"},
    "recovery-credential": RECOVERY_KEY,
    "create-credential.request": dict(RECOVERY_KEY, credentialName="kit ABCD1234", challengeIdentifier="eyJjaGFsbGVuZ2UiOiIxIn0"),
    "register.request": {"firstFactorCredential": KEY, "recoveryCredential": RECOVERY_KEY},
    "recover.request": {"recovery": {"kind": "RecoveryKey", "credentialAssertion": {"credId": "Y3JlZC1pZA", "clientData": B64, "signature": "MEUCIQ"}},
                        "newCredentials": {"firstFactorCredential": KEY, "recoveryCredential": RECOVERY_KEY}},
}


def closed_object_paths(instance, path=()):
    """Every object path in a base body (all objects in these bases are closed)."""
    if isinstance(instance, dict):
        yield path
        for key, value in instance.items():
            yield from closed_object_paths(value, path + (key,))


def at(instance, path):
    for key in path:
        instance = instance[key]
    return instance


def mutations(base):
    for path in closed_object_paths(base):
        body = copy.deepcopy(base)
        at(body, path)["unexpectedMember"] = "x"
        yield f"extra member at {'/'.join(path) or '(top)'}", body
        obj = at(base, path)
        if "credentialKind" in obj:
            for wrong in (obj["credentialKind"].lower(), obj["credentialKind"] + "s", "Recoverykey", "Passkey"):
                body = copy.deepcopy(base)
                at(body, path)["credentialKind"] = wrong
                yield f"credentialKind {wrong!r} at {'/'.join(path) or '(top)'}", body
    return


def required_removals(base):
    """Drop each member the schema says is required, at every level of the base."""
    for path in closed_object_paths(base):
        for key in list(at(base, path)):
            body = copy.deepcopy(base)
            del at(body, path)[key]
            # Only members whose removal the schema must notice: decided by
            # the SDK facts below, not by asking the validator.
            if (path, key) in OPTIONAL:
                continue
            yield f"missing {'/'.join(path + (key,))}", body


# Members the SDK types make optional (their removal must still validate).
OPTIONAL = {
    ((), "orgId"),  # send-code and init: optional in PyPI dfns-sdk 1.0.4
    ((), "recoveryCredential"), (("newCredentials",), "recoveryCredential"),
    ((), "encryptedPrivateKey"), (("recoveryCredential",), "encryptedPrivateKey"),
    (("newCredentials", "recoveryCredential"), "encryptedPrivateKey"),
}


def run_controls(validators):
    failures = 0
    count = 0
    for name, base in BASES.items():
        validator = validators.get(name)
        if validator is None:
            print(f"control FAIL {name}: no such schema")
            failures += 1
            continue
        problems = errors_of(validator, base)
        if problems:
            print(f"control FAIL {name}: the valid base body is refused: {problems[0]}")
            failures += 1
            continue
        for what, body in list(mutations(base)) + list(required_removals(base)):
            count += 1
            if not errors_of(validator, body):
                print(f"control FAIL {name}: {what} was accepted")
                failures += 1
        for path, key in OPTIONAL:
            try:
                parent = at(base, path)
            except (KeyError, TypeError):
                continue
            if key in parent:
                body = copy.deepcopy(base)
                del at(body, path)[key]
                count += 1
                if errors_of(validator, body):
                    print(f"control FAIL {name}: dropping optional {'/'.join(path + (key,))} was refused")
                    failures += 1
    print(f"negative controls: {count} mutations of {len(BASES)} bodies, {failures} control failure(s)")
    return failures


# --- Bodies ---------------------------------------------------------------
def read_json(path):
    try:
        return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        print(f"validate_bodies.py: cannot read {path}: {error.strerror}", file=sys.stderr)
        sys.exit(2)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return error


def check(validators, name, path, known=None):
    """Returns 1 when this result is a failure of the run."""
    name = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    if name not in validators:
        print(f"validate_bodies.py: no schema {name!r} (have: {', '.join(validators)})", file=sys.stderr)
        sys.exit(2)
    instance = read_json(path)
    problems = [f"not JSON: {instance}"] if isinstance(instance, Exception) else errors_of(validators[name], instance)
    if known is not None:
        if problems:
            print(f"known failure {path} against {name} ({known}):")
            for line in problems:
                print(f"    {line}")
            return 0
        print(f"FAIL {path} against {name}: listed in KNOWN-FAILURES but now passes; remove it from the list")
        return 1
    if problems:
        print(f"FAIL {path} against {name}:")
        for line in problems:
            print(f"    {line}")
        return 1
    print(f"ok   {path} against {name}")
    return 0


def folder_pairs(directory, names):
    directory = pathlib.Path(directory)
    if not directory.is_dir():
        print(f"validate_bodies.py: {directory} is not a folder", file=sys.stderr)
        sys.exit(2)
    known = {}
    list_file = directory / "KNOWN-FAILURES"
    if list_file.exists():
        for line in list_file.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                file, _, reason = line.partition(" ")
                known[file] = reason.strip() or "listed"
    pairs = []
    for path in sorted(directory.glob("*.json")):
        matches = [n for n in names if path.name == n + ".json" or path.name.startswith(n + ".")]
        if not matches:
            print(f"validate_bodies.py: {path.name} starts with no schema name; name it SCHEMA[.what].json", file=sys.stderr)
            sys.exit(2)
        pairs.append((max(matches, key=len), path, known.pop(path.name, None)))
    for file in known:
        print(f"validate_bodies.py: KNOWN-FAILURES names {file}, which is not in {directory}", file=sys.stderr)
        sys.exit(2)
    if not pairs:
        print(f"validate_bodies.py: no *.json bodies in {directory}", file=sys.stderr)
        sys.exit(2)
    return pairs


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    validators = make_validators(load_schemas())
    print(f"schemas: {len(validators)} valid against the 2020-12 meta-schema")
    failures = run_controls(validators)
    if argv == ["--controls-only"]:
        pairs = []
    elif argv[0] == "--dir" and len(argv) == 2:
        pairs = folder_pairs(argv[1], list(validators))
    elif len(argv) % 2 == 0 and not argv[0].startswith("-"):
        pairs = [(argv[i], argv[i + 1], None) for i in range(0, len(argv), 2)]
    else:
        print("usage: validate_bodies.py SCHEMA FILE [SCHEMA FILE ...] | --dir DIR | --controls-only", file=sys.stderr)
        return 2
    for name, path, known in pairs:
        failures += check(validators, name, path, known)
    print("validate_bodies.py: " + ("all passed" if failures == 0 else f"{failures} failure(s)"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
