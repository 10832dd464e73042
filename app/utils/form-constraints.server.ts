// The HTML constraints of a form's zod schema (`required`, `maxlength`…), which
// loaders hand to their forms (docs/decisions/0009). A schema is a module
// constant, so its constraints are worked out once, not on every request.
import { getZodConstraint } from "@conform-to/zod/v4";

type Schema = Parameters<typeof getZodConstraint>[0];
const constraints = new WeakMap<Schema, ReturnType<typeof getZodConstraint>>();

export function formConstraint(schema: Schema): ReturnType<typeof getZodConstraint> {
  let constraint = constraints.get(schema);
  if (!constraint) {
    constraint = getZodConstraint(schema);
    constraints.set(schema, constraint);
  }
  return constraint;
}
