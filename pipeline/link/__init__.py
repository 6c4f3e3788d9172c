"""Link: companies, amounts and sectors joined into candidate project records."""

from pipeline.link.linker import RoleRules, link

__all__ = ["RoleRules", "link"]
