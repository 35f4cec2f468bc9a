// aio=native without direct cache mode. The statement: "Use of aio=native without direct cache
// mode also being specified (cache=none, cache=directsync, or cache.direct=on) is no longer allowed."
import { optionRule } from "./rule.js";
import { prop } from "../compiler/options.js";

export default optionRule(
  { id: "aio-native-requires-direct-cache", defaultSeverity: "error", description: "aio=native without cache=none, cache=directsync or cache.direct=on" },
  ({ options, report }) => {
    for (const o of options) {
      if ((o.flag !== "-drive" && o.flag !== "-blockdev") || prop(o, "aio") !== "native") continue;
      const cache = prop(o, "cache");
      const direct = prop(o, "cache.direct");
      if (cache === "none" || cache === "directsync" || direct === "on" || direct === "true") continue;
      report(o, { message: `aio=native needs direct cache mode${cache ? ` (this drive has cache=${cache})` : ""}: add cache=none, cache=directsync or cache.direct=on, or use aio=threads`, prop: "aio" });
    }
  },
);
