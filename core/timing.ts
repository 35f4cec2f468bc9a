// Time per phase and per rule (`vmspec lint --stats`, or VMSPEC_TIMING=1), like ESLint's TIMING:
// off by default, so measuring costs nothing when nobody asks.
const totals = new Map<string, { ms: number; calls: number }>();
let enabled = process.env.VMSPEC_TIMING === "1";

export function enableTiming(): void {
  enabled = true;
}

export function timingEnabled(): boolean {
  return enabled;
}

/** Runs `f`, adding its time to `label` when timing is on. */
export function timed<T>(label: string, f: () => T): T {
  if (!enabled) return f();
  const start = performance.now();
  try {
    return f();
  } finally {
    const t = totals.get(label) ?? { ms: 0, calls: 0 };
    t.ms += performance.now() - start;
    t.calls++;
    totals.set(label, t);
  }
}

/** The table of totals, slowest first (empty when timing is off). */
export function timingTable(): string {
  if (!enabled || totals.size === 0) return "";
  const rows = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const all = rows.filter(([l]) => !l.startsWith("rule:")).reduce((n, [, t]) => n + t.ms, 0);
  const w = Math.max(...rows.map(([l]) => l.length));
  const lines = [`${"phase or rule".padEnd(w)}  time (ms)  calls  share`];
  for (const [label, t] of rows)
    lines.push(
      `${label.padEnd(w)}  ${t.ms.toFixed(1).padStart(9)}  ${String(t.calls).padStart(5)}  ${all ? ((100 * t.ms) / all).toFixed(1).padStart(5) + "%" : ""}`,
    );
  return lines.join("\n") + "\n";
}
