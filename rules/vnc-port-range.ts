// display.port is a TCP port: a VNC port below 5900 is a display number written where a port goes.
import { specRule, type RuleDocs } from "./rule.js";

/** VNC display n listens on TCP port 5900 + n. */
export const VNC_BASE_PORT = 5900;

const DOCS: RuleDocs = {
  details:
    "`display.port` is the TCP port VNC or SPICE listens on. QEMU's `-vnc host:N` takes a display number\nand listens on port 5900 + N, so vmspec writes `display.port - 5900` there; a VNC port below 5900\nhas no display number (it would be read as one, so `port: 1` meant port 5901 and `port: 5901`\nport 11801 when vmspec read the field as a display number). The SPICE port is passed as it is.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
display: {type: vnc, port: 1}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
display: {type: vnc, port: 5901}
`,
    },
  ],
  fix: "Write the TCP port: 5900 + the display number (display 1 is `port: 5901`).",
};

export default specRule(
  {
    id: "vnc-port-range",
    defaultSeverity: "error",
    description: "a VNC display.port below 5900 (a display number where a TCP port goes)",
    docs: DOCS,
    messages: {
      belowBase:
        "display.port is the TCP port, and VNC listens on 5900 + its display number: {{port}} is below 5900. For display {{port}} write port: {{suggested}}",
    },
  },
  ({ spec, report }) => {
    const d = spec.display;
    if (d?.type !== "vnc" || d.port === undefined || d.port >= VNC_BASE_PORT) return;
    report({
      path: ["display", "port"],
      messageId: "belowBase",
      data: { port: d.port, suggested: VNC_BASE_PORT + d.port },
    });
  },
);
