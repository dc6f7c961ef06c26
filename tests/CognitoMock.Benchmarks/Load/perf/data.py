"""The state the scenarios measure: generated pools of ours, pools built through the API for the peers, and
the request bodies wrk sends.

Our pools come from the server's own Bogus generator (--generate). Its subs and device keys are SHA-256
derived (SeedGenerator.Uuid), so they are computed here; the usernames and emails Bogus chose are then read
back with AdminGetUser by sub. A generated pool's first users are the same whatever its size, which lets the
scaling scenario send the same requests to a pool of 1,000 and one of 100,000.
"""
import hashlib
import json
import uuid
from dataclasses import dataclass, field

from .aws import Client

SEED = 42
REGION = "us-east-1"
PASSWORD = "Passw0rd!"


def generate_spec(users, devices):
    return f"pools=1,users={users},devices={devices},seed={SEED},passwords=0"


def generated_uuid(user, purpose, pool=0, seed=SEED):
    """SeedGenerator.Uuid: the first 16 bytes of SHA-256("seed/pool/user/purpose"), stamped as a version 4 UUID."""
    digest = bytearray(hashlib.sha256(f"{seed}/{pool}/{user}/{purpose}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x40
    digest[8] = (digest[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(digest)))


@dataclass
class User:
    username: str
    sub: str = None
    email: str = None           # set only when verified, so it is an alias AdminGetUser resolves
    device_keys: list = field(default_factory=list)


@dataclass
class Pool:
    id: str
    reads: list                 # users the read cases rotate over
    writes: list                # others, for the write cases, so reads never see a changed user


def only_pool(client):
    pools = client.call("ListUserPools", {"MaxResults": 60})["UserPools"]
    if len(pools) != 1:
        raise RuntimeError(f"expected one generated pool, found {[p['Id'] for p in pools]}")
    return pools[0]["Id"]


def generated_pool(endpoint, users, devices, count):
    """Samples a generated pool: read users with a verified email (an alias) at even indices, write users at odd."""
    client = Client(endpoint)
    try:
        pool_id = only_pool(client)

        def user(index):
            sub = generated_uuid(index, "sub")
            answer = client.call("AdminGetUser", {"UserPoolId": pool_id, "Username": sub})
            attributes = {a["Name"]: a["Value"] for a in answer["UserAttributes"]}
            verified = attributes.get("email_verified") == "true"
            keys = [f"{REGION}_{generated_uuid(index, f'device{d}')}" for d in range(devices)]
            return User(answer["Username"], sub, attributes.get("email") if verified else None, keys)

        reads = []
        for index in range(0, users, 2):
            candidate = user(index)
            if candidate.email:
                reads.append(candidate)
            if len(reads) == count:
                break
        writes = [user(index) for index in range(1, min(users, 2 * count + 1), 2)]
        return Pool(pool_id, reads, writes)
    finally:
        client.close()


def peer_pool(endpoint, users, count, log):
    """A pool built through the API the way a test suite would: a user pool with the generated pools' aliases,
    users created with MessageAction SUPPRESS and given a permanent password, so they are CONFIRMED as ours are."""
    client = Client(endpoint)
    try:
        pool_id = client.call("CreateUserPool", {
            "PoolName": "perf",
            "AliasAttributes": ["email", "phone_number", "preferred_username"],
        })["UserPool"]["Id"]
        for i in range(users):
            name = f"user{i}"
            client.call("AdminCreateUser", {
                "UserPoolId": pool_id, "Username": name, "MessageAction": "SUPPRESS", "TemporaryPassword": PASSWORD,
                "UserAttributes": [
                    {"Name": "email", "Value": f"{name}@example.com"},
                    {"Name": "email_verified", "Value": "true"},
                    {"Name": "given_name", "Value": "Perf"},
                    {"Name": "family_name", "Value": f"User{i}"},
                    {"Name": "name", "Value": f"Perf User{i}"},
                ],
            })
            client.call("AdminSetUserPassword", {"UserPoolId": pool_id, "Username": name, "Password": PASSWORD,
                                                 "Permanent": True})
            if (i + 1) % 250 == 0:
                log(f"  {i + 1} of {users} users")
        reads = [User(f"user{i}", email=f"user{i}@example.com") for i in range(0, 2 * count, 2)]
        writes = [User(f"user{i}", email=f"user{i}@example.com") for i in range(1, 2 * count, 2)]
        return Pool(pool_id, reads, writes)
    finally:
        client.close()


# Request bodies, one a line. Placeholders ({id}, {flip}) are filled per request by aws-json.lua.

def get_user(pool, by="username"):
    return [{"UserPoolId": pool.id, "Username": getattr(u, by)} for u in pool.reads]


def list_devices(pool, limit=None):
    return [dict({"UserPoolId": pool.id, "Username": u.username}, **({"Limit": limit} if limit else {}))
            for u in pool.reads]


def update_attributes(pool):
    # A new verified email on every request: the alias moves, a real change each time.
    return [{"UserPoolId": pool.id, "Username": u.username, "UserAttributes": [
        {"Name": "email", "Value": f"{u.username}.{{id}}@example.net"},
        {"Name": "email_verified", "Value": "true"},
    ]} for u in pool.writes]


def create_user(pool):
    return [{"UserPoolId": pool.id, "Username": "{id}", "MessageAction": "SUPPRESS", "TemporaryPassword": PASSWORD,
             "UserAttributes": [{"Name": "email", "Value": "{id}@example.net"}, {"Name": "given_name", "Value": "Perf"}]}]


def update_device_status(pool):
    # The peers' users have no devices: a made-up key, so the check shows how they answer.
    bodies = [{"UserPoolId": pool.id, "Username": u.username, "DeviceKey": key, "DeviceRememberedStatus": "{flip}remembered"}
              for u in pool.writes for key in (u.device_keys or [f"{REGION}_00000000-0000-4000-8000-000000000000"])]
    # Each thread walks the lines in turn and flips on every request: with an odd number of lines a device
    # comes round again with the other status, so every request changes something.
    return bodies if len(bodies) % 2 else bodies[:-1]


def write_bodies(path, bodies):
    with open(path, "w") as f:
        for body in bodies:
            f.write((body if isinstance(body, str) else json.dumps(body, separators=(",", ":"))) + "\n")
    return path


def devices_seed(path, pool_id, counts):
    """A seed document: one pool, and for each count a user "devices<count>" with that many devices."""
    users = [{
        "Username": f"devices{count}",
        "UserStatus": "CONFIRMED",
        "Attributes": [{"Name": "email", "Value": f"devices{count}@example.com"},
                       {"Name": "email_verified", "Value": "true"}],
        "Devices": [{
            "DeviceName": f"device {i}",
            "RememberedStatus": "remembered",
            "LastIpUsed": "203.0.113.1",
            "DeviceSdk": "aws-sdk-js",
            "DeviceCreateDate": f"2025-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}T{i // 336 % 24:02d}:00:00Z",
        } for i in range(count)],
    } for count in counts]
    document = {"UserPools": [{"Id": pool_id, "Name": "perf devices", "AliasAttributes": ["email"], "Users": users}]}
    with open(path, "w") as f:
        json.dump(document, f)
    return path
