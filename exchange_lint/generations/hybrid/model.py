"""The hybrid pair: one organization's 2007–SE model and its tenant's model, each built by its
own generation's package from its own files, so a hybrid rule sees both sides exactly as that
side's rules see it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from exchange_lint.generation import EXCHANGE_ONLINE, generation_of
from exchange_lint.generations.exchange2007_se import model as on_premises_model
from exchange_lint.generations.exchange_online import model as online_model
from exchange_lint.load import Document


class Organization(NamedTuple):
    name: str
    on_premises: on_premises_model.Organization
    online: online_model.Organization


def _is_online(document: Document) -> bool:
    data = document.data
    return isinstance(data, dict) and generation_of(data.get("exchange")) is EXCHANGE_ONLINE


def build_organization(name: str, documents: Sequence[Document]) -> Organization:
    """The pair from both sides' files (the engine passes the two sides it grouped: a file naming
    no `exchange` is on the on-premises side there, so it is here)."""
    online = [document for document in documents if _is_online(document)]
    on_premises = [document for document in documents if not _is_online(document)]
    return Organization(
        name,
        on_premises_model.build_organization(name, on_premises),
        online_model.build_organization(name, online),
    )
