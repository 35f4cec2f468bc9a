// node:module in the playground: createRequire() serves the two modules vmspec loads lazily by
// path — the full schema validator (for schema messages) and Graphviz (for the picture) — from
// the bundle.
// @ts-expect-error: generated CommonJS without declarations (spec/validate.ts types what it returns)
import * as validateSchema from "../../../spec/generated/validate-schema.cjs";
import * as viz from "@viz-js/viz";
import * as xmlbuilder2 from "xmlbuilder2";
import * as xmldom from "@xmldom/xmldom";

const MODULES: Record<string, unknown> = {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- generated CommonJS, untyped
  "./spec/generated/validate-schema.cjs": (validateSchema as { default?: unknown }).default ?? validateSchema,
  "@viz-js/viz": viz,
  xmlbuilder2,
  "@xmldom/xmldom": xmldom,
};

export function createRequire(): (id: string) => unknown {
  return (id: string) => {
    if (id in MODULES) return MODULES[id];
    throw new Error(`the playground cannot load ${id}`);
  };
}
export default { createRequire };
