import { describe, expect, it } from "vitest";
import { deletionBlockers, inTreeOrder, moveAmongSiblings, productMoveProblem, type PositionedCategory } from "@/lib/catalog/category-admin";
import { planCategoryImport, type StoredCategory } from "@/lib/catalog/category-import";

const cat = (id: number, position: number, parentId: number | null = null): PositionedCategory => ({ id, parentId, position });

describe("moveAmongSiblings", () => {
  it.each<{ label: string; tree: PositionedCategory[]; id: number; direction: "up" | "down"; expected: { id: number; position: number }[] | null }>([
    { label: "distinct positions: the two swap, the rest keep theirs", tree: [cat(1, 10), cat(2, 20), cat(3, 30)], id: 3, direction: "up", expected: [{ id: 2, position: 30 }, { id: 3, position: 20 }] },
    { label: "down is the mirror of up", tree: [cat(1, 10), cat(2, 20), cat(3, 30)], id: 1, direction: "down", expected: [{ id: 1, position: 20 }, { id: 2, position: 10 }] },
    { label: "the first cannot go up", tree: [cat(1, 0), cat(2, 1)], id: 1, direction: "up", expected: null },
    { label: "the last cannot go down", tree: [cat(1, 0), cat(2, 1)], id: 2, direction: "down", expected: null },
    { label: "unknown id", tree: [cat(1, 0)], id: 9, direction: "up", expected: null },
    { label: "all 0 (made without a position): numbered 0, 1, 2 in the new order", tree: [cat(1, 0), cat(2, 0), cat(3, 0)], id: 3, direction: "up", expected: [{ id: 2, position: 2 }, { id: 3, position: 1 }] },
    { label: "a swap without a tie (A0 C1 B1 by id, A down): just the two", tree: [cat(5, 0), cat(6, 1), cat(2, 1)], id: 5, direction: "down", expected: [{ id: 5, position: 1 }, { id: 2, position: 0 }] },
    {
      label: "a swap that a tie would undo (A(id 4)0 B(id 2)1 C(id 3)1, A down): renumbered",
      tree: [cat(4, 0), cat(2, 1), cat(3, 1)],
      id: 4,
      direction: "down",
      // Swapped, A(1, id 4) would sort after C(1, id 3): B C A instead of B A C.
      expected: [{ id: 2, position: 0 }, { id: 4, position: 1 }, { id: 3, position: 2 }],
    },
    { label: "only siblings move: another parent's children are untouched", tree: [cat(1, 0), cat(2, 1), cat(3, 0, 1), cat(4, 1, 1), cat(5, 0, 2)], id: 4, direction: "up", expected: [{ id: 3, position: 1 }, { id: 4, position: 0 }] },
  ])("$label", ({ tree, id, direction, expected }) => {
    const changes = moveAmongSiblings(tree, id, direction);
    expect(changes === null ? null : [...changes].sort((a, b) => a.id - b.id)).toEqual(expected === null ? null : [...expected].sort((a, b) => a.id - b.id));
    if (!changes) return;
    // Whatever the numbers, the shop's order afterwards is the old one with the two neighbours swapped.
    const after = tree.map((c) => ({ ...c, position: changes.find((change) => change.id === c.id)?.position ?? c.position }));
    const self = tree.find((c) => c.id === id)!;
    const order = (list: PositionedCategory[]) => inTreeOrder(list).filter((c) => c.parentId === self.parentId).map((c) => c.id);
    const before = order(tree);
    const i = before.indexOf(id);
    const j = direction === "up" ? i - 1 : i + 1;
    [before[i], before[j]] = [before[j]!, before[i]!];
    expect(order(after)).toEqual(before);
  });
});

describe("inTreeOrder", () => {
  it("top level by position then id, each followed by its children", () => {
    const tree = [cat(1, 2), cat(2, 1), cat(3, 0, 1), cat(4, 5, 2), cat(5, 1, 2), cat(6, 1)];
    expect(inTreeOrder(tree).map((c) => c.id)).toEqual([2, 5, 4, 6, 1, 3]);
  });
});

describe("deletionBlockers", () => {
  it.each([
    { products: 0, children: 0, expected: null },
    { products: 1, children: 0, expected: { products: 1, children: 0 } },
    { products: 0, children: 2, expected: { products: 0, children: 2 } },
    { products: 12, children: 3, expected: { products: 12, children: 3 } },
  ])("$products products, $children children → $expected", ({ products, children, expected }) => {
    expect(deletionBlockers({ products, children })).toEqual(expected);
  });
});

describe("productMoveProblem", () => {
  it.each([
    { label: "another category (a parent too)", source: 1, target: 2, expected: null },
    { label: "itself", source: 1, target: 1, expected: "same_category" },
    { label: "unknown", source: 1, target: undefined, expected: "unknown_target" },
  ])("$label", ({ source, target, expected }) => {
    expect(productMoveProblem(source, target)).toBe(expected);
  });
});

describe("planCategoryImport with the back office's `only`", () => {
  const stored: StoredCategory[] = [{ id: 1, code: "OFF", parentId: null, slug: "kantoor", nameNl: "Kantoor", nameEn: "Office", position: 0 }];
  it.each([
    { label: "create with a new code", only: "create" as const, row: { code: "NEW", nameNl: "Nieuw" }, outcome: "created", problems: undefined },
    { label: "create with a code in use: refused, not an update", only: "create" as const, row: { code: "OFF", nameNl: "Kantoor 2" }, outcome: "invalid", problems: [{ field: "code", problem: "code_taken" }] },
    { label: "update of an existing code", only: "update" as const, row: { code: "OFF", nameNl: "Kantoor 2" }, outcome: "updated", problems: undefined },
    { label: "update of an unknown code: refused, not a create", only: "update" as const, row: { code: "GONE", nameNl: "Weg" }, outcome: "invalid", problems: [{ field: "code", problem: "unknown_code" }] },
    { label: "without `only` (the API): upsert as before", only: undefined, row: { code: "OFF", nameNl: "Kantoor 2" }, outcome: "updated", problems: undefined },
  ])("$label", ({ only, row, outcome, problems }) => {
    const [plan] = planCategoryImport([row], stored, only);
    expect(plan!.outcome).toBe(outcome);
    expect(plan!.problems).toEqual(problems);
  });
});
