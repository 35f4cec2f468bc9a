// Types of the generated standalone validator of the lint configuration (spec/validate-config.js).
import type { ErrorObject } from "ajv";
declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
