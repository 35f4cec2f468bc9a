// Types of the generated standalone validator of the lint configuration (spec/generated/validate-config.js), written by hand: the generator emits JavaScript only.
import type { ErrorObject } from "ajv";
declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
