"""Marking values a Python-side client parsed as timestamps, so matchers can tell them apart."""
import datetime
import re

# What the CLI prints for a timestamp it parsed (cli_timestamp_format iso8601): it always has an offset.
_CLI_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$")


def tag_datetimes(value):
    if isinstance(value, datetime.datetime):
        return {"__date__": value.isoformat()}
    if isinstance(value, dict):
        return {k: tag_datetimes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tag_datetimes(v) for v in value]
    return value


def tag_cli_dates(value):
    if isinstance(value, str) and _CLI_ISO.match(value):
        return {"__date__": value}
    if isinstance(value, dict):
        return {k: tag_cli_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tag_cli_dates(v) for v in value]
    return value
