// The admin elements read from a domain XML against the command line the real libvirt (Debian 12's
// 9.0) generates for the same XML (`virsh domxml-to-native qemu-argv`, on a private libvirtd the
// test starts and stops): each value the reader maps is in libvirt's options as it is in the options
// vmspec compiles from the spec, so the rules that read those options see the same thing.
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { useLibvirtd } from "./helpers/libvirt.js";
import { readLibvirtDomain } from "../qemu/read/libvirt-domain.js";
import { compile } from "../compiler/compile.js";
import { toArgv } from "../compiler/emit/argv.js";

const lv = useLibvirtd();

/**
 * admin-elements.xml as this TCG-only host can take it: type qemu with the maximum CPU (host-passthrough
 * needs KVM), no hugepages (none mounted here), no USB device by vendor and product (libvirt looks it
 * up on the host when it builds the command line).
 */
function forThisHost(): string {
  return readFileSync(join(ROOT, "test/fixtures/libvirt-xml/admin-elements.xml"), "utf8")
    .replace("<domain type='kvm'", "<domain type='qemu'")
    .replace("<cpu mode='host-passthrough' check='none'>", "<cpu mode='maximum' check='none'>")
    .replace(/ {2}<memoryBacking>[\s\S]*?<\/memoryBacking>\n/, "")
    .replace(/ {4}<hostdev mode='subsystem' type='usb' managed='yes'>\n {6}<source>\n {8}<vendor[\s\S]*?<\/hostdev>\n/, "");
}

describe("the admin elements against libvirt's own command line", () => {
  it("maps each to the options libvirt generates for it", () => {
    const xml = forThisHost();
    const file = join(scratch(), "admin.xml");
    writeFileSync(file, xml);
    const args = lv().virshOk(["domxml-to-native", "qemu-argv", file]);
    const spec = readLibvirtDomain(xml).spec!;
    const ours = toArgv(compile(spec, { baseDir: "/vms", qemu: [7, 2] }).options).join(" ");
    // Each pair: what libvirt writes, what vmspec compiles from the spec the reader made.
    const both: [RegExp, RegExp][] = [
      [/"qom-type":"iothread","id":"iothread1"/, /-object iothread,id=iothread1/],
      [/"driver":"virtio-blk-pci","iothread":"iothread1"/, /-device virtio-blk-pci,[^ ]*iothread=iothread1/],
      [/"driver":"virtio-scsi-pci","iothread":"iothread2"/, /-device virtio-scsi-pci,[^ ]*iothread=iothread2/],
      [/"detect-zeroes":"unmap"/, /detect-zeroes=unmap/],
      [/"detect-zeroes":"on"/, /detect-zeroes=on/],
      [/-numa node,nodeid=0,cpus=0-1,memdev=ram-node0/, /-numa node,[^ ]*cpus=0-1/],
      [/-numa node,nodeid=1,cpus=2-3,memdev=ram-node1/, /-numa node,[^ ]*cpus=2-3/],
      [
        /-chardev socket,[^ ]*host=127\.0\.0\.1,port=4555,telnet=on,server=on,wait=off,logfile=\/var\/log\/libvirt\/qemu\/admin-serial0\.log,logappend=on/,
        /host=127\.0\.0\.1,port=4555,[^ ]*telnet=on/,
      ],
      [/-tpmdev emulator/, /-tpmdev emulator/],
      [/"driver":"tpm-tis-device"/, /-device tpm-tis-device/],
      [/-vnc 127\.0\.0\.1:1,websocket=5701,password=on/, /-vnc 127\.0\.0\.1:1,[^ ]*websocket=5701/],
      [/"driver":"usb-host","hostdevice":"\/dev\/bus\/usb\/001\/003"/, /-device usb-host,[^ ]*hostbus=1,hostaddr=3/],
      [/"driver":"pcie-root-port"/, /-device pcie-root-port/],
    ];
    for (const [theirs, mine] of both) {
      expect(args, String(theirs)).toMatch(theirs);
      expect(ours, String(mine)).toMatch(mine);
    }
    expect(ours).toMatch(/logfile=\/var\/log\/libvirt\/qemu\/admin-serial0\.log/);
    expect(ours).toMatch(/logappend=on/);
  });
});
