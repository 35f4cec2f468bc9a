// TLS test material: a CA and a server certificate in the file names QEMU's tls-creds-x509 and
// SPICE's x509-dir read, made with the real openssl.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";

/** A CA and a server certificate in QEMU's file names, made with openssl. */
export function makePki(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
  run([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca-key.pem",
    "-out",
    "ca-cert.pem",
    "-days",
    "2",
    "-subj",
    "/CN=vmspec test CA",
  ]);
  run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem", "-out", "server.csr", "-subj", "/CN=localhost"]);
  run([
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca-cert.pem",
    "-CAkey",
    "ca-key.pem",
    "-CAcreateserial",
    "-out",
    "server-cert.pem",
    "-days",
    "2",
  ]);
}
