// aio=native without direct cache mode. The statement: "Use of aio=native without direct cache
// mode also being specified (cache=none, cache=directsync, or cache.direct=on) is no longer allowed."
import { optionRule, type RuleDocs } from "./rule.js";
import { prop } from "../qemu/options.js";

const DOCS: RuleDocs = {
  statement:
    "Use of aio=native without direct cache mode also being specified (cache=none, cache=directsync, or cache.direct=on) is no longer allowed.",
  details: "`aio=native` on a drive whose cache mode is not direct.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
disks: [{name: d, file: d.raw, format: raw, aio: native, cache: writeback}]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
disks: [{name: d, file: d.raw, format: raw, aio: native, cache: none}]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=d.raw,format=raw,aio=native
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=d.raw,format=raw,aio=native,cache.direct=on
`,
    },
  ],
  fix: "Add `cache=none` (or `directsync`, or `cache.direct=on`), or use `aio=threads`.",
};

export default optionRule(
  {
    id: "aio-native-requires-direct-cache",
    reads: ["-drive", "-blockdev"],
    defaultSeverity: "error",
    description: "aio=native without cache=none, cache=directsync or cache.direct=on",
    docs: DOCS,
    messages: {
      needsDirect: "aio=native needs direct cache mode: add cache=none, cache=directsync or cache.direct=on, or use aio=threads",
      cacheNotDirect:
        "aio=native needs direct cache mode (this drive has cache={{cache}}): add cache=none, cache=directsync or cache.direct=on, or use aio=threads",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      if ((o.flag !== "-drive" && o.flag !== "-blockdev") || prop(o, "aio") !== "native") continue;
      const cache = prop(o, "cache");
      const direct = prop(o, "cache.direct");
      if (cache === "none" || cache === "directsync" || direct === "on" || direct === "true") continue;
      report(o, { messageId: cache ? "cacheNotDirect" : "needsDirect", data: cache ? { cache } : undefined, prop: "aio" });
    }
  },
);
