"""The words of drill results: hole ids, elements, grade units, as prose and tables write them."""

HOLE_ID = (
    r"(?<![\w-])(?=[A-Z0-9-]*\d)(?:[A-Z]{1,6}[A-Z0-9]*|\d{2,4}[-_][A-Z]{1,6}|\d{2,4}[A-Z]{1,6}\d{1,5})"
    r"(?:[-_][A-Z0-9]{1,6}){0,3}(?![\w-])"
)
#: A hole id of digits alone ("78-885"), taken only where a table's hole column holds it.
DIGIT_HOLE_ID = r"\d{1,4}-\d{2,5}(?:-\d{1,4})?[A-Z]?"
ELEMENT = (
    r"AuEq|AgEq|CuEq|ZnEq|NiEq|MoEq|WO3Eq|Au|Ag|Cu|Zn|Pb|Ni|Co|Mo|MoS2|WO3|W|Li2O|Li|U3O8|eU3O8|"
    r"TREO|TREE|NdPr|Pt|Pd|PGM|Sn|Fe|LCE|Li₂O|U₃O₈"
)
GRADE_UNIT = r"g/t|g/tonne|gpt|grams per tonne|%|ppm|lb/t|oz/t|ppb"
#: Metals written as words after a grade ("3.92 g/t gold") and their symbols.
ELEMENT_WORDS = {"gold": "Au", "silver": "Ag", "copper": "Cu", "zinc": "Zn", "nickel": "Ni"}
#: Subscript digits as releases paste them ("Li₂O", "U₃O₈"), as the plain digits of the units.
SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def unit_name(unit: str) -> str:
    """ "g/tonne", "gpt", "grams per tonne" and "grams" (of gold) as "g/t"; others as written."""
    names = {"g/tonne": "g/t", "gpt": "g/t", "grams per tonne": "g/t", "grams": "g/t"}
    return names.get(unit, unit)
