// node:fs in the playground: a read-only file system holding only what vmspec reads of its own
// package (package.json, the JSON Schema). Everything else does not exist, as for a spec whose
// images are on another machine; nothing is ever written.
import schema from "../../../spec/vmspec.schema.json" with { type: "json" };

declare const __VERSION__: string;

export const ROOT = "/vmspec";
const FILES = new Map<string, string>([
  [`${ROOT}/package.json`, JSON.stringify({ name: "vmspec", version: __VERSION__ })],
  [`${ROOT}/spec/vmspec.schema.json`, JSON.stringify(schema)],
]);

function missing(path: unknown): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${String(path)}'`), { code: "ENOENT", path });
}

export function existsSync(path: string): boolean {
  return FILES.has(String(path));
}
export function readFileSync(path: string | number, enc?: unknown): string | Uint8Array {
  const text = typeof path === "string" ? FILES.get(path) : undefined;
  if (text === undefined) throw missing(path);
  return enc ? text : new TextEncoder().encode(text);
}
export function statSync(path: string): never {
  throw missing(path);
}
export function lstatSync(path: string): never {
  throw missing(path);
}
export function readdirSync(path: string): never {
  throw missing(path);
}
export function realpathSync(path: string): string {
  return path;
}
function readOnly(): never {
  throw new Error("the playground writes no files");
}
export const writeFileSync = readOnly;
export const writeSync = readOnly;
export const accessSync = (path: string): never => {
  throw missing(path);
};
export const readSync = readOnly;
export const mkdirSync = readOnly;
export const renameSync = readOnly;
export const rmSync = readOnly;
export const unlinkSync = readOnly;
export const openSync = readOnly;
export const closeSync = readOnly;
export const fsyncSync = readOnly;
export const chmodSync = readOnly;
export const constants = {};
export default {
  existsSync,
  readFileSync,
  statSync,
  lstatSync,
  readdirSync,
  realpathSync,
  writeFileSync,
  mkdirSync,
  renameSync,
  rmSync,
  constants,
};
