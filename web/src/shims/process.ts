// The few `process` properties vmspec's library reads, for the browser.
export const process = {
  env: {} as Record<string, string | undefined>,
  platform: "linux",
  cwd: () => "/",
  execPath: "",
  argv: [] as string[],
  hrtime: { bigint: () => BigInt(Math.round(performance.now() * 1e6)) },
};
// Buffer.byteLength and Buffer.allocUnsafe, used by the library, from the `buffer` package.
export { Buffer } from "buffer";
