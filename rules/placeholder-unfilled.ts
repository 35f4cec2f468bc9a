// A `${VAR}` placeholder that `vmspec import` left where a script's value could not be known: it
// must be filled before the VM means anything, or QEMU is given the placeholder as text.
import { specRule, type RuleDocs } from "./rule.js";
import type { SpecPath } from "../spec/nodes.js";

const DOCS: RuleDocs = {
  details:
    "A string value holding a `${NAME}` placeholder. `vmspec import` writes one where a script's value\ncannot be known without running it (a variable from the environment, a command substitution: see\nthe `argv-unknown` warning), and the user must fill it in. Left as it is, `build` would hand QEMU the\nplaceholder as literal text: a VM named `${VM}`, a kernel at `${KERNEL}`. vmspec itself never\nexpands variables in a spec.",
  examples: [
    { lang: "yaml", kind: "incorrect", text: 'name: web\nmemory: {size: 1GiB}\nrunAs: qemu\nkernel: {path: "${KERNEL}"}\n' },
    { lang: "yaml", kind: "correct", text: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\nkernel: {path: /srv/boot/Image}\n" },
  ],
  fix: "Put the value the script would have used in its place (the import's header and warnings say where each came from).",
};

/** Whether any string in the value holds "${". */
function holdsPlaceholder(v: unknown): boolean {
  if (typeof v === "string") return v.includes("${");
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (holdsPlaceholder(v[i])) return true;
    return false;
  }
  if (v && typeof v === "object") {
    for (const k in v) if (holdsPlaceholder((v as Record<string, unknown>)[k])) return true;
  }
  return false;
}

const PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\}/;

export default specRule(
  {
    id: "placeholder-unfilled",
    defaultSeverity: "error",
    description: "a ${NAME} placeholder left by vmspec import, not filled in",
    docs: DOCS,
    messages: {
      unfilled:
        '{{placeholder}} is a placeholder vmspec import left where the script\'s value could not be known: fill it in, or build hands QEMU the text "{{placeholder}}"',
    },
  },
  ({ spec, report }) => {
    // Almost no spec holds one: one look at its strings first, the paths only when one does.
    if (!holdsPlaceholder(spec)) return;
    const walk = (v: unknown, path: SpecPath): void => {
      if (typeof v === "string") {
        const m = PLACEHOLDER.exec(v);
        if (m) report({ path, messageId: "unfilled", data: { placeholder: m[0] } });
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(spec, []);
  },
);
