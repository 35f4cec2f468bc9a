// Types of the generated standalone validator (spec/generated/validate-fast.js), written by hand: the generator emits JavaScript only.
import type { ErrorObject } from "ajv";
declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
