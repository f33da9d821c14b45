"""Verifies the server's access tokens with an independent JWT library (PyJWT), using only
the keys the server publishes at /.well-known/jwks.json.

Usage: python jwks_check.py BASE_URL ALGORITHM
"""

import json
import sys
import urllib.request
import uuid

import jwt


def call(base, method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method)
    if body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def main(base, algorithm):
    username, password = f"jwks_{uuid.uuid4().hex[:12]}", f"pw-{uuid.uuid4().hex}"
    call(base, "POST", "/api/register/", {"username": username, "password": password})
    access = call(base, "POST", "/api/token/", {"username": username, "password": password})["access"]

    keys = jwt.PyJWKSet.from_dict(call(base, "GET", "/.well-known/jwks.json"))
    kid = jwt.get_unverified_header(access)["kid"]
    key = next(k for k in keys.keys if k.key_id == kid)
    claims = jwt.decode(access, key.key, algorithms=[algorithm])

    assert claims["token_type"] == "access", claims
    assert jwt.get_unverified_header(access)["typ"] == "at+jwt"
    tampered = access[:-4] + ("AAAA" if not access.endswith("AAAA") else "BBBB")
    try:
        jwt.decode(tampered, key.key, algorithms=[algorithm])
    except jwt.InvalidSignatureError:
        pass
    else:
        raise AssertionError("PyJWT accepted a tampered token")
    print(f"jwks: PyJWT {jwt.__version__} verified a {algorithm} access token with key {kid}")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
