// The lint configuration's validator, generated into spec/generated/ from spec/config-types.ts.
export { default as validateConfig } from "./generated/validate-config.js";
