"""ViewData → NetworkView: the overview and one agency-centred view per agency.

Every node links to the page that explains it: tasks and indicators to their sentence
in the document page (``doc/<source>.html#f-<id>``), agencies to their own view.
"""

from __future__ import annotations

from collections.abc import Iterable

from policykg.viz.data import DocumentRec, Fact, ViewData, page_slug
from policykg.viz.network import NetworkView

OVERVIEW_MAX = 2500  # nodes of the full overview; past it documents and agencies only
AGENCY_TASKS_MAX = 150  # tasks drawn around one agency; its table lists every task
ROLE_ORDER = {"lead": 0, "responsible": 1, "co": 2}


def doc_url(source: str, anchor: str = "", root: str = "") -> str:
    return f"{root}doc/{page_slug(source)}.html" + (f"#{anchor}" if anchor else "")


def agency_url(iri: str, root: str = "") -> str:
    return f"{root}agency/{page_slug(iri)}.html"


def group_anchor(iri: str) -> str:
    return "g-" + page_slug(iri).replace(".", "-")


def group_url(iri: str, root: str = "") -> str:
    return f"{root}group/{page_slug(iri)}.html"


def task_url(iri: str, root: str = "") -> str:
    return f"{root}task/{page_slug(iri)}.html"


def _doc_node(view: NetworkView, data: ViewData, source: str, root: str) -> str:
    node_id = "doc:" + source
    if node_id not in view.nodes:
        doc = data.documents_by_source.get(source, DocumentRec(source))
        tooltip = "\n".join(p for p in (doc.title, doc.doc_number, doc.date, source) if p)
        view.node(node_id, "document", doc.title or source, tooltip, doc_url(source, "", root))
    return node_id


def _task_node(view: NetworkView, task: Fact, root: str) -> str:
    label = f"{task.section} {task.label}".strip() or task.where.quote
    tooltip = f"{label}\n\n{task.where.quote}".strip()
    view.node(task.iri, "task", label, tooltip, doc_url(task.where.source, task.anchor, root))
    return task.iri


def _fill(view: NetworkView, data: ViewData, keep: list[str] | None, root: str) -> None:
    """Add the tasks in ``keep`` (all when None) with their owners, groups and figures."""
    tasks = data.tasks_by_iri
    if keep is None:
        chosen, related = list(data.tasks), data.owners + data.groups + data.indicators
    else:
        chosen = [tasks[iri] for iri in keep if iri in tasks]
        related = tuple(fact for iri in keep for fact in data.by_task.get(iri, ()))

    def parent(fact: Fact) -> str:
        # a fact hangs off its task, or off its document when it sits outside any task
        if fact.task in tasks:
            return _task_node(view, tasks[fact.task], root)
        return _doc_node(view, data, fact.where.source, root)

    for task in chosen:
        view.edge(_doc_node(view, data, task.where.source, root), _task_node(view, task, root),
                  "contains")
    for fact in related:
        if fact.kind == "owner" and fact.target:
            tooltip = f"{fact.label}\n{fact.role}: {fact.detail}\n\n{fact.where.quote}"
            view.node(fact.target, "agency", fact.label, tooltip.strip(),
                      agency_url(fact.target, root))
            view.edge(fact.target, parent(fact), fact.role)
        elif fact.kind == "group" and fact.target:
            view.node(fact.target, "group", fact.label, f"{fact.label}\n\n{fact.where.quote}",
                      group_url(fact.target, root))
            view.edge(parent(fact), fact.target, "targets")
        elif fact.kind == "indicator":
            url = doc_url(fact.where.source, fact.anchor, root)
            view.node(fact.iri, "indicator", fact.label,
                      f"{fact.label}\n{fact.detail}\n\n{fact.where.quote}", url)
            view.edge(parent(fact), fact.iri, "measures")


def overview(data: ViewData, root: str = "") -> NetworkView:
    """Documents, tasks, agencies, groups and indicators of the whole corpus; past
    ``OVERVIEW_MAX`` nodes only documents and the agencies they assign tasks to."""
    view = NetworkView(heading="总览 Overview", subtitle=f"{len(data.documents)} 文件 documents")
    for doc in data.documents:
        _doc_node(view, data, doc.source, root)
    targets = {f.target for f in data.owners + data.groups if f.target}
    if len(data.documents) + len(data.tasks) + len(data.indicators) + len(targets) > OVERVIEW_MAX:
        return _aggregated(view, data, root)
    _fill(view, data, None, root)
    return view


def _aggregated(view: NetworkView, data: ViewData, root: str) -> NetworkView:
    """Documents linked to the agencies they assign tasks to, edge width by task count."""
    shared: dict[tuple[str, str], set[str]] = {}
    for owner in data.owners:
        if owner.target:
            view.node(owner.target, "agency", owner.label, owner.label,
                      agency_url(owner.target, root))
            shared.setdefault((owner.where.source, owner.target), set()).add(owner.task)
    for (source, agency), tasks in shared.items():
        key = ("doc:" + source, agency, "assigns")
        view.edge(*key)
        if key in view.edges:
            view.edges[key].update(width=min(len(tasks), 8), title=f"{len(tasks)} 任务 tasks")
    view.note = (f"聚合视图 aggregated: {len(data.tasks)} 任务 tasks, {len(data.indicators)} 指标 "
                 "indicators and the target groups are too many to draw; this overview shows "
                 "documents and the agencies they assign tasks to (open a document or an agency "
                 "for its tasks).")
    return view


def agencies(data: ViewData) -> list[tuple[str, str]]:
    """(IRI, label) of every agency that owns a task, sorted by label then IRI."""
    found: dict[str, str] = {}
    for owner in data.owners:
        if owner.target:
            found.setdefault(owner.target, owner.label)
    return sorted(found.items(), key=lambda item: (item[1], item[0]))


def owned_tasks(data: ViewData, agency: str) -> list[Fact]:
    return data.by_agency.get(agency, [])


def partners(data: ViewData, agency: str) -> list[tuple[str, str, int]]:
    """Other owners of the agency's tasks: (IRI, label, shared tasks), most shared first."""
    mine = {owner.task for owner in owned_tasks(data, agency)}
    shared: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for owner in (fact for task in sorted(mine) for fact in data.by_task.get(task, ())):
        if owner.kind == "owner" and owner.target and owner.target != agency:
            shared.setdefault(owner.target, set()).add(owner.task)
            labels.setdefault(owner.target, owner.label)
    return sorted(
        ((iri, labels[iri], len(tasks)) for iri, tasks in shared.items()),
        key=lambda item: (-item[2], item[1], item[0]),
    )


def agency_view(data: ViewData, agency: str, label: str, root: str = "../") -> NetworkView:
    """The agency, its tasks (lead / co / responsible), its partners and the groups served;
    an agency with more than ``AGENCY_TASKS_MAX`` tasks shows its lead tasks first."""
    rank: dict[str, int] = {}
    for owner in owned_tasks(data, agency):
        order = ROLE_ORDER.get(owner.role, len(ROLE_ORDER))
        rank[owner.task] = min(order, rank.get(owner.task, order))
    mine = sorted(rank)
    view = NetworkView(heading=label, subtitle=agency)
    if len(mine) > AGENCY_TASKS_MAX:
        mine = sorted(sorted(rank, key=lambda task: (rank[task], task))[:AGENCY_TASKS_MAX])
        view.note = (f"{AGENCY_TASKS_MAX} / {len(rank)} 任务 tasks drawn (lead first); "
                     "the table below lists them all.")
    view.node(agency, "agency", label, label, agency_url(agency, root))
    _fill(view, data, mine, root)
    return view


def role_counts(facts: Iterable[Fact]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for fact in facts:
        counts[fact.role] = counts.get(fact.role, 0) + 1
    return dict(sorted(counts.items()))


def task_title(task: Fact) -> str:
    return f"{task.section} {task.label}".strip() or task.where.quote[:40] or task.iri


def owner_links(data: ViewData, task: str, root: str) -> list[dict[str, str]]:
    return [
        {"label": f.label, "role": f.role, "url": agency_url(f.target, root)}
        for f in data.by_task.get(task, ()) if f.kind == "owner" and f.target
    ]
