// "?" as the value of -cpu, -soundhw, -device, -M, -machine, -d and -clock: deprecated, use "help".
import { optionRule, type RuleDocs } from "./rule.js";
import { firstValue } from "./option-helpers.js";

const FLAG_LIST = ["-cpu", "-soundhw", "-device", "-machine", "-d", "-clock"];
const FLAGS = new Set(FLAG_LIST);

const DOCS: RuleDocs = {
  statement:
    'The use of "?" as a parameter to "-cpu", "-soundhw", "-device", "-M", "-machine", "-d", and "-clock" is now considered deprecated. Use "help" instead.',
  details: "`?` as the value of one of those options.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-device, "?"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-device, help]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine "?"
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine help
`,
    },
  ],
  fix: "Write `help`.",
};

export default optionRule(
  {
    id: "help-question-mark-deprecated",
    reads: FLAG_LIST,
    defaultSeverity: "warning",
    description: '"?" as a value asking for help',
    fixable: true,
    docs: DOCS,
    messages: {
      questionMark: '"{{flag}} ?" is deprecated: use "{{flag}} help"',
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      if (!FLAGS.has(o.flag)) continue;
      if (firstValue(o, "") !== "?") continue;
      const prop = o.props?.[0]?.key;
      report(o, { messageId: "questionMark", data: { flag: o.flag }, prop, fix: { prop, value: "help" } });
    }
  },
);
