// Every choice that depends on the target QEMU version lives here, and only here. Where one
// spelling is accepted by every target (QEMU 2.9 of the SLES 12 SP3 statement, 4.1, 4.2, 5.2 and
// 6.2 of the SLES 15 statements, 7.1, and Debian's 7.2), that spelling is used everywhere and no
// choice is needed (docs/targets.md lists both kinds).

export type QemuVersion = readonly [major: number, minor: number];

/** The QEMU versions vmspec knows how to target. */
export const KNOWN_TARGETS = ["2.9", "4.1", "4.2", "5.2", "6.2", "7.1", "7.2"] as const;
// The default target is the lint profile's QEMU (rules/data/profiles.ts): 2.9 for SLES 12 SP3,
// 4.1/4.2/5.2/6.2 for SLES 15 SP1-SP4; 7.1 is the package SLES 15 SP5 shipped with SP4's text.

/**
 * The QEMU a KubeVirt VirtualMachine runs on (`--target kubevirt`, `build --format kubevirt`):
 * virt-launcher's own, not the profile's. 7.2 is what KubeVirt v1.0, its first stable release
 * (and v0.59), ships, with libvirt 9.0 ("rpm: Update virtualization packages", kubevirt/kubevirt
 * #9159); v1.1 moved to QEMU 8.0 (#10050), v1.3 to 8.2 (#11256), then 9.0 (#12452), 9.1 (#13641),
 * and v1.8 ships 10.0. The oldest is the one to judge against: what 7.2 has, every later one has.
 */
export const KUBEVIRT_QEMU: QemuVersion = [7, 2];

export function parseTarget(name: string): QemuVersion | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(name);
  if (!m) return undefined;
  const v = [Number(m[1]), Number(m[2])] as const;
  return v[0] >= 2 && v[0] < 100 ? v : undefined;
}

/** The newest minor release of each QEMU major release from 2.9 on (2.12, 3.1, 4.2, ... 10.2): what `--qemu` accepts. */
export const QEMU_RELEASES: Readonly<Record<number, number>> = { 2: 12, 3: 1, 4: 2, 5: 2, 6: 2, 7: 2, 8: 2, 9: 2, 10: 2 };

/** Whether `v` is a QEMU release vmspec knows (2.9 to 10.2); undefined when it is, else the nearest one to suggest. */
export function unknownRelease(v: QemuVersion): string | undefined {
  const last = QEMU_RELEASES[v[0]];
  if (last !== undefined && v[1] <= last && (v[0] > 2 || v[1] >= 9)) return undefined;
  if (last !== undefined) return v[0] === 2 && v[1] < 9 ? "2.9" : `${v[0]}.${last}`;
  const majors = Object.keys(QEMU_RELEASES).map(Number);
  const major = v[0] > Math.max(...majors) ? Math.max(...majors) : Math.min(...majors);
  return major === 2 ? "2.9" : `${major}.${QEMU_RELEASES[major]}`;
}

function atLeast(v: QemuVersion, major: number, minor: number): boolean {
  return v[0] > major || (v[0] === major && v[1] >= minor);
}

/** The version-dependent choices the compiler makes, as data. */
export interface TargetChoices {
  version: QemuVersion;
  /** The xHCI controller: `qemu-xhci` exists since 2.10; before, `nec-usb-xhci`. */
  xhciDevice: string;
  /**
   * The CPU model when the spec names none and the accelerator is TCG, where `host` does not exist
   * ("unable to find CPU model 'host'"): `max` (every feature TCG emulates; QEMU 2.10 has no `max`
   * for Arm, 2.12 has it), else the newest 64-bit model 2.9 has, `cortex-a57`.
   */
  tcgCpu: string;
  /** Guest NUMA distances (`-numa dist`), which exist since 2.10. */
  numaDistances: boolean;
  /** Chardev socket server switches: `server=on,wait=off` (both parse it). */
  serverProps: [string, string][];
  /** The same for a server that waits for its first client before the VM starts: `server=on,wait=on`. */
  serverWaitProps: [string, string][];
  /**
   * The bridge helper a `-netdev tap,helper=` names (a bridge network with vhost): the path of the
   * distribution that goes with the target, SLES 12 SP3's `/usr/lib/qemu-bridge-helper` for 2.9,
   * Debian 12's `/usr/lib/qemu/qemu-bridge-helper` for 7.2 and later.
   */
  bridgeHelper: string;
  /** The generic PCIe root port, `pcie-root-port` (2.9 and later; before, Intel's `ioh3420`). */
  rootPortDevice: string;
  /** VNC and SPICE read their password from a secret object (`password-secret=`) since 7.0; 2.9 cannot. */
  displayPasswordSecret: boolean;
  /**
   * storage.backend blockdev: QEMU 4.1 and later. The virt board takes its pflash as `-blockdev`
   * nodes (`-machine pflash0=`) since 4.1 ("hw/arm/virt: Support firmware configuration with
   * -blockdev"); the rest is older: `auto-read-only` (3.1), the `throttle` filter and `-object
   * throttle-group` (2.11), a `scsi-cd` with no drive. libvirt itself writes -blockdev from 4.2.
   */
  blockdev: boolean;
  /** A TPM on the virt board: the sysbus `tpm-tis-device` came in 5.0; before, only the ISA `tpm-tis`, which the virt board (no ISA bus) cannot hold. */
  tpmOnVirt: boolean;
  /** `-netdev stream` (a socket to a user-mode network daemon such as passt) came in 7.2. */
  netdevStream: boolean;
  /** -readconfig reads a section into a dictionary since 6.1 (and 6.0.1): a repeated key keeps only its last value; before, every one. */
  readconfigRepeatsCollapse: boolean;
}

export function targetChoices(version: QemuVersion): TargetChoices {
  return {
    version,
    xhciDevice: atLeast(version, 2, 10) ? "qemu-xhci" : "nec-usb-xhci",
    tcgCpu: atLeast(version, 2, 12) ? "max" : "cortex-a57",
    numaDistances: atLeast(version, 2, 10),
    serverProps: [
      ["server", "on"],
      ["wait", "off"],
    ],
    serverWaitProps: [
      ["server", "on"],
      ["wait", "on"],
    ],
    displayPasswordSecret: atLeast(version, 7, 0),
    blockdev: atLeast(version, 4, 1),
    readconfigRepeatsCollapse: atLeast(version, 6, 1),
    tpmOnVirt: atLeast(version, 5, 0),
    netdevStream: atLeast(version, 7, 2),
    rootPortDevice: atLeast(version, 2, 9) ? "pcie-root-port" : "ioh3420",
    bridgeHelper: atLeast(version, 7, 2) ? "/usr/lib/qemu/qemu-bridge-helper" : "/usr/lib/qemu-bridge-helper",
  };
}
