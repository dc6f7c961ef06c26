"""Named fixtures: target-neutral descriptions of pools, clients, users and devices.

A fixture file (fixtures/<name>.json) is turned into a *plan* here: every identifier a seed may
carry (pool id, client id, sub, device key) is drawn fresh, so two instances of one fixture never
collide on one server. Adapters then build the plan on their target and report the *state*: the
identifiers that really exist there, which is what case placeholders resolve against.
"""
import copy
import json
import os
import secrets
import string
import uuid

from .isolation import REGION

FIXTURE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")
_ALNUM = string.ascii_letters + string.digits


def _draw(alphabet, n):
    return "".join(secrets.choice(alphabet) for _ in range(n))


def load(name):
    with open(os.path.join(FIXTURE_DIR, f"{name}.json")) as f:
        return json.load(f)


def plan(name):
    """A fresh plan of fixture `name`: lists in seed order, with drawn identifiers. "{instance}" in a username or
    an attribute value becomes a token drawn for this instance, so two instances of one fixture on one server
    share no username: where a target's only record of a message is a log line naming the user (cognito-local),
    the username alone tells whose it is."""
    spec = load(name)
    instance = _draw(string.ascii_lowercase + string.digits, 8)
    spec = _fill(spec, instance)
    pools = []
    for pool_key, pool in spec["pools"].items():
        p = {k: copy.deepcopy(v) for k, v in pool.items() if k not in ("Clients", "Users")}
        p["key"] = pool_key
        p["Id"] = f"{REGION}_{_draw(_ALNUM, 9)}"
        p["Clients"] = [dict(c, key=k, ClientId=_draw(string.ascii_lowercase + string.digits, 26))
                        for k, c in pool.get("Clients", {}).items()]
        p["Users"] = [_plan_user(k, u) for k, u in pool.get("Users", {}).items()]
        pools.append(p)
    return {"name": name, "pools": pools}


def _fill(value, instance):
    """The fixture with each "{instance}" in its usernames and attribute values replaced."""
    if isinstance(value, dict):
        return {k: (v.replace("{instance}", instance) if isinstance(v, str) and k in ("Username",) else
                    {n: a.replace("{instance}", instance) if isinstance(a, str) else a for n, a in v.items()}
                    if k == "Attributes" else _fill(v, instance))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, instance) for v in value]
    return value


def _plan_user(key, user):
    u = copy.deepcopy(user)
    u["key"] = key
    attrs = dict(u.pop("Attributes", {}))
    attrs.setdefault("sub", str(uuid.uuid4()))
    u["Attributes"] = attrs
    devices = [dict(d) for d in u.pop("Devices", [])]
    generate = u.pop("GenerateDevices", None)
    if generate:
        for i in range(generate["Count"]):
            devices.append({k: (v.format(i=i) if isinstance(v, str) else v)
                            for k, v in generate["Template"].items()})
    for d in devices:
        d.setdefault("DeviceKey", f"{REGION}_{uuid.uuid4()}")
        d.setdefault("DeviceGroupKey", "-" + _draw(_ALNUM, 8))
    u["Devices"] = devices
    return u


def attribute_list(attrs, skip=()):
    return [{"Name": k, "Value": v} for k, v in attrs.items() if k not in skip]


def state(plan_, actual=None):
    """Placeholder state for a built plan. `actual` maps plan keys to what the target assigned:
    {"pools": {key: id}, "clients": {key: id}, "users": {key: {"username", "sub", "totp_secret"?}}}."""
    actual = actual or {}
    s = {"region": REGION, "pools": {}, "clients": {}, "users": {}}
    for p in plan_["pools"]:
        s["pools"][p["key"]] = {"id": actual.get("pools", {}).get(p["key"], p["Id"]), "name": p["Name"]}
        for c in p["Clients"]:
            s["clients"][c["key"]] = {"id": actual.get("clients", {}).get(c["key"], c["ClientId"]),
                                      "name": c["ClientName"], "pool": p["key"]}
        for u in p["Users"]:
            got = actual.get("users", {}).get(u["key"], {})
            sub = got.get("sub", u["Attributes"]["sub"])
            # In a UsernameAttributes pool the real username is the sub (docs/behaviour.md §3).
            username = got.get("username", sub if p.get("UsernameAttributes") else u.get("Username"))
            devices = [{"key": d["DeviceKey"], "group_key": d["DeviceGroupKey"], "name": d.get("DeviceName")}
                       for d in u["Devices"]]
            s["users"][u["key"]] = {"username": username, "sub": sub, "pool": p["key"],
                                    "attributes": dict(u["Attributes"], sub=sub),
                                    "password": u.get("Password"), "devices": devices,
                                    "device_keys": [d["key"] for d in devices],
                                    # The user's TOTP secret (base32) as the target holds it: the seed's, or
                                    # the one a target handed out when the adapter associated a token.
                                    "totp_secret": got.get("totp_secret", u.get("SoftwareTokenSecret"))}
    first = plan_["pools"][0]
    s["pool"] = s["pools"][first["key"]]
    if first["Clients"]:
        s["client"] = s["clients"][first["Clients"][0]["key"]]
    return s
