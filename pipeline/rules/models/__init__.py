"""One pydantic model per rule file: its keys, their shapes, and how each key matches (its description)."""

from __future__ import annotations

from pipeline.rules.models.base import RuleFile
from pipeline.rules.models.companies import CompanyCues, CompanyEntry, CompanyRemoval, NonCompanies, Places
from pipeline.rules.models.japanese import JaCompanies, JaMoney, JaRoles, JaSectors
from pipeline.rules.models.lifecycle import ProjectIdentity, Status
from pipeline.rules.models.money import Money, SharedName
from pipeline.rules.models.parse import Boilerplate, TextBoilerplate
from pipeline.rules.models.roles import Roles, Sectors, SectorWeights

# The .json rule files by name (file stem); companies.jsonl is the gazetteer, one CompanyEntry a line.
RULE_FILES: dict[str, type[RuleFile]] = {
    "boilerplate": Boilerplate,
    "company_cues": CompanyCues,
    "identity": ProjectIdentity,
    "ja_companies": JaCompanies,
    "ja_money": JaMoney,
    "ja_roles": JaRoles,
    "ja_sectors": JaSectors,
    "money": Money,
    "non_companies": NonCompanies,
    "places": Places,
    "roles": Roles,
    "sector_weights": SectorWeights,
    "sectors": Sectors,
    "status": Status,
    "text_boilerplate": TextBoilerplate,
}
GAZETTEER = "companies"

__all__ = [
    "GAZETTEER",
    "RULE_FILES",
    "Boilerplate",
    "CompanyCues",
    "CompanyEntry",
    "CompanyRemoval",
    "JaCompanies",
    "JaMoney",
    "JaRoles",
    "JaSectors",
    "Money",
    "NonCompanies",
    "Places",
    "ProjectIdentity",
    "Roles",
    "RuleFile",
    "SectorWeights",
    "Sectors",
    "SharedName",
    "Status",
    "TextBoilerplate",
]
