import { munkres } from 'munkres';

/** A candidate pair and how well its two sides fit (higher is better). */
export interface Edge<A, B> {
  a: A;
  b: B;
  weight: number;
}

/** Past this many cells a component is paired best-first instead (never reached by real rosters). */
const MAX_CELLS = 400 * 400;

/**
 * The pairs with the greatest total weight in which each `a` and each `b` is used at most once: an
 * assignment over all candidate pairs (the Hungarian method, `munkres`), not best-first. Best-first
 * gives an address that fits two people to whichever pair comes first in a tie, and the other
 * person is left with nothing or the wrong entry. Solved per connected component, so the matrices
 * stay as small as the clusters of similar names.
 */
export function bestAssignment<E extends Edge<unknown, unknown>>(edges: readonly E[]): E[] {
  const aIds = new Map<unknown, number>();
  const bIds = new Map<unknown, number>();
  for (const e of edges) {
    if (!aIds.has(e.a)) aIds.set(e.a, aIds.size);
    if (!bIds.has(e.b)) bIds.set(e.b, bIds.size);
  }
  // Union-find over a-nodes [0, nA) and b-nodes [nA, nA + nB).
  const nA = aIds.size;
  const parent = Array.from({ length: nA + bIds.size }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] ?? r;
    let y = x;
    while (parent[y] !== r) {
      const next = parent[y] ?? r;
      parent[y] = r;
      y = next;
    }
    return r;
  };
  for (const e of edges) {
    const ra = find(aIds.get(e.a) ?? 0);
    const rb = find(nA + (bIds.get(e.b) ?? 0));
    if (ra !== rb) parent[ra] = rb;
  }
  const components = new Map<number, E[]>();
  for (const e of edges) {
    const root = find(aIds.get(e.a) ?? 0);
    const list = components.get(root) ?? [];
    list.push(e);
    components.set(root, list);
  }
  const chosen: E[] = [];
  for (const list of components.values()) {
    if (list.length === 1) {
      chosen.push(list[0] as E);
      continue;
    }
    const rows = [...new Set(list.map((e) => e.a))];
    const cols = [...new Set(list.map((e) => e.b))];
    if (rows.length * cols.length > MAX_CELLS) {
      chosen.push(...bestFirst(list));
      continue;
    }
    const row = new Map(rows.map((a, i) => [a, i]));
    const col = new Map(cols.map((b, i) => [b, i]));
    const cost = rows.map(() => cols.map(() => 0));
    const at = new Map<string, E>();
    for (const e of list) {
      const i = row.get(e.a) ?? 0;
      const j = col.get(e.b) ?? 0;
      const cell = cost[i];
      if (cell && -e.weight < (cell[j] ?? 0)) {
        cell[j] = -e.weight;
        at.set(`${i}:${j}`, e);
      }
    }
    for (const [i, j] of munkres(cost)) {
      const e = at.get(`${i}:${j}`);
      if (e) chosen.push(e);
    }
  }
  return chosen;
}

function bestFirst<E extends Edge<unknown, unknown>>(edges: E[]): E[] {
  const usedA = new Set<unknown>();
  const usedB = new Set<unknown>();
  const out: E[] = [];
  for (const e of [...edges].sort((x, y) => y.weight - x.weight)) {
    if (usedA.has(e.a) || usedB.has(e.b)) continue;
    usedA.add(e.a);
    usedB.add(e.b);
    out.push(e);
  }
  return out;
}
