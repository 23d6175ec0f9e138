"""The ninjs parser's own checks, written after IPTC's published schemas (1.6, 2.2, 3.1).

Each generation names its top-level properties with a JSON type; ``uri`` is required; a few
properties take one value of a short list. The parser refuses an item that breaks one of these
rules (the tests check the rules against the schemas themselves, with ``jsonschema``).

Deliberately not followed (agencies send these, see ``ninjs.py``): properties a schema does not
name are ignored (ninjs is extended by every agency), and ``format`` (uri, date-time) is not
asserted by the schemas either; dates that cannot be read are handled by the parser.
"""

from typing import Any, Final

# JSON type names, as the schemas spell them.
STRING: Final = "string"
NUMBER: Final = "number"
INTEGER: Final = "integer"
ARRAY: Final = "array"
OBJECT: Final = "object"

_COMMON_1_2: Final = {
    "uri": STRING,
    "type": STRING,
    "representationtype": STRING,
    "profile": STRING,
    "version": STRING,
    "firstcreated": STRING,
    "versioncreated": STRING,
    "contentcreated": STRING,
    "embargoed": STRING,
    "pubstatus": STRING,
    "urgency": NUMBER,
    "copyrightholder": STRING,
    "copyrightnotice": STRING,
    "usageterms": STRING,
    "ednote": STRING,
    "language": STRING,
    "title": STRING,
    "slugline": STRING,
    "located": STRING,
    "expires": STRING,
    "rightsinfo": OBJECT,
    "digitalsourcetype": OBJECT,
}

PROPERTY_TYPES: Final[dict[int, dict[str, str]]] = {
    1: {
        **_COMMON_1_2,
        "mimetype": STRING,
        "person": ARRAY,
        "organisation": ARRAY,
        "place": ARRAY,
        "subject": ARRAY,
        "event": ARRAY,
        "object": ARRAY,
        "infosource": ARRAY,
        "byline": STRING,
        "headline": STRING,
        "charcount": NUMBER,
        "wordcount": NUMBER,
        "renditions": OBJECT,
        "associations": OBJECT,
        "altids": OBJECT,
        "trustindicator": ARRAY,
        "$standard": OBJECT,
        "genre": ARRAY,
    },
    2: {
        **_COMMON_1_2,
        "descriptions": ARRAY,
        "bodies": ARRAY,
        "headlines": ARRAY,
        "people": ARRAY,
        "organisations": ARRAY,
        "places": ARRAY,
        "subjects": ARRAY,
        "events": ARRAY,
        "objects": ARRAY,
        "infosources": ARRAY,
        "by": STRING,
        "renditions": ARRAY,
        "associations": ARRAY,
        "altids": ARRAY,
        "trustindicators": ARRAY,
        "standard": OBJECT,
        "genres": ARRAY,
    },
    3: {
        "uri": STRING,
        "type": STRING,
        "representationType": STRING,
        "profile": STRING,
        "version": STRING,
        "firstCreated": STRING,
        "versionCreated": STRING,
        "contentCreated": STRING,
        "embargoedUntil": STRING,
        "pubStatus": STRING,
        "urgency": INTEGER,
        "copyrightHolder": STRING,
        "copyrightNotice": STRING,
        "usageTerms": STRING,
        "edNote": STRING,
        "language": STRING,
        "descriptions": ARRAY,
        "bodies": ARRAY,
        "headlines": ARRAY,
        "people": ARRAY,
        "organisations": ARRAY,
        "places": ARRAY,
        "subjects": ARRAY,
        "events": ARRAY,
        "eventDetails": OBJECT,
        "plannedCoverage": ARRAY,
        "objects": ARRAY,
        "infoSources": ARRAY,
        "title": STRING,
        "by": STRING,
        "slugline": STRING,
        "located": STRING,
        "renditions": ARRAY,
        "associations": ARRAY,
        "altIds": ARRAY,
        "trustIndicators": ARRAY,
        "standard": OBJECT,
        "genres": ARRAY,
        "expires": STRING,
        "rightsInfo": OBJECT,
        "digitalSourceType": OBJECT,
    },
}

_TYPES_1_2: Final = ("text", "audio", "video", "picture", "graphic", "composite", "component")
_STATUSES: Final = ("usable", "withheld", "canceled")

PROPERTY_VALUES: Final[dict[int, dict[str, tuple[str, ...]]]] = {
    1: {
        "type": _TYPES_1_2,
        "pubstatus": _STATUSES,
        "representationtype": ("complete", "incomplete"),
    },
    2: {"type": _TYPES_1_2, "pubstatus": _STATUSES, "representationtype": ("full", "partial")},
    3: {
        "type": (*_TYPES_1_2, "event", "planning"),
        "pubStatus": _STATUSES,
        "representationType": ("full", "partial"),
    },
}

# In 2.x and 3.x these arrays hold objects with a required string ``value``.
VALUE_ARRAYS: Final = ("headlines", "bodies", "descriptions")

# A rendition's properties (1.x: an object of renditions keyed by name; 2.x, 3.x: an array
# of renditions, each with a required ``name``).
RENDITION_TYPES: Final[dict[int, dict[str, str]]] = {
    1: {"href": STRING, "mimetype": STRING, "title": STRING, "height": NUMBER, "width": NUMBER},
    2: {
        "name": STRING,
        "href": STRING,
        "contenttype": STRING,
        "title": STRING,
        "height": NUMBER,
        "width": NUMBER,
        "sizeinbytes": NUMBER,
    },
    3: {
        "name": STRING,
        "href": STRING,
        "contentType": STRING,
        "title": STRING,
        "height": INTEGER,
        "width": INTEGER,
        "sizeInBytes": INTEGER,
    },
}


def json_type_matches(value: Any, json_type: str) -> bool:
    """Whether ``value`` (from ``json.loads``) is of the JSON type (true is not a number)."""
    if json_type == STRING:
        return isinstance(value, str)
    if json_type == OBJECT:
        return isinstance(value, dict)
    if json_type == ARRAY:
        return isinstance(value, list)
    if isinstance(value, bool):
        return False
    if json_type == INTEGER:
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    return isinstance(value, int | float)


def json_type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def rule_breaks(obj: dict[str, Any], generation: int) -> list[str]:
    """What in ``obj`` (one ninjs object) breaks the generation's rules; empty when none."""
    breaks: list[str] = []
    if "uri" not in obj:
        breaks.append("missing 'uri' (the item's id)")
    types = PROPERTY_TYPES[generation]
    for key, json_type in types.items():
        if key in obj and not json_type_matches(obj[key], json_type):
            breaks.append(f"'{key}' must be {_a(json_type)}, not {json_type_name(obj[key])}")
    for key, allowed in PROPERTY_VALUES[generation].items():
        value = obj.get(key)
        if isinstance(value, str) and value not in allowed:
            breaks.append(f"'{key}' is {value!r}, not one of {', '.join(allowed)}")
    if generation == 1:
        breaks.extend(_pattern_string_breaks(obj))
    else:
        breaks.extend(_value_array_breaks(obj))
    breaks.extend(_rendition_breaks(obj, generation))
    return breaks


def association_breaks(association: Any, generation: int) -> list[str]:
    """What breaks the rules in one associated object (a ninjs object of its own; in 2.x and
    3.x it also needs a ``name``). Its own associations are not looked at."""
    if not isinstance(association, dict):
        return ["must be an object"]
    inner = {k: v for k, v in association.items() if k != "associations"}
    breaks = rule_breaks(inner, generation)
    if generation > 1 and "name" not in association:
        breaks.append("missing 'name'")
    if generation > 1 and "name" in association and not isinstance(association["name"], str):
        breaks.append("'name' must be a string")
    return breaks


def _rendition_breaks(obj: dict[str, Any], generation: int) -> list[str]:
    renditions = obj.get("renditions")
    if isinstance(renditions, dict):
        named = list(renditions.items())
    elif isinstance(renditions, list):
        named = [(f"[{index}]", value) for index, value in enumerate(renditions)]
    else:
        return []
    breaks = []
    types = RENDITION_TYPES[generation]
    for label, rendition in named:
        if not isinstance(rendition, dict):
            breaks.append(f"rendition {label} must be an object")
            continue
        if generation > 1 and "name" not in rendition:
            breaks.append(f"rendition {label} has no 'name'")
        for key, json_type in types.items():
            if key in rendition and not json_type_matches(rendition[key], json_type):
                breaks.append(
                    f"rendition {label} '{key}' must be {_a(json_type)}, "
                    f"not {json_type_name(rendition[key])}"
                )
    return breaks


def _a(json_type: str) -> str:
    return f"an {json_type}" if json_type[0] in "aeiou" else f"a {json_type}"


def _pattern_string_breaks(obj: dict[str, Any]) -> list[str]:
    """1.x: ``body_*``, ``headline_*``, ``description_*`` are strings."""
    breaks = []
    for key, value in obj.items():
        prefixed = key.startswith(("body_", "headline_", "description_"))
        if prefixed and not isinstance(value, str):
            breaks.append(f"'{key}' must be a string, not {json_type_name(value)}")
    return breaks


def _value_array_breaks(obj: dict[str, Any]) -> list[str]:
    breaks = []
    for key in VALUE_ARRAYS:
        entries = obj.get(key)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                breaks.append(f"'{key}[{index}]' must be an object")
            elif "value" not in entry:
                breaks.append(f"'{key}[{index}]' has no 'value'")
            elif not isinstance(entry["value"], str):
                breaks.append(f"'{key}[{index}].value' must be a string")
    return breaks
