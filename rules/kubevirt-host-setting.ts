// kubevirt-host-setting: a setting about the QEMU process on a host, which KubeVirt's virt-launcher
// owns: left out of the VirtualMachine, said once as info (only with --target kubevirt).
import { specRule, type RuleDocs } from "./rule.js";
import type { SpecPath } from "../spec/nodes.js";
import type { VmSpec } from "../spec/types.js";

const DOCS: RuleDocs = {
  details:
    "With `--target kubevirt`: a setting about the QEMU process and its host files rather than the VM, which KubeVirt's virt-launcher decides in a VirtualMachine's pod: `runAs`, `sandbox`, `pidfile`, `daemonize`, `monitors` (KubeVirt's API and virtctl take the place of QMP and HMP), the guest agent's `socket`, the UEFI `code`, `vars` and `varsTemplate` files (KubeVirt uses its own AAVMF images and does not keep the variable store unless `efi.persistent` is set), VNC's `listen`, `port`, `password`, `passwordFile`, `websocket` and `tls` (KubeVirt's VNC is reached through the Kubernetes API, which authenticates it), the serial port's `path` and `logfile` (KubeVirt logs the console in the pod: `logSerialConsole`), and `defaults: false`. The manifest leaves them out; this info finding says so once per setting, so that nothing is dropped silently. `vmspec build` shows only errors and warnings, so it does not print these.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
monitors:
  qmp:
    socket: /run/web.qmp
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 2GiB}
rng: {}
`,
    },
  ],
  fix: "Nothing to do for KubeVirt: reach the VM with `virtctl console`, `virtctl vnc`, `virtctl ssh` and the KubeVirt API. Keep the settings for the QEMU and libvirt outputs of the same spec.",
};

/** Each setting the pod owns, with what takes its place. */
function hostSettings(spec: VmSpec): { path: SpecPath; why: string }[] {
  const out: { path: SpecPath; why: string }[] = [];
  if (spec.runAs !== undefined) out.push({ path: ["runAs"], why: "virt-launcher runs QEMU as its own unprivileged user" });
  if (spec.sandbox !== undefined) out.push({ path: ["sandbox"], why: "virt-launcher confines QEMU (its pod, SELinux and seccomp)" });
  if (spec.pidfile !== undefined) out.push({ path: ["pidfile"], why: "virt-launcher keeps track of QEMU" });
  if (spec.daemonize !== undefined) out.push({ path: ["daemonize"], why: "virt-launcher starts and supervises QEMU" });
  if (spec.monitors !== undefined) out.push({ path: ["monitors"], why: "KubeVirt's API and virtctl take the place of QMP and HMP" });
  if (spec.guestAgent?.socket !== undefined)
    out.push({ path: ["guestAgent", "socket"], why: "KubeVirt always adds the guest agent channel and reads it itself" });
  for (const k of ["code", "vars", "varsTemplate"] as const)
    if (spec.firmware?.uefi?.[k] !== undefined)
      out.push({
        path: ["firmware", "uefi", k],
        why: "KubeVirt boots its own AAVMF images; the variable store is not kept across restarts",
      });
  for (const k of ["listen", "port", "password", "passwordFile", "websocket", "tls"] as const)
    if (spec.display?.[k] !== undefined)
      out.push({
        path: ["display", k],
        why:
          k === "websocket"
            ? "KubeVirt's VNC is reached through the Kubernetes API (virtctl vnc, or a browser client on the API's vnc subresource, itself a WebSocket)"
            : "KubeVirt's VNC is reached through the Kubernetes API (virtctl vnc), which authenticates it",
      });
  if (spec.serial?.path !== undefined) out.push({ path: ["serial", "path"], why: "the serial console is reached with virtctl console" });
  if (spec.serial?.logfile !== undefined)
    out.push({
      path: ["serial", "logfile"],
      why: "KubeVirt logs the serial console (logSerialConsole) in the pod's guest-console-log container (kubectl logs <pod> -c guest-console-log), not in a host file",
    });
  if (spec.defaults === false) out.push({ path: ["defaults"], why: "virt-launcher chooses QEMU's options itself" });
  return out;
}

export default specRule(
  {
    id: "kubevirt-host-setting",
    target: "kubevirt",
    defaultSeverity: "info",
    description: "a host-process setting that KubeVirt's virt-launcher owns: left out of the VirtualMachine",
    docs: DOCS,
    messages: {
      host: "{{field}} does not carry over to KubeVirt: {{why}}",
    },
  },
  ({ spec, report }) => {
    for (const s of hostSettings(spec)) report({ messageId: "host", data: { field: s.path.join("."), why: s.why }, path: s.path });
  },
);
