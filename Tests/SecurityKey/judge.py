#!/usr/bin/env python3
"""The independent judge of a passkey rkit made: Yubico's python-fido2
(PyPI fido2, pinned in the Makefile) as the relying party.

    judge.py register --body body.json --challenge response.json --origin ORIGIN --out cred.json
        Fido2Server registers newCredentials.firstFactorCredential of a
        recovery body: challenge = the UTF-8 of the challenge string,
        rp.id from the challenge, the kit's origin, user verification
        required. Writes the registered credential (for signin).

    judge.py signin --socket PATH --pin PIN --credential cred.json --origin ORIGIN
        The same security key signs in: python-fido2's client talks CTAP
        over the Unix socket (raw 64-byte CTAPHID reports), Fido2Server
        checks the assertion against the registered public key.

Exit 0 and one line "ok: …" when the server accepts; exit 1 and the
server's reason otherwise; exit 2 when fido2 is missing.
"""
import argparse
import base64
import json
import os
import socket
import sys


def fail(message, status=1):
    print(f"judge.py: {message}", file=sys.stderr)
    sys.exit(status)


try:
    from fido2.server import Fido2Server
    from fido2.webauthn import (AttestedCredentialData, PublicKeyCredentialRpEntity,
                                PublicKeyCredentialUserEntity, UserVerificationRequirement,
                                RegistrationResponse, AuthenticatorAttestationResponse,
                                CollectedClientData, AttestationObject)
    from fido2.client import Fido2Client, DefaultClientDataCollector, UserInteraction
    from fido2.hid import CtapHidDevice
    from fido2.hid.base import CtapHidConnection, HidDescriptor
except ImportError as error:
    fail(f"{error}: run `make security-key-deps` (fido2, pinned in the Makefile)", 2)


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class UnixSocketConnection(CtapHidConnection):
    """Raw 64-byte CTAPHID reports over a Unix stream socket."""

    def __init__(self, path):
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.socket.connect(path)

    def write_packet(self, data):
        self.socket.sendall(bytes(data).ljust(64, b"\x00"))

    def read_packet(self):
        out = b""
        while len(out) < 64:
            chunk = self.socket.recv(64 - len(out))
            if not chunk:
                raise OSError("the security key closed the socket")
            out += chunk
        return out

    def close(self):
        self.socket.close()


def load(path):
    with open(path, "rb") as handle:
        return json.loads(handle.read())


def register(args):
    body = load(args.body)
    challenge = load(args.challenge)
    credential = body["newCredentials"]["firstFactorCredential"]
    if credential.get("credentialKind") != "Fido2":
        fail(f"the first factor is {credential.get('credentialKind')!r}, not Fido2")
    info = credential["credentialInfo"]
    rp = challenge["rp"]
    server = Fido2Server(PublicKeyCredentialRpEntity(id=rp["id"], name=rp.get("name", rp["id"])),
                         verify_origin=lambda origin: origin == args.origin)
    user = challenge["user"]
    _, state = server.register_begin(
        PublicKeyCredentialUserEntity(id=user["id"].encode(), name=user.get("name", ""),
                                      display_name=user.get("displayName", "")),
        user_verification=UserVerificationRequirement.REQUIRED,
        challenge=challenge["challenge"].encode("utf-8"))
    raw_id = b64url_decode(info["credId"])
    response = RegistrationResponse(
        raw_id=raw_id,
        response=AuthenticatorAttestationResponse(
            client_data=CollectedClientData(b64url_decode(info["clientData"])),
            attestation_object=AttestationObject(b64url_decode(info["attestationData"]))))
    try:
        auth_data = server.register_complete(state, response)
    except Exception as error:  # the server's reason, as one line
        fail(f"Fido2Server refused the registration: {error}")
    data = auth_data.credential_data
    with open(args.out, "w") as handle:
        json.dump({"rpId": rp["id"], "rpName": rp.get("name", rp["id"]),
                   "credentialData": b64url(bytes(data)),
                   "userVerified": auth_data.is_user_verified()}, handle)
    print(f"ok: Fido2Server registered credential {b64url(data.credential_id)} for rp.id {rp['id']} "
          f"(user verified: {auth_data.is_user_verified()}, aaguid {data.aaguid})")


def signin(args):
    stored = load(args.credential)
    credential = AttestedCredentialData(b64url_decode(stored["credentialData"]))
    server = Fido2Server(PublicKeyCredentialRpEntity(id=stored["rpId"], name=stored["rpName"]),
                         verify_origin=lambda origin: origin == args.origin)
    request, state = server.authenticate_begin([credential], user_verification=UserVerificationRequirement.REQUIRED)

    class Pin(UserInteraction):
        def request_pin(self, permissions, rp_id):
            return args.pin

    descriptor = HidDescriptor(args.socket, 0, 0, 64, 64, "soft key", None)
    device = CtapHidDevice(descriptor, UnixSocketConnection(args.socket))
    client = Fido2Client(device, DefaultClientDataCollector(args.origin), user_interaction=Pin())
    try:
        selection = client.get_assertion(request.public_key)
        response = selection.get_response(0)
        server.authenticate_complete(state, [credential], response)
    except Exception as error:
        fail(f"sign-in refused: {type(error).__name__}: {error}")
    print(f"ok: the security key signed in to {stored['rpId']} as {b64url(credential.credential_id)}; Fido2Server verified the assertion")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("register")
    r.add_argument("--body", required=True)
    r.add_argument("--challenge", required=True)
    r.add_argument("--origin", required=True)
    r.add_argument("--out", required=True)
    s = sub.add_parser("signin")
    s.add_argument("--socket", required=True)
    s.add_argument("--pin", required=True)
    s.add_argument("--credential", required=True)
    s.add_argument("--origin", required=True)
    args = parser.parse_args()
    {"register": register, "signin": signin}[args.command](args)


if __name__ == "__main__":
    main()
