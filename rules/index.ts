// Every rule, by id. A test checks this list equals the rule files and each id its file name.
import type { Rule } from "./rule.js";
import aioNativeRequiresDirectCache from "./aio-native-requires-direct-cache.js";
import bootindexWithBootOrder from "./bootindex-with-boot-order.js";
import conflictingSettings from "./conflicting-settings.js";
import cpuFeatureMixedSyntax from "./cpu-feature-mixed-syntax.js";
import cpuModelMissing from "./cpu-model-missing.js";
import driveFormatMissing from "./drive-format-missing.js";
import driveFormatUnsupported from "./drive-format-unsupported.js";
import driveInterfaceUnsupported from "./drive-interface-unsupported.js";
import driveSnapshotUnsupported from "./drive-snapshot-unsupported.js";
import duplicateBootindex from "./duplicate-bootindex.js";
import duplicateHostForward from "./duplicate-host-forward.js";
import duplicateId from "./duplicate-id.js";
import devicePlacement from "./device-placement.js";
import duplicateImage from "./duplicate-image.js";
import duplicateName from "./duplicate-name.js";
import extraArgsConflict from "./extra-args-conflict.js";
import gicCpuLimit from "./gic-cpu-limit.js";
import glusterNotEnabled from "./gluster-not-enabled.js";
import helpQuestionMarkDeprecated from "./help-question-mark-deprecated.js";
import hostfwdAllInterfaces from "./hostfwd-all-interfaces.js";
import invalidSize from "./invalid-size.js";
import ivshmemDeprecated from "./ivshmem-deprecated.js";
import kubevirtBiosFirmware from "./kubevirt-bios-firmware.js";
import kubevirtCpuModel from "./kubevirt-cpu-model.js";
import kubevirtDiskBus from "./kubevirt-disk-bus.js";
import kubevirtHostSetting from "./kubevirt-host-setting.js";
import kubevirtHugepages from "./kubevirt-hugepages.js";
import kubevirtNuma from "./kubevirt-numa.js";
import kubevirtSound from "./kubevirt-sound.js";
import kubevirtUnexpressible from "./kubevirt-unexpressible.js";
import kubevirtVideo from "./kubevirt-video.js";
import kubevirtWatchdog from "./kubevirt-watchdog.js";
import kvmNotEnabled from "./kvm-not-enabled.js";
import kvmOnlySetting from "./kvm-only-setting.js";
import listenerOnNetwork from "./listener-on-network.js";
import monitorCommandUnsupported from "./monitor-command-unsupported.js";
import monitorOnNetwork from "./monitor-on-network.js";
import netBackendUnsupported from "./net-backend-unsupported.js";
import netModelUnsupported from "./net-model-unsupported.js";
import pcSysfwRemoved from "./pc-sysfw-removed.js";
import pciAssignRemoved from "./pci-assign-removed.js";
import pciSlotsExhausted from "./pci-slots-exhausted.js";
import placeholderUnfilled from "./placeholder-unfilled.js";
import qcow2EncryptionDeprecated from "./qcow2-encryption-deprecated.js";
import qedCreate from "./qed-create.js";
import qedDeprecated from "./qed-deprecated.js";
import qmpCommandUnstable from "./qmp-command-unstable.js";
import qemuDeprecated from "./qemu-deprecated.js";
import hostLacks from "./host-lacks.js";
import hostDeprecated from "./host-deprecated.js";
import qemuRemoved from "./qemu-removed.js";
import qmpCommandUnsupported from "./qmp-command-unsupported.js";
import readconfigDeprecatedSection from "./readconfig-deprecated-section.js";
import readconfigRepeatedKey from "./readconfig-repeated-key.js";
import runsAsRoot from "./runs-as-root.js";
import stdioConflict from "./stdio-conflict.js";
import tcgUnsupported from "./tcg-unsupported.js";
import tpmBackendUnsupported from "./tpm-backend-unsupported.js";
import undefinedReference from "./undefined-reference.js";
import unlistedCommand from "./unlisted-command.js";
import unlistedDevice from "./unlisted-device.js";
import unlistedOption from "./unlisted-option.js";
import unsupportedCpuModel from "./unsupported-cpu-model.js";
import unsupportedDevice from "./unsupported-device.js";
import statementDeprecated from "./statement-deprecated.js";
import statementRemoved from "./statement-removed.js";
import unsupportedMachine from "./unsupported-machine.js";
import unsupportedOption from "./unsupported-option.js";
import passtForwardAllInterfaces from "./passt-forward-all-interfaces.js";
import urlMediaNotReadonly from "./url-media-not-readonly.js";
import vgaUnsupported from "./vga-unsupported.js";
import virtfsPassthrough from "./virtfs-passthrough.js";
import vncPortRange from "./vnc-port-range.js";
import vncUnauthenticated from "./vnc-unauthenticated.js";

export const RULES: Rule[] = [
  passtForwardAllInterfaces,
  aioNativeRequiresDirectCache,
  bootindexWithBootOrder,
  conflictingSettings,
  cpuFeatureMixedSyntax,
  cpuModelMissing,
  driveFormatMissing,
  driveFormatUnsupported,
  driveInterfaceUnsupported,
  driveSnapshotUnsupported,
  duplicateBootindex,
  duplicateHostForward,
  duplicateId,
  devicePlacement,
  duplicateImage,
  duplicateName,
  extraArgsConflict,
  gicCpuLimit,
  glusterNotEnabled,
  helpQuestionMarkDeprecated,
  hostfwdAllInterfaces,
  invalidSize,
  ivshmemDeprecated,
  kubevirtBiosFirmware,
  kubevirtCpuModel,
  kubevirtDiskBus,
  kubevirtHostSetting,
  kubevirtHugepages,
  kubevirtNuma,
  kubevirtSound,
  kubevirtUnexpressible,
  kubevirtVideo,
  kubevirtWatchdog,
  kvmNotEnabled,
  kvmOnlySetting,
  listenerOnNetwork,
  monitorCommandUnsupported,
  monitorOnNetwork,
  netBackendUnsupported,
  netModelUnsupported,
  pcSysfwRemoved,
  pciAssignRemoved,
  pciSlotsExhausted,
  placeholderUnfilled,
  qcow2EncryptionDeprecated,
  qedCreate,
  qedDeprecated,
  qmpCommandUnstable,
  qemuDeprecated,
  hostLacks,
  hostDeprecated,
  qemuRemoved,
  qmpCommandUnsupported,
  readconfigDeprecatedSection,
  readconfigRepeatedKey,
  runsAsRoot,
  stdioConflict,
  tcgUnsupported,
  tpmBackendUnsupported,
  undefinedReference,
  unlistedCommand,
  unlistedDevice,
  unlistedOption,
  unsupportedCpuModel,
  unsupportedDevice,
  unsupportedMachine,
  unsupportedOption,
  urlMediaNotReadonly,
  vgaUnsupported,
  virtfsPassthrough,
  vncPortRange,
  vncUnauthenticated,
  statementDeprecated,
  statementRemoved,
];

/** The ids of the rules (findings of other ids are reading errors or image checks). */
export const RULE_IDS = new Set(RULES.map((r) => r.meta.id));
