"""The policykg vocabulary: namespace IRIs and the paths of the Turtle files.

The knowledge itself lives in the ``.ttl`` files beside this module; Python only names
them, so builders, the store and the queries agree on one spelling of every IRI.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
ONTOLOGY_TTL = HERE / "policykg.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
GROUPS_TTL = HERE / "groups.ttl"  # SKOS scheme of target groups (written by its own helper)

# our own terms, and the base under which every instance IRI is minted
PKG = "https://w3id.org/policykg/ontology#"
ID = "https://w3id.org/policykg/id/"
GROUP = ID + "group/"  # concept IRIs of ontology/groups.ttl: GROUP + concept key

# named graphs holding the vocabularies inside a store (documents use their own IRI)
ONTOLOGY_GRAPH = "https://w3id.org/policykg/ontology"
GROUPS_GRAPH = "https://w3id.org/policykg/id/group/"

# reused standard vocabularies
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
ELI = "http://data.europa.eu/eli/ontology#"
OA = "http://www.w3.org/ns/oa#"
QB = "http://purl.org/linked-data/cube#"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"

# language tags: text the builders read (normalized to Simplified characters) or built from
# the lexicons is zh-Hans; a quote keeps the file's own script
HANS = "zh-Hans"
HANT = "zh-Hant"

PREFIXES: dict[str, str] = {
    "dcat": DCAT,
    "dcterms": DCTERMS,
    "eli": ELI,
    "oa": OA,
    "org": ORG,
    "owl": OWL,
    "pkg": PKG,
    "prov": PROV,
    "qb": QB,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "void": VOID,
    "xsd": XSD,
}

# role concepts (skos:notation = the value the answers use)
ROLE_CONCEPTS: dict[str, str] = {
    "lead": PKG + "RoleLead",
    "co": PKG + "RoleCo",
    "responsible": PKG + "RoleResponsible",
}


# administrative levels (org:classification of a unit; skos:notation = the pkg:level value)
LEVEL_CONCEPTS: dict[str, str] = {
    level: PKG + "Level" + level.capitalize()
    for level in ("national", "provincial", "municipal", "district", "county", "street")
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for hand-written queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(PREFIXES.items()))


__all__ = [
    "DCAT",
    "DCTERMS",
    "ELI",
    "GROUP",
    "GROUPS_GRAPH",
    "GROUPS_TTL",
    "HANS",
    "HANT",
    "ID",
    "LEVEL_CONCEPTS",
    "OA",
    "ONTOLOGY_GRAPH",
    "ONTOLOGY_TTL",
    "ORG",
    "OWL",
    "PKG",
    "PREFIXES",
    "PROV",
    "QB",
    "RDF",
    "RDFS",
    "ROLE_CONCEPTS",
    "SHAPES_TTL",
    "SKOS",
    "VOID",
    "XSD",
    "sparql_prefixes",
]
