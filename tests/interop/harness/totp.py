"""TOTP codes (RFC 6238 over RFC 4226 HOTP: HMAC-SHA-1, 30-second steps, 6 digits), computed here from
the secret so a case's codes never come from the server under test. The code a `totp` step uses is
otpauth's (npm, node/totp.mjs); this one must agree with it, and picks codes that are wrong. The time is the target's: a
`totp` step asks the adapter for it (cognitomock's GET /_mock/clock), so codes follow a moved clock.
"""
import base64
import datetime
import hashlib
import hmac
import struct

STEP_SECONDS = 30
DIGITS = 6


def decode_secret(secret):
    """A base32 secret as AWS hands it out (upper case, no padding); spaces and case are forgiven."""
    text = secret.replace(" ", "").upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))


def step_of(instant):
    """The RFC 6238 time step (T) of an aware datetime."""
    return int(instant.timestamp()) // STEP_SECONDS


def code(secret, step):
    """The HOTP value of counter `step` (RFC 4226 §5.3: dynamic truncation), as DIGITS decimal digits."""
    digest = hmac.new(decode_secret(secret), struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** DIGITS).zfill(DIGITS)


def wrong_code(secret, step, window=1):
    """A code that is none of the steps around `step` (a server may accept a step or so of drift)."""
    taken = {code(secret, s) for s in range(step - window - 1, step + window + 2)}
    candidate = int(code(secret, step))
    while True:
        candidate = (candidate + 500_001) % 10 ** DIGITS
        text = str(candidate).zfill(DIGITS)
        if text not in taken:
            return text


def at(secret, now, offset_steps=0):
    """What a `totp` step outputs: the code for the target's time `now` (moved by offset_steps)."""
    step = step_of(now) + offset_steps
    return {"Code": code(secret, step), "WrongCode": wrong_code(secret, step), "Step": step,
            "Now": now.astimezone(datetime.timezone.utc).isoformat()}


if __name__ == "__main__":
    # RFC 6238 Appendix B, the SHA-1 rows (the RFC prints 8 digits; these are their last 6).
    seed = base64.b32encode(b"12345678901234567890").decode()
    rows = [(59, "287082"), (1111111109, "081804"), (1111111111, "050471"), (1234567890, "005924"),
            (2000000000, "279037"), (20000000000, "353130")]
    bad = [(t, code(seed, t // STEP_SECONDS), want) for t, want in rows if code(seed, t // STEP_SECONDS) != want]
    print("RFC 6238 vectors: " + ("ok" if not bad else f"MISMATCH {bad}"))
    raise SystemExit(1 if bad else 0)
