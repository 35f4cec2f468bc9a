// A key repeated in one -readconfig section. Since QEMU 6.1 (and 6.0.1) -readconfig reads each
// section into a dictionary (util/qemu-config.c, qdict_put_str), so every section type keeps only
// the key's last value: a user network's second `hostfwd` silently replaces the first. QEMU 2.9 to
// 6.0 added each value (qemu_opt_set), as the command line still does.
import { optionRule, type RuleDocs } from "./rule.js";
import { targetChoices } from "../qemu/targets.js";

const DOCS: RuleDocs = {
  details:
    "A key set twice in one section of a `-readconfig` file (`hostfwd` twice in a `[netdev]`, `host-nodes` twice in an `[object]`). Since QEMU 6.1 (and 6.0.1) `-readconfig` reads each section into a dictionary, in every section type, so only the last value is used and the others are dropped without a word: `info usernet` shows one forward. QEMU 2.9 to 6.0 kept every value, as the command line does, so the finding is made for every target (the message says what the target does). `vmspec build --format readconfig` keeps such an option on the command line.",
  examples: [
    {
      lang: "cfg",
      kind: "incorrect",
      qemu: "7.2",
      text: `[netdev "net0"]
  type = "user"
  hostfwd = "tcp:127.0.0.1:2222-:22"
  hostfwd = "tcp:127.0.0.1:8080-:80"
`,
    },
    {
      lang: "cfg",
      kind: "correct",
      qemu: "7.2",
      text: `[netdev "net0"]
  type = "user"
  hostfwd = "tcp:127.0.0.1:2222-:22"
`,
    },
  ],
  fix: "Move that option to the command line (`-netdev user,id=net0,hostfwd=...,hostfwd=...`), where every value counts, and keep the rest in the file.",
};

export default optionRule(
  {
    id: "readconfig-repeated-key",
    defaultSeverity: "warning",
    description: "a key repeated in one -readconfig section, of which QEMU 6.1 and later keep only the last",
    docs: DOCS,
    messages: {
      collapsed:
        '[{{section}}] sets {{key}} again: QEMU {{qemu}} reads a -readconfig section into a dictionary and keeps only the last value ({{key}} = "{{value}}"), dropping {{dropped}}. Put this option on the command line, where every value counts',
      older:
        '[{{section}}] sets {{key}} again: QEMU {{qemu}} keeps every value, but QEMU 6.1 and later keep only the last ({{key}} = "{{value}}"). Put this option on the command line, where every value counts',
    },
  },
  ({ options, qemu, report }) => {
    const collapse = targetChoices(qemu).readconfigRepeatsCollapse;
    for (const o of options) {
      if (o.section === undefined || !o.props) continue;
      const id = o.props.find((p) => p.key === "id")?.value;
      const byKey = new Map<string, string[]>();
      for (const p of o.props) {
        if (p.key === "id") continue;
        const values = byKey.get(p.key) ?? [];
        values.push(p.value);
        byKey.set(p.key, values);
      }
      for (const [key, values] of byKey) {
        if (values.length < 2) continue;
        const last = o.props.filter((p) => p.key === key).at(-1)!;
        const dropped = values.slice(0, -1).map((v) => `"${v}"`);
        report(o, {
          messageId: collapse ? "collapsed" : "older",
          at: last,
          data: {
            section: id === undefined ? o.section : `${o.section} "${id}"`,
            key,
            value: last.value,
            qemu: qemu.join("."),
            dropped: dropped.length === 1 ? dropped[0] : `${dropped.length} values (${dropped.join(", ")})`,
          },
        });
      }
    }
  },
);
