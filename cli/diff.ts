// A unified diff of two texts with the same number of lines (fixes never add or remove lines),
// for --fix-dry-run; `git apply` and `patch` read it.
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  const a = before.split("\n");
  const b = after.split("\n");
  const changed = a.map((l, i) => l !== b[i]).flatMap((c, i) => (c ? [i] : []));
  if (changed.length === 0 || a.length !== b.length) return "";
  const hunks: [number, number][] = [];
  for (const i of changed) {
    const lo = Math.max(0, i - context);
    const hi = Math.min(a.length - (before.endsWith("\n") ? 1 : 0), i + context + 1);
    const last = hunks[hunks.length - 1];
    if (last && lo <= last[1]) last[1] = hi;
    else hunks.push([lo, hi]);
  }
  const out = [`--- a/${file}`, `+++ b/${file}`];
  for (const [lo, hi] of hunks) {
    out.push(`@@ -${lo + 1},${hi - lo} +${lo + 1},${hi - lo} @@`);
    for (let i = lo; i < hi; i++) {
      if (a[i] === b[i]) out.push(` ${a[i]}`);
      else out.push(`-${a[i]}`, `+${b[i]}`);
    }
  }
  return out.join("\n") + "\n";
}
