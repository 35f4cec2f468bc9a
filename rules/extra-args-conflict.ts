// An extraArgs option that would override or clash with one vmspec generates: a second -m,
// -machine, -cpu, ... (QEMU silently keeps the last), or an id already in use.
import { optionRule, type RuleDocs } from "./rule.js";
import { prop, type QemuOption } from "../qemu/options.js";

/** Options QEMU takes once: a second one silently replaces (or merges into) the first. */
const SINGLETONS = new Set([
  "-name",
  "-uuid",
  "-machine",
  "-cpu",
  "-smp",
  "-m",
  "-mem-path",
  "-bios",
  "-kernel",
  "-initrd",
  "-append",
  "-boot",
  "-display",
  "-nographic",
  "-vnc",
  "-spice",
  "-rtc",
  "-runas",
  "-sandbox",
  "-pidfile",
  "-incoming",
  "-watchdog-action",
  "-accel",
  "-enable-kvm",
  "-no-kvm",
]);
/**
 * Flags that mean the same setting as another flag. The accelerator flags clash with a -machine
 * only when it sets accel= (written "-machine accel" here).
 */
const SAME_AS: Record<string, string> = {
  "-enable-kvm": "-machine accel",
  "-accel": "-machine accel",
  "-no-kvm": "-machine accel",
  "-nographic": "-display",
};
const settingsOf = (o: QemuOption): string[] =>
  o.flag === "-machine" && prop(o, "accel") !== undefined ? ["-machine", "-machine accel"] : [SAME_AS[o.flag] ?? o.flag];

function idOf(o: QemuOption): string | undefined {
  if (o.flag === "-mon") return undefined;
  return prop(o, "id") ?? prop(o, "node-name");
}

const DOCS: RuleDocs = {
  details:
    "An `extraArgs` option that clashes with one vmspec generates: a second `-m`, `-machine`, `-cpu`,\n`-smp`, `-name`, `-kernel`, ... (QEMU silently keeps the last or merges them, so the spec would\nno longer say what runs), or a `-device`, `-drive`, `-netdev`, `-chardev` or `-object` whose id\nis already used. `extraArgs` are appended, never a way to override.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
extraArgs: [-m, 4G]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 4GiB}
extraArgs: [-no-reboot]
`,
    },
  ],
  fix: "Set the value in the spec's own field; give extra devices ids of their own.",
};

export default optionRule(
  {
    id: "extra-args-conflict",
    defaultSeverity: "error",
    description: "an extraArgs option clashes with one vmspec generates",
    docs: DOCS,
    messages: {
      overridesGenerated:
        "extraArgs {{flag}} clashes with the {{generated}} that vmspec generates from the spec: set it in the spec instead of overriding it",
      idTaken: "extraArgs {{flag}} uses the id {{id}}, already used by {{first}}",
    },
  },
  ({ options, report }) => {
    if (!options.some((o) => o.extra)) return; // nothing from extraArgs: nothing to clash
    const generated = options.filter((o) => !o.extra);
    const flags = new Set(generated.flatMap(settingsOf));
    const ids = new Map<string, string>();
    for (const o of generated) {
      const id = idOf(o);
      if (id) ids.set(`${o.flag}:${id}`, o.path.join(".") || "the defaults");
    }
    for (const o of options.filter((x) => x.extra)) {
      const same = SAME_AS[o.flag] ?? o.flag;
      if (SINGLETONS.has(o.flag) && flags.has(same)) {
        report(o, { messageId: "overridesGenerated", data: { flag: o.flag, generated: same.split(" ")[0] } });
        continue;
      }
      const id = idOf(o);
      if (id && ids.has(`${o.flag}:${id}`)) {
        report(o, { messageId: "idTaken", data: { flag: o.flag, id: JSON.stringify(id), first: String(ids.get(`${o.flag}:${id}`)) } });
      }
      if (id) ids.set(`${o.flag}:${id}`, o.path.join("."));
    }
  },
);
