"""Write a synthetic corpus of policy documents and gold files for the facts planted in it.

Documents recombine the conventions of real ones — numbered sections 一、/（一）/1.,
responsibility lists in every form (（责任单位：…）, （…等负责，列第一位者为牵头单位，下同）,
（牵头单位：…；配合单位：…）, X牵头，Y配合), indicator sentences and tables, target groups,
units of every level — from templates and the vocabulary in ``bench/vocab.json``.
Document ``i`` depends only on (seed, i), so any slice of a corpus is reproducible.

    python bench/generate.py --count 1000 --out /tmp/gen --gold /tmp/gen-gold
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

VOCAB = json.loads((Path(__file__).parent / "vocab.json").read_text("utf-8"))
CN = "零一二三四五六七八九十"
CONVENTIONS = ("responsible", "first-lead", "labelled", "sentence")
CMP_WORDS = {">=": ("不少于{v}{u}", "达到{v}{u}以上", "不低于{v}{u}"), "<=": ("控制在{v}{u}以内",),
             "~": ("保持在{v}{u}左右",), "=": ("{v}{u}",)}


def cn_number(n: int) -> str:
    if n <= 10:
        return CN[n]
    return ("" if n < 20 else CN[n // 10]) + "十" + (CN[n % 10] if n % 10 else "")


class Place:
    """The jurisdiction a document belongs to and the way its units are written."""

    def __init__(self, rng: random.Random) -> None:
        level = rng.choice(("national", "province", "city", "city", "district", "district"))
        prov = rng.choice(VOCAB["provinces"])
        city = rng.choice(prov["cities"])
        district = rng.choice([d for d in city["districts"] if d[-1] in "区县"])
        self.level = level
        # a district's units are named in full with its city (昆明市盘龙区财政局), as the
        # gazetteer places every county-level division under its prefecture
        self.above = city["name"] if level == "district" else ""
        self.name, self.key, self.abbr = {
            "national": ("全国", "cn", "国"),
            "province": (prov["name"], prov["id"], prov["abbr"]),
            "city": (city["name"], f"{prov['id']}/{city['id']}", city["abbr"]),
            "district": (district, f"{prov['id']}/{city['id']}/{district}", district[0]),
        }[level]
        self.prefix = {"national": "", "province": "省", "city": "市"}.get(level, district[-1])
        self.issuer = {
            "national": "国务院办公厅",
            "province": f"{prov['name']}人民政府办公厅",
        }.get(level, f"{self.name}人民政府")

    def unit(self, line: dict[str, str], rng: random.Random) -> tuple[str, dict[str, object]]:
        """(mention, registry entry) of this place's unit of ``line``."""
        if self.level == "national":
            entry = {"id": f"cn/{line['id']}", "name": line["national_full"],
                     "aliases": [line["national"]], "level": "national", "jurisdiction": "全国"}
            return line["national"], entry
        tier = "province" if self.level == "province" else "local"
        body = line[tier]
        forms = [self.prefix + body, self.name + body]
        if f"short_{tier}" in line:
            forms.append(self.prefix + line[f"short_{tier}"])
        full = self.name + line.get(f"full_{tier}", body)
        mention = rng.choices(forms, weights=(6, 2, 2)[: len(forms)])[0]
        aliases = sorted({*forms, full}) if self.above else sorted(set(forms))
        entry = {"id": f"{self.key}/{line['id']}", "name": self.above + full, "aliases": aliases,
                 "level": self.level, "jurisdiction": self.name}
        return mention, entry

    def collective(self, rng: random.Random) -> tuple[str, dict[str, object]]:
        mention = rng.choice(VOCAB["collectives"][self.level])
        # named with its place, as the hand-made gold names collectives (青浦区各街镇)
        return mention, {"id": f"{self.key}/collective/{mention}", "name": self.name + mention,
                         "aliases": [mention], "collective": True, "jurisdiction": self.name}


class Writer:
    """One document: its lines of text and the gold facts planted in them."""

    def __init__(self, source: str, rng: random.Random) -> None:
        self.rng, self.source = rng, source
        self.place = Place(rng)
        self.topic = rng.choice(VOCAB["topics"])
        self.year = rng.randint(2016, 2025)
        self.lines: list[str] = []
        self.tasks: list[dict[str, object]] = []
        self.indicators: list[dict[str, object]] = []
        self.agencies: dict[str, dict[str, object]] = {}
        self.convention = rng.choice(CONVENTIONS)
        self.first_list = True

    # --- facts -------------------------------------------------------------------------
    def figure(self, spec: dict[str, object]) -> str:
        low, high = spec["range"]  # type: ignore[misc]
        value = round(self.rng.uniform(low, high), int(spec["decimals"]))  # type: ignore[arg-type]
        return f"{value:g}" if spec["decimals"] else str(int(value))

    def indicator(self, section: str, kind: str, spec: dict[str, object] | None = None) -> str:
        spec = spec or self.rng.choice(self.topic["indicators"])
        value = self.figure(spec)
        if kind == "actual":
            cmp = "="
        else:
            cmp = "<=" if spec.get("cap") else self.rng.choice((">=", ">=", "~"))
        words = self.rng.choice(CMP_WORDS[cmp]).format(v=value, u=spec["unit"])
        period = str(self.year - 1 if kind == "actual" else self.year + self.rng.randint(1, 3))
        text = f"{spec['metric']}{words}"
        self.indicators.append({"section": section, "text": text, "metric": spec["metric"],
                                "value": float(value), "unit": spec["unit"],
                                "comparator": cmp, "period": period, "kind": kind})
        return (f"{period}年，" if kind == "actual" else f"到{period}年，") + text

    def owners(self) -> tuple[str, list[dict[str, str]]]:
        """A responsibility clause in this document's convention, and its gold units."""
        rng = self.rng
        lines = rng.sample(VOCAB["lines"], rng.randint(1, 4))
        picked = [self.place.unit(line, rng) for line in lines]
        if self.place.level != "national" and rng.random() < 0.25:
            picked.append(self.place.collective(rng))
        for _, entry in picked:
            self.agencies[str(entry["id"])] = entry
        names = [m for m, _ in picked]
        roles = ["responsible"] * len(names)
        convention = self.convention if len(names) > 1 else "responsible"
        if convention == "responsible":
            label = rng.choice(("责任单位", "责任部门"))
            clause = f"（{label}：{'、'.join(names)}）"
            if rng.random() < 0.3:
                clause = f"（完成时限：{self.year}年12月底。{label}：{'、'.join(names)}）"
        elif convention == "first-lead":
            roles = ["lead"] + ["co"] * (len(names) - 1)
            if self.first_list:
                clause = f"（{'、'.join(names)}等负责，列第一位者为牵头单位，下同）"
            else:
                clause = f"（{'、'.join(names)}负责）"
            self.first_list = False
        elif convention == "labelled":
            roles = ["lead"] + ["co"] * (len(names) - 1)
            clause = f"（牵头单位：{names[0]}；配合单位：{'、'.join(names[1:])}）"
        else:
            roles = ["lead"] + ["co"] * (len(names) - 1)
            clause = f"{rng.choice(('由', ''))}{names[0]}牵头，{'、'.join(names[1:])}配合。"
        units = [{"mention": m, "agency": str(e["id"]), "role": r}
                 for (m, e), r in zip(picked, roles, strict=True)]
        return clause, units

    def body(self, section: str) -> tuple[str, list[str]]:
        rng, topic = self.rng, self.topic
        groups = rng.sample(VOCAB["groups"], rng.choice((0, 1, 1, 2, 3)))
        parts = [rng.choice(VOCAB["fillers"])]
        if groups:
            forms = "、".join(rng.choice(g["forms"]) for g in groups)
            parts.append(f"{rng.choice(topic['verbs'])}{forms}{rng.choice(topic['objects'])}，")
        parts.append(rng.choice(VOCAB["closings"]))
        if rng.random() < 0.3:
            parts.append(self.indicator(section, "target") + "。")
        return "".join(parts), [g["id"] for g in groups]

    # --- layout ------------------------------------------------------------------------
    def task(self, number: str, section: str, heading: str) -> str:
        text, groups = self.body(section)
        clause, units = self.owners()
        self.tasks.append({"section": section, "title": heading, "units": units,
                           "groups": groups})
        return f"{number}{heading}。{text}{clause}"

    def write(self) -> tuple[str, dict[str, object]]:
        rng, place, topic = self.rng, self.place, self.topic
        md = rng.random() < 0.2
        h1, h2 = ("## ", "### ") if md else ("", "")
        kind = rng.choice(VOCAB["kinds"])
        title = topic["title"].format(year=self.year, place=place.name.replace("全国", ""),
                                      kind=kind)
        number = f"{place.abbr}政办发〔{self.year}〕{rng.randint(1, 60)}号"
        cited = f"国发〔{self.year - 1}〕{rng.randint(1, 40)}号"
        self.lines += [f"{h1}{title}" if md else title, number, "各有关单位：",
                       f"为{topic['goal']}，根据《国务院关于做好相关工作的意见》（{cited}），"
                       f"结合实际，制定本{kind}。{self.indicator('', 'actual')}。"]
        self.lines.append(f"{h1}一、总体目标")
        goals = [self.indicator("1", "target") for _ in range(rng.randint(1, 3))]
        self.lines.append("，".join(goals) + f"，{topic['goal']}。")
        if rng.random() < 0.3:
            self.table()
        self.lines.append(f"{h1}二、重点任务")
        deep = rng.random() < 0.6
        headings = rng.sample(topic["tasks"], min(len(topic["tasks"]), rng.randint(4, 10)))
        sections = topic["sections"][: rng.randint(2, len(topic["sections"]))]
        for i, sec in enumerate(sections, 1):
            if deep:
                self.lines.append(f"{h2}（{cn_number(i)}）{sec}")
                for j, heading in enumerate(headings[i - 1 :: len(sections)], 1):
                    self.lines.append(self.task(f"{j}.", f"2.{i}.{j}", heading))
            else:
                self.lines.append(self.task(f"（{cn_number(i)}）", f"2.{i}", sec))
        self.lines.append(f"{h1}三、保障措施")
        self.lines.append("（一）加强组织领导。各地各部门要" + rng.choice(VOCAB["closings"]))
        date = f"{self.year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        y, m, d = (int(x) for x in date.split("-"))
        self.lines += [place.issuer, f"{y}年{m}月{d}日"]
        gold = {"source": self.source,
                "document": {"title": title, "issuer": [place.issuer], "doc_number": number,
                             "date": date, "cites": [cited]},
                "tasks": self.tasks, "indicators": self.indicators}
        return "\n".join(self.lines) + "\n", gold

    def table(self) -> None:
        base, target = self.year - 1, self.year + 2
        self.lines += ["主要指标", f"指标\t单位\t{base}年\t{target}年\t属性"]
        for spec in self.rng.sample(self.topic["indicators"], 2):
            now, goal = self.figure(spec), self.figure(spec)
            unit = str(spec["unit"])
            self.lines.append(f"{spec['metric']}\t{unit}\t{now}\t{goal}\t预期性")
            for value, kind, period in ((now, "actual", base), (goal, "target", target)):
                self.indicators.append({"section": "1", "text": f"{spec['metric']} {value}",
                                        "metric": spec["metric"], "value": float(value),
                                        "unit": unit, "comparator": "=", "period": str(period),
                                        "kind": kind})


def generate(out: Path, count: int, *, seed: int = 0, gold: Path | None = None) -> list[Path]:
    """Write ``count`` documents into ``out`` (and their gold files into ``gold``)."""
    out.mkdir(parents=True, exist_ok=True)
    registry: dict[str, dict[str, object]] = {}
    written = []
    for i in range(count):
        source = f"gen-{i:05d}"
        writer = Writer(source, random.Random(f"{seed}/{i}"))
        text, facts = writer.write()
        path = out / f"{source}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
        registry.update(writer.agencies)
        if gold is not None:
            gold.mkdir(parents=True, exist_ok=True)
            (gold / f"{source}.json").write_text(_dump(facts), encoding="utf-8")
    if gold is not None:
        groups = [{"id": g["id"], "name": g["name"], "aliases": g["forms"]}
                  for g in VOCAB["groups"]]
        (gold / "groups.json").write_text(_dump(groups), encoding="utf-8")
        (gold / "agencies.json").write_text(_dump(sorted(registry.values(),
                                                         key=lambda e: str(e["id"]))),
                                            encoding="utf-8")
    return written


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--gold", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.out, args.count, seed=args.seed, gold=args.gold)


if __name__ == "__main__":
    main()
