// Where the rulebook read the statement or QEMU wrong (issue 14, "The rulebook, where it was
// wrong"): each case is a command line written the way QEMU's docs, distribution wikis, blog
// posts or libvirt write it, with the exact rule, line and column; QEMU's own behaviour behind
// each reading is checked on the real qemu-system-aarch64 (TCG only on this host).
import { describe, expect, it } from "vitest";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { lintArgv, lintSpec } from "../lint/lint.js";
import { applyEdits } from "../lint/fix-edit.js";
import { locate } from "../core/positions.js";
import { leadingValuesOf } from "../rules/data/extract.js";
import { PROFILES } from "../rules/data/profiles.js";
import { startPaused } from "./helpers/qemu.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const enc = (s: string) => new TextEncoder().encode(s);
const argv = (text: string, baseDir = "/") => lintArgv(enc(text), { baseDir });
const where = (text: string, r: { findings: any[] }, only?: string[]) =>
  locate(text, r.findings)
    .filter((f) => !only || only.includes(f.ruleId))
    .map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId}`);
const ids = (r: { findings: any[] }) => r.findings.map((f) => f.ruleId);
const lists = PROFILES.sles12sp3.lists;
const STATEMENT = readFileSync(join(ROOT, "rules/data/sles12sp3/statement.txt"), "utf8");

describe("KVM without -cpu (cpu-model-missing)", () => {
  it("QEMU 7.2's virt machine picks cortex-a15 when no -cpu is given", async () => {
    const q = await startPaused(["-machine", "virt", "-nodefaults", "-display", "none"]);
    try {
      const machines: any[] = await q.cmd("query-machines");
      // The default belongs to the machine, not the accelerator: KVM would be given the same model.
      expect(machines.find((m) => m.alias === "virt")["default-cpu-type"]).toBe("cortex-a15-arm-cpu");
      const [cpu] = await q.cmd("query-cpus-fast");
      const parent = cpu["qom-path"].replace(/\/[^/]+$/, "");
      const child = (await q.cmd("qom-list", { path: parent })).find((p: any) => `${parent}/${p.name}` === cpu["qom-path"]);
      expect(child.type).toBe("child<cortex-a15-arm-cpu>");
    } finally {
      await q.quit();
    }
  });

  it("reports the missing -cpu at whatever chose KVM: accel=kvm, -enable-kvm or -accel kvm", () => {
    // As blog posts write it for an arm64 host.
    const blog =
      "qemu-system-aarch64 \\\n  -M virt,accel=kvm \\\n  -m 2048 -smp 2 -runas qemu \\\n  -nographic \\\n  -drive if=virtio,format=qcow2,file=debian-12-genericcloud-arm64.qcow2\n";
    expect(where(blog, argv(blog))).toEqual(["2:11-2:20 cpu-model-missing"]);
    const enable = "qemu-system-aarch64 -M virt -enable-kvm -m 1G -runas qemu -nographic\n";
    expect(where(enable, argv(enable))).toEqual(["1:29-1:40 cpu-model-missing"]);
    const accel = "qemu-system-aarch64 -accel kvm -machine virt -m 1G -runas qemu -nographic\n";
    expect(where(accel, argv(accel))).toEqual(["1:21-1:31 cpu-model-missing"]);
    expect(argv(enable).findings[0].message).toContain("cortex-a15");
  });

  it("says nothing when -cpu is there, or when KVM is not chosen (kvm-not-enabled speaks then)", () => {
    expect(ids(argv("qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu"))).toEqual([]);
    expect(ids(argv("qemu-system-aarch64 -M virt -m 1G -runas qemu"))).toEqual(["kvm-not-enabled"]);
    expect(ids(argv("qemu-system-aarch64 -M virt,accel=tcg -m 1G -runas qemu"))).toEqual(["kvm-not-enabled", "tcg-unsupported"]);
  });

  it("writes -cpu host after the option that chose KVM, and the fixed line lints clean", () => {
    const text = "qemu-system-aarch64 \\\n  -M 'virt,accel=kvm' \\\n  -m 1G -runas qemu\n";
    const [f] = argv(text).findings;
    const fixed = applyEdits(text, [f.fix!]);
    expect(fixed).toBe("qemu-system-aarch64 \\\n  -M 'virt,accel=kvm' -cpu host \\\n  -m 1G -runas qemu\n");
    expect(ids(argv(fixed))).toEqual([]);
  });

  it("vmspec lint --fix writes -cpu host into a launch script", () => {
    const dir = scratch();
    const file = join(dir, "run.sh");
    writeFileSync(file, "#!/bin/sh\nexec qemu-system-aarch64 -enable-kvm -M virt -m 1G -runas qemu \\\n  -nographic\n");
    vmspec(["lint", "--argv", file, "--fix"]);
    expect(readFileSync(file, "utf8")).toBe(
      "#!/bin/sh\nexec qemu-system-aarch64 -enable-kvm -cpu host -M virt -m 1G -runas qemu \\\n  -nographic\n",
    );
    expect(vmspec(["lint", "--argv", file]).code).toBe(0);
  });

  it("sees KVM chosen in a -readconfig file the command line loads", () => {
    const dir = scratch();
    writeFileSync(join(dir, "vm.cfg"), '[machine]\n  type = "virt"\n  accel = "kvm"\n');
    const text = "qemu-system-aarch64 -readconfig vm.cfg -m 1G -runas qemu\n";
    expect(where(text, argv(text, dir))).toEqual(["1:21-1:39 cpu-model-missing"]);
  });

  it("never fires on a spec with vmspec's defaults, which always emit -cpu", () => {
    for (const spec of [
      "name: a\nmemory: {size: 1GiB}\nrunAs: qemu\n",
      "name: a\nmemory: {size: 1GiB}\nrunAs: qemu\naccel: kvm\nmachine: {type: virt}\n",
    ]) {
      expect(ids(lintSpec(enc(spec), { baseDir: "/" }))).not.toContain("cpu-model-missing");
    }
    // Only what the spec says is emitted: KVM without a model is the same VM as the command line
    // (reported at the setting that chose KVM).
    const bare = "name: a\nmemory: {size: 1GiB}\nrunAs: qemu\ndefaults: false\nmachine: {type: virt}\naccel: kvm\n";
    expect(where(bare, lintSpec(enc(bare), { baseDir: "/" }), ["cpu-model-missing"])).toEqual(["6:8-6:11 cpu-model-missing"]);
  });
});

describe("-tpmdev backends (tpm-backend-unsupported)", () => {
  it("reads the supported backends from the statement's own words, not from code", () => {
    expect(STATEMENT).toContain("-tpmdev passthrough ...");
    expect(leadingValuesOf(lists.supportedOptions, "-tpmdev")).toEqual(["passthrough"]);
    expect(leadingValuesOf(lists.supportedOptions, "-cpu")).toEqual(["host"]);
  });

  it("reports swtpm's -tpmdev emulator as QEMU's TPM docs write it for arm virt, and passes passthrough", () => {
    const docs =
      "qemu-system-aarch64 -machine virt,gic-version=3,accel=kvm -cpu host -m 4G -runas qemu \\\n  -nographic -no-acpi \\\n  -chardev socket,id=chrtpm,path=/tmp/mytpm1/swtpm-sock \\\n  -tpmdev emulator,id=tpm0,chardev=chrtpm \\\n  -device tpm-tis-device,tpmdev=tpm0\n";
    expect(where(docs, argv(docs), ["tpm-backend-unsupported"])).toEqual(["4:11-4:19 tpm-backend-unsupported"]);
    const passthrough = docs.replace("-tpmdev emulator,id=tpm0,chardev=chrtpm", "-tpmdev passthrough,id=tpm0,path=/dev/tpm0");
    expect(ids(argv(passthrough))).not.toContain("tpm-backend-unsupported");
  });
});

describe("the UEFI pflash pair without unit= (drive-interface-unsupported)", () => {
  const pair =
    "qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 2G -runas qemu \\\n  -drive if=pflash,format=raw,readonly=on,file=/usr/share/AAVMF/AAVMF_CODE.fd \\\n  -drive if=pflash,format=raw,file=vars.fd \\\n  -drive if=virtio,format=qcow2,file=disk.qcow2\n";

  it("QEMU numbers pflash drives in order: the first is unit 0, the second unit 1", async () => {
    const dir = scratch();
    copyFileSync("/usr/share/AAVMF/AAVMF_VARS.fd", join(dir, "vars.fd"));
    const q = await startPaused(
      [
        "-M",
        "virt",
        "-nodefaults",
        "-display",
        "none",
        "-drive",
        "if=pflash,format=raw,readonly=on,file=/usr/share/AAVMF/AAVMF_CODE.fd",
        "-drive",
        "if=pflash,format=raw,file=vars.fd",
      ],
      { cwd: dir },
    );
    try {
      const blocks: any[] = await q.cmd("query-block");
      const by = Object.fromEntries(blocks.map((b) => [b.device, b.inserted]));
      expect(by.pflash0.file).toBe("/usr/share/AAVMF/AAVMF_CODE.fd");
      expect(by.pflash0.ro).toBe(true);
      expect(by.pflash1.file).toBe("vars.fd");
      expect(by.pflash1.ro).toBe(false);
    } finally {
      await q.quit();
    }
  });

  it("reads the pair as the firmware pair, however its units are written", () => {
    expect(ids(argv(pair))).toEqual([]);
    const varsFirst =
      "qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 2G -runas qemu -drive if=pflash,format=raw,unit=1,file=vars.fd -drive if=pflash,format=raw,readonly=on,file=code.fd\n";
    expect(ids(argv(varsFirst))).toEqual([]);
  });

  it("still reports a third pflash drive, and a writable code drive at unit 0", () => {
    const third = pair.replace("file=vars.fd", "file=vars.fd -drive if=pflash,format=raw,file=extra.fd");
    expect(where(third, argv(third))).toEqual(["3:51-3:60 drive-interface-unsupported"]);
    const writable = pair.replace("readonly=on,", "");
    expect(where(writable, argv(writable))).toEqual(["2:10-2:19 drive-interface-unsupported"]);
  });
});

describe("image formats on -blockdev and -drive driver= (drive-format-unsupported)", () => {
  it("QEMU takes -drive driver= as the image format", async () => {
    const dir = scratch();
    execFileSync("qemu-img", ["create", "-q", "-f", "vmdk", join(dir, "d.vmdk"), "16M"]);
    const q = await startPaused(["-M", "virt", "-nodefaults", "-display", "none", "-drive", "driver=vmdk,file=d.vmdk,if=none,id=d0"], {
      cwd: dir,
    });
    try {
      const blocks: any[] = await q.cmd("query-block");
      expect(blocks.find((b) => b.device === "d0").inserted.drv).toBe("vmdk");
    } finally {
      await q.quit();
    }
  });

  it("reports a -blockdev format node written k=v, as QEMU's docs write a blockdev graph", () => {
    const text =
      "qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu \\\n  -blockdev driver=file,node-name=f0,filename=appliance.vmdk \\\n  -blockdev driver=vmdk,node-name=d0,file=f0 \\\n  -device virtio-blk-pci,drive=d0\n";
    expect(where(text, argv(text))).toEqual(["3:13-3:24 drive-format-unsupported"]);
    expect(argv(text).findings[0].message).toBe(
      "-blockdev driver=vmdk is unsupported: the statement supports qcow2, qed, raw; convert with qemu-img convert -O qcow2",
    );
  });

  it("reports JSON -blockdev nodes, nested backing nodes too, as libvirt writes them", () => {
    const text = `qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu \\\n  -blockdev '{"driver":"file","filename":"/var/lib/libvirt/images/win.vhdx","node-name":"libvirt-1-storage","auto-read-only":true}' \\\n  -blockdev '{"node-name":"libvirt-1-format","read-only":false,"driver":"vhdx","file":"libvirt-1-storage"}' \\\n  -blockdev '{"driver":"qcow2","node-name":"top","file":{"driver":"file","filename":"top.qcow2"},"backing":{"driver":"vdi","file":{"driver":"file","filename":"base.vdi"}}}'\n`;
    expect(where(text, argv(text))).toEqual(["3:13-3:107 drive-format-unsupported", "4:13-4:172 drive-format-unsupported"]);
    expect(argv(text).findings.map((f) => f.message.split(" is ")[0])).toEqual(["-blockdev driver=vhdx", "-blockdev backing.driver=vdi"]);
  });

  it("judges every image format driver QEMU has by the statement's list, and no protocol or filter", () => {
    const supported = ["qcow2", "qed", "raw"];
    for (const driver of ["bochs", "cloop", "dmg", "luks", "parallels", "qcow", "qcow2", "qed", "raw", "vdi", "vhdx", "vmdk", "vpc"]) {
      const r = argv(`qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu -blockdev driver=${driver},node-name=n,file=f`);
      expect(ids(r).filter((i) => i === "drive-format-unsupported").length, driver).toBe(supported.includes(driver) ? 0 : 1);
    }
    for (const driver of ["file", "host_device", "nbd", "throttle", "copy-on-read", "null-co"]) {
      expect(
        ids(argv(`qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu -blockdev driver=${driver},node-name=n`)),
        driver,
      ).not.toContain("drive-format-unsupported");
    }
  });

  it("reports qed however it is spelled: -drive driver=qed and nested -blockdev qed nodes (qed-deprecated)", () => {
    const text = `qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu \\\n  -drive driver=qed,file=old.qed,if=virtio \\\n  -blockdev '{"driver":"qcow2","node-name":"top","file":{"driver":"file","filename":"top.qcow2"},"backing":{"driver":"qed","file":{"driver":"file","filename":"base.qed"}}}'\n`;
    expect(where(text, argv(text))).toEqual(["2:10-2:20 qed-deprecated", "3:13-3:172 qed-deprecated"]);
  });

  it("reads -drive driver= as the format: reported when unsupported, never as a missing format", () => {
    const text = "qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu -drive driver=vpc,file=disk.vhd,if=virtio\n";
    expect(where(text, argv(text))).toEqual(["1:74-1:84 drive-format-unsupported"]);
    expect(ids(argv(text.replace("driver=vpc", "driver=qcow2")))).toEqual([]);
  });
});

describe("listeners on the network other than monitors (listener-on-network)", () => {
  it("QEMU listens on every address for telnet::port and -incoming tcp::port", async () => {
    const port = 20000 + (process.pid % 20000);
    const q = await startPaused([
      "-M",
      "virt",
      "-nodefaults",
      "-display",
      "none",
      "-serial",
      `telnet::${port},server=on,wait=off`,
      "-incoming",
      `tcp::${port + 1}`,
    ]);
    try {
      const listening = ["/proc/net/tcp", "/proc/net/tcp6"]
        .flatMap((f) => readFileSync(f, "utf8").split("\n").slice(1))
        .map((l) => l.trim().split(/\s+/))
        .filter((c) => c[3] === "0A")
        .map((c) => c[1]);
      const any = (p: number) => listening.some((a) => a.endsWith(`:${p.toString(16).toUpperCase().padStart(4, "0")}`) && /^0+:/.test(a));
      expect(any(port)).toBe(true);
      expect(any(port + 1)).toBe(true);
    } finally {
      await q.quit();
    }
  });

  it("reports serial ports, chardevs and incoming migrations on every address, as guides write them", () => {
    const text = [
      "qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu -nographic \\",
      "  -serial tcp:0.0.0.0:4444,server,nowait \\",
      "  -serial telnet::4445,server \\",
      "  -chardev socket,id=con0,host=0.0.0.0,port=4446,server=on,wait=off \\",
      "  -device virtio-serial-pci -device virtconsole,chardev=con0 \\",
      "  -chardev socket,id=tn,host=::,port=4447,server=on,telnet=on \\",
      "  -incoming tcp:0.0.0.0:4448 \\",
      "  -incoming tcp::4449 \\",
      "  -incoming 'tcp:[::]:4450'",
      "",
    ].join("\n");
    expect(where(text, argv(text))).toEqual([
      "2:3-2:41 listener-on-network",
      "3:3-3:30 listener-on-network",
      "4:27-4:39 listener-on-network",
      "6:25-6:32 listener-on-network",
      "7:3-7:29 listener-on-network",
      "8:3-8:22 listener-on-network",
      "9:3-9:27 listener-on-network",
    ]);
    expect(argv(text).findings[1].message).toBe(
      "-serial telnet::4445,server listens on port 4445 of every host address (no host given): whoever connects gets the guest's console, with no password; use a unix socket, or bind it to 127.0.0.1",
    );
  });

  it("reports a specific non-loopback address too, and passes loopback, unix sockets and clients", () => {
    const lan = "qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu -serial telnet:192.168.1.10:4444,server,nowait\n";
    expect(where(lan, argv(lan))).toEqual(["1:67-1:113 listener-on-network"]);
    expect(argv(lan).findings[0].message).toContain("192.168.1.10, an address other hosts can reach");
    const safe = [
      "qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu",
      "-serial telnet:127.0.0.1:4444,server,nowait -serial tcp:localhost:4445,server=on",
      "-chardev socket,id=a,host=::1,port=4446,server=on -chardev socket,id=b,path=/run/vm/console.sock,server=on",
      "-chardev socket,id=c,host=10.0.0.1,port=4447 -serial tcp:10.0.0.1:4448",
      "-incoming unix:/run/vm/migrate.sock -incoming defer -incoming tcp:127.0.0.1:4449",
    ].join(" ");
    expect(ids(argv(safe))).toEqual([]);
  });

  it("reports the gdb stub and a monitor multiplexed on a serial port, and leaves -mon chardevs to monitor-on-network", () => {
    const text =
      "qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu -s -serial mon:telnet::4444,server,nowait \\\n  -chardev socket,id=mon0,host=0.0.0.0,port=4445,server=on,wait=off -mon chardev=mon0,mode=control\n";
    expect(where(text, argv(text))).toEqual([
      "1:67-1:69 listener-on-network",
      "1:70-1:108 listener-on-network",
      "2:27-2:39 monitor-on-network",
    ]);
    const qmp =
      "qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu -chardev socket,id=q,host=0.0.0.0,port=4444,server=on,wait=off -qmp chardev:q\n";
    expect(where(qmp, argv(qmp))).toEqual(["1:88-1:100 monitor-on-network"]);
  });

  it("points at the spec's incoming: field", () => {
    const spec = 'name: a\nmemory: {size: 1GiB}\nrunAs: qemu\nincoming: "tcp:0:4444"\n';
    expect(where(spec, lintSpec(enc(spec), { baseDir: "/" }))).toEqual(["4:11-4:23 listener-on-network"]);
  });
});
