"""EXL313: files of one organization that name different generations (the engine reports it)."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EVERY
from exchange_lint.rules.api import Rule, RuleDoc

RULE = Rule(
    generations=(EVERY,),
    id="EXL313",
    name="mixed-generations",
    severity=Severity.WARNING,
    summary="files of one organization that name different on-premises Exchange generations",
    tags=("references",),
    doc=RuleDoc(
        what=(
            "Reports the `exchange` value of a file whose organization is also declared by files of "
            "another generation (a 5.5 site file and a 2019 connector file both saying `organization: "
            "Contoso`). The first file, in path order, that names a generation gives the organization "
            "its generation; files naming none follow it. Each generation's files are modelled on "
            "their own. An `exchange: online` file beside the files of one on-premises generation is "
            "not a mistake: it is that organization's Exchange Online tenant, a hybrid deployment "
            "(each side modelled on its own), and is not reported."
        ),
        why=(
            "Files with the same `organization` form one routing model, but a 4.0–5.5 MTA and a 2007+ "
            "transport server do not choose routes the same way and the model has no route between "
            "them: tests and findings would silently cover only part of what was meant."
        ),
        example="",  # it takes two files: a.yaml with `exchange: "5.5"`, b.yaml with `exchange: "2019"`
        use_instead="",
        known_problems=(
            "Coexistence of 5.5 with 2007+ (routing group connectors) is not modelled: give each "
            "generation's files an organization name of their own (`Contoso 5.5`, `Contoso`)."
        ),
    ),
)
