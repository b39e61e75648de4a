/**
 * `npm run check:upstream -- path/to/bigcommerce.graphql`: check that the committed Storefront SDL subset is a
 * strict subset of a full BigCommerce schema (e.g. one introspected from a store): every type, field, argument,
 * enum value and union member it keeps exists upstream with the same type.
 */
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';

const fullPath = process.argv[2];
if (!fullPath) {
  console.error('usage: npm run check:upstream -- path/to/full-storefront-schema.graphql');
  process.exit(2);
}
const load = (path: string | URL): GraphQLSchema => buildSchema(readFileSync(path, 'utf8'), { assumeValidSDL: true });
const subset = load(new URL('../src/contracts/bigcommerce/storefront-schema.graphql', import.meta.url));
const full = load(fullPath);

const problems: string[] = [];
for (const type of Object.values(subset.getTypeMap())) {
  if (type.name.startsWith('__')) continue;
  const upstream = full.getType(type.name);
  if (!upstream) {
    problems.push(`type ${type.name} does not exist upstream`);
    continue;
  }
  if (upstream.constructor !== type.constructor) problems.push(`${type.name} is a different kind of type upstream`);
  if ((isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) && 'getFields' in upstream) {
    const upstreamFields = upstream.getFields() as Record<string, { type: unknown; args?: ReadonlyArray<{ name: string; type: unknown }> }>;
    for (const field of Object.values(type.getFields())) {
      const other = upstreamFields[field.name];
      if (!other) problems.push(`${type.name}.${field.name} does not exist upstream`);
      else if (String(other.type) !== String(field.type)) problems.push(`${type.name}.${field.name}: ${field.type} here, ${other.type} upstream`);
      for (const arg of 'args' in field ? field.args : []) {
        const otherArg = other?.args?.find((a) => a.name === arg.name);
        if (!otherArg) problems.push(`${type.name}.${field.name}(${arg.name}) does not exist upstream`);
        else if (String(otherArg.type) !== String(arg.type)) problems.push(`${type.name}.${field.name}(${arg.name}): ${arg.type} here, ${otherArg.type} upstream`);
      }
    }
  }
  if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(upstream) || isInterfaceType(upstream))) {
    const upstreamInterfaces = upstream.getInterfaces().map((i) => i.name);
    for (const i of type.getInterfaces()) if (!upstreamInterfaces.includes(i.name)) problems.push(`${type.name} does not implement ${i.name} upstream`);
  }
  if (isUnionType(type) && isUnionType(upstream)) {
    const members = upstream.getTypes().map((t) => t.name);
    for (const t of type.getTypes()) if (!members.includes(t.name)) problems.push(`union ${type.name} has no member ${t.name} upstream`);
  }
  if (isEnumType(type) && isEnumType(upstream)) {
    for (const v of type.getValues()) if (!upstream.getValue(v.name)) problems.push(`enum ${type.name} has no value ${v.name} upstream`);
  }
}

if (problems.length > 0) {
  console.error(`The subset is not a strict subset of ${fullPath}:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`OK: every type, field and argument of the subset matches ${fullPath}`);
