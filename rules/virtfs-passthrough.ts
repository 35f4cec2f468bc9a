// virtio-9p with security_model=passthrough: guest file ownership maps straight to the host, so
// QEMU must run as root and a guest root can create root-owned files on the host.
import { optionRule } from "./rule.js";
import { prop } from "../compiler/options.js";

export default optionRule(
  { id: "virtfs-passthrough", defaultSeverity: "warning", description: "a shared folder with security_model=passthrough" },
  ({ options, report }) => {
    for (const o of options) {
      if ((o.flag === "-fsdev" || o.flag === "-virtfs") && prop(o, "security_model") === "passthrough") {
        report(o, { message: "security_model=passthrough lets guest root create root-owned files on the host and needs QEMU to run as root: use mapped-xattr", prop: "security_model" });
      }
    }
  },
);
