// "+feature/-feature" and "feature=on/off" in one -cpu: a warning, and their meaning will change
// ("+feature" and "-feature" become synonyms for feature=on and feature=off).
import { optionRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  statement:
    'Specifying a cpu feature with both "+feature/-feature" and "feature=on/off" will now cause a warning. The current behavior for this combination where "+feature/-feature" wins over "feature=on/off", will be changed going forward so that "+feature" and "-feature" will be synonyms for "feature=on" and "feature=off" respectively.',
  details: "One `-cpu` that mixes both spellings.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
cpu: {model: "host,+pmu,sve=off"}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
cpu: {model: "host,pmu=on,sve=off"}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host,-pmu,sve=on -runas qemu
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host,pmu=off,sve=on -runas qemu
`,
    },
  ],
  fix: "Write every feature as `feature=on|off`.",
};

const SIGNED = /^[+-]/;

export default optionRule(
  {
    id: "cpu-feature-mixed-syntax",
    excusedBy: "cpu",
    reads: ["-cpu"],
    defaultSeverity: "warning",
    description: "+feature/-feature mixed with feature=on/off in one -cpu",
    docs: DOCS,
    messages: {
      mixedSyntax:
        "-cpu mixes {{signed}} with {{named}}: today +/- wins, later they become synonyms; write every feature as feature=on|off",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      if (o.flag !== "-cpu" || !o.props) continue;
      // Most -cpu options write no +feature or -feature: nothing can be mixed then.
      if (!o.props.some((p) => !p.implied && SIGNED.test(p.key))) continue;
      const rest = o.props.filter((p) => !p.implied);
      const signed = rest.filter((p) => /^[+-]/.test(p.key));
      const named = rest.filter((p) => !/^[+-]/.test(p.key) && /^(on|off|true|false|yes|no)$/.test(p.value));
      if (signed.length && named.length) {
        report(o, {
          messageId: "mixedSyntax",
          data: { signed: signed.map((p) => p.key).join(", "), named: named.map((p) => `${p.key}=${p.value}`).join(", ") },
          prop: signed[0].key,
        });
      }
    }
  },
);
