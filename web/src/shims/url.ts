// node:url in the playground: file: URLs of the read-only file system (shims/fs.ts).
export function fileURLToPath(u: string | URL): string {
  return decodeURIComponent(new URL(String(u)).pathname);
}
export function pathToFileURL(p: string): URL {
  return new URL(`file://${encodeURI(p)}`);
}
export default { fileURLToPath, pathToFileURL };
// Used by xmlbuilder2's URL parser (the libvirt output); host names in a domain XML are ASCII here.
export function domainToASCII(d: string): string {
  return new URL(`http://${d}`).hostname;
}
export function domainToUnicode(d: string): string {
  return d;
}
