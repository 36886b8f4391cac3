"""A second, independent implementation of spec §8 (the X-Wing key wrap), for interop tests.

jaring itself uses the `hpke` crate (RustCrypto's ML-KEM and x-wing). This script shares
none of that code: ML-KEM-768 comes from kyber-py (a pure-Python FIPS 203 implementation),
X25519, Ed25519, HKDF-Expand and AES-256-GCM from `cryptography` (OpenSSL), SHAKE256, SHA3-256
and HMAC from Python's standard library. It composes them as draft-connolly-cfrg-xwing-kem
(the combiner) and RFC 9180 (HPKE base mode, KEM 0x647a, HKDF-SHA256, AES-256-GCM) say,
for the one purpose of checking, from outside, that what jaring seals another implementation
opens, and the other way round. It is test code: nothing in jaring runs it.

    oracle.py open --envelope E --key K --directory D      prints {"header":..,"body":..}
    oracle.py seal --key K --directory D --to A[,B] --kind KIND --body FILE --serial N
                                                           prints an envelope
Exit code 0, or 1 with the reason on stderr.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import sys
import uuid
from datetime import datetime, timezone

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand
from kyber_py.ml_kem import ML_KEM_768

XWING_LABEL = b"\\.//^\\"
SUITE_ID = b"HPKE" + (0x647A).to_bytes(2, "big") + (1).to_bytes(2, "big") + (2).to_bytes(2, "big")
SIG_CONTEXT = b"jaring/v1 envelope\x00"
SUITE = "ed25519/hpke-x25519-sha256-aes256gcm"


def b64d(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64e(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def kid(public):
    return b64e(hashlib.sha256(public).digest()[:16])


# X-Wing (draft-connolly-cfrg-xwing-kem): the 32-byte seed is the decapsulation key.
def xwing_expand(seed):
    expanded = hashlib.shake_256(seed).digest(96)
    ek_m, dk_m = ML_KEM_768.key_derive(expanded[:64])
    sk_x = X25519PrivateKey.from_private_bytes(expanded[64:96])
    pk_x = sk_x.public_key().public_bytes_raw()
    return ek_m + pk_x, dk_m, sk_x, pk_x


def xwing_combiner(ss_m, ss_x, ct_x, pk_x):
    return hashlib.sha3_256(ss_m + ss_x + ct_x + pk_x + XWING_LABEL).digest()


def xwing_decap(seed, ct):
    _, dk_m, sk_x, pk_x = xwing_expand(seed)
    ct_m, ct_x = ct[:1088], ct[1088:]
    ss_m = ML_KEM_768.decaps(dk_m, ct_m)
    ss_x = sk_x.exchange(X25519PublicKey.from_public_bytes(ct_x))
    return xwing_combiner(ss_m, ss_x, ct_x, pk_x)


def xwing_encap(pk):
    pk_m, pk_x = pk[:1184], pk[1184:]
    ss_m, ct_m = ML_KEM_768.encaps(pk_m)
    eph = X25519PrivateKey.generate()
    ct_x = eph.public_key().public_bytes_raw()
    ss_x = eph.exchange(X25519PublicKey.from_public_bytes(pk_x))
    return xwing_combiner(ss_m, ss_x, ct_x, pk_x), ct_m + ct_x


# HPKE (RFC 9180) base mode key schedule, with the KEM's shared secret as given.
def labeled_extract(salt, label, ikm):
    return hmac.new(salt, b"HPKE-v1" + SUITE_ID + label + ikm, hashlib.sha256).digest()


def labeled_expand(prk, label, info, length):
    labeled = length.to_bytes(2, "big") + b"HPKE-v1" + SUITE_ID + label + info
    return HKDFExpand(algorithm=SHA256(), length=length, info=labeled).derive(prk)


def key_schedule(shared_secret, info):
    context = (
        b"\x00"
        + labeled_extract(b"", b"psk_id_hash", b"")
        + labeled_extract(b"", b"info_hash", info)
    )
    secret = labeled_extract(shared_secret, b"secret", b"")
    return (
        labeled_expand(secret, b"key", context, 32),
        labeled_expand(secret, b"base_nonce", context, 12),
    )


def cek_info(message_id, sender, recipient):
    return b"jaring/v1 cek\x00" + "\x00".join([message_id, sender, recipient]).encode()


def uuid7():
    """A UUID version 7 (RFC 9562): milliseconds since the epoch, then random bits."""
    ms = int(datetime.now(timezone.utc).timestamp() * 1000)
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms << 80) | (0x7 << 76) | (((rand >> 62) & 0xFFF) << 64) | (0b10 << 62)
    return str(uuid.UUID(int=value | (rand & ((1 << 62) - 1))))


def load(path):
    with open(path, "rb") as f:
        return json.load(f)


def directory_agencies(path):
    return {a["id"]: a for a in json.loads(b64d(load(path)["body"]))["agencies"]}


def open_envelope(envelope, key_file, directory):
    key = load(key_file)
    me = key["agency"]
    outer = load(envelope)
    header_bytes, payload, sig = b64d(outer["header"]), b64d(outer["payload"]), b64d(outer["sig"])
    header = json.loads(header_bytes)
    sender = directory_agencies(directory)[header["sender"]]
    sign = next(k["sign"] for k in sender["keys"] if k["sign"]["kid"] == header["sender_kid"])
    signed = SIG_CONTEXT + len(header_bytes).to_bytes(8, "big") + header_bytes + payload
    Ed25519PublicKey.from_public_bytes(b64d(sign["key"])).verify(sig, signed)
    entry = next(
        r for r in header["recipients"]
        if r["agency"] == me and r.get("alg") == "X-Wing" and r["kid"] == key["pq"]["kid"]
    )
    shared = xwing_decap(b64d(key["pq"]["seed"]), b64d(entry["enc"]))
    aead_key, base_nonce = key_schedule(shared, cek_info(header["id"], header["sender"], me))
    cek = AESGCM(aead_key).decrypt(base_nonce, b64d(entry["wrapped"]), b"")
    body = AESGCM(cek).decrypt(b64d(header["nonce"]), payload, header_bytes)
    return {"header": header, "body": json.loads(body)}


def seal_envelope(key_file, directory, to, kind, body_file, serial):
    key = load(key_file)
    agencies = directory_agencies(directory)
    message_id = uuid7()
    cek, nonce = os.urandom(32), os.urandom(12)
    recipients = []
    for agency in to:
        entry_key = agencies[agency]["keys"][-1]
        pk = b64d(entry_key["pq"]["key"])
        if len(pk) != 1216 or kid(pk) != entry_key["pq"]["kid"]:
            raise ValueError(f"{agency}: bad X-Wing key")
        shared, enc = xwing_encap(pk)
        aead_key, base_nonce = key_schedule(shared, cek_info(message_id, key["agency"], agency))
        wrapped = AESGCM(aead_key).encrypt(base_nonce, cek, b"")
        recipients.append({"agency": agency, "alg": "X-Wing", "kid": entry_key["pq"]["kid"],
                           "enc": b64e(enc), "wrapped": b64e(wrapped)})
    header = {
        "id": message_id, "kind": kind, "sender": key["agency"], "sender_kid": key["sign"]["kid"],
        "created_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "expires_at": None, "tlp": "RED", "refs": [], "directory_serial": serial,
        "suite": SUITE, "nonce": b64e(nonce), "recipients": recipients,
    }
    header_bytes = json.dumps(header, separators=(",", ":")).encode()
    with open(body_file, "rb") as f:
        body = f.read()
    payload = AESGCM(cek).encrypt(nonce, body, header_bytes)
    signer = Ed25519PrivateKey.from_private_bytes(b64d(key["sign"]["seed"]))
    sig = signer.sign(SIG_CONTEXT + len(header_bytes).to_bytes(8, "big") + header_bytes + payload)
    return {"v": 1, "header": b64e(header_bytes), "payload": b64e(payload), "sig": b64e(sig)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="verb", required=True)
    o = sub.add_parser("open")
    o.add_argument("--envelope", required=True)
    o.add_argument("--key", required=True)
    o.add_argument("--directory", required=True)
    s = sub.add_parser("seal")
    s.add_argument("--key", required=True)
    s.add_argument("--directory", required=True)
    s.add_argument("--to", required=True)
    s.add_argument("--kind", required=True)
    s.add_argument("--body", required=True)
    s.add_argument("--serial", type=int, required=True)
    args = parser.parse_args()
    try:
        if args.verb == "open":
            out = open_envelope(args.envelope, args.key, args.directory)
        else:
            out = seal_envelope(args.key, args.directory, args.to.split(","), args.kind,
                                args.body, args.serial)
    except Exception as e:  # one line a person can act on, and a non-zero exit
        print(f"oracle {args.verb}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
