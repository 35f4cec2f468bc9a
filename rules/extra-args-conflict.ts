// An extraArgs option that would override or clash with one vmspec generates: a second -m,
// -machine, -cpu, ... (QEMU silently keeps the last), or an id already in use.
import { optionRule } from "./rule.js";
import { prop, type QemuOption } from "../compiler/options.js";

/** Options QEMU takes once: a second one silently replaces (or merges into) the first. */
const SINGLETONS = new Set([
  "-name", "-uuid", "-machine", "-cpu", "-smp", "-m", "-mem-path", "-bios", "-kernel", "-initrd", "-append",
  "-boot", "-display", "-nographic", "-vnc", "-spice", "-rtc", "-runas", "-sandbox", "-pidfile", "-incoming",
  "-watchdog-action", "-accel", "-enable-kvm", "-no-kvm",
]);
/** Flags that mean the same setting as another flag. */
const SAME_AS: Record<string, string> = { "-enable-kvm": "-machine", "-accel": "-machine", "-no-kvm": "-machine", "-nographic": "-display" };

function idOf(o: QemuOption): string | undefined {
  if (o.flag === "-mon") return undefined;
  return prop(o, "id") ?? prop(o, "node-name");
}

export default optionRule(
  { id: "extra-args-conflict", defaultSeverity: "error", description: "an extraArgs option clashes with one vmspec generates" },
  ({ options, report }) => {
    const generated = options.filter((o) => !o.extra);
    const flags = new Set(generated.map((o) => SAME_AS[o.flag] ?? o.flag));
    const ids = new Map<string, string>();
    for (const o of generated) {
      const id = idOf(o);
      if (id) ids.set(`${o.flag}:${id}`, o.path.join(".") || "the defaults");
    }
    for (const o of options.filter((x) => x.extra)) {
      const same = SAME_AS[o.flag] ?? o.flag;
      if (SINGLETONS.has(o.flag) && flags.has(same)) {
        report(o, { message: `extraArgs ${o.flag} clashes with the ${same} that vmspec generates from the spec: set it in the spec instead of overriding it` });
        continue;
      }
      const id = idOf(o);
      if (id && ids.has(`${o.flag}:${id}`)) {
        report(o, { message: `extraArgs ${o.flag} uses the id ${JSON.stringify(id)}, already used by ${ids.get(`${o.flag}:${id}`)}` });
      }
      if (id) ids.set(`${o.flag}:${id}`, o.path.join("."));
    }
  },
);
