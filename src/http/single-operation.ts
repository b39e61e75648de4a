/**
 * One operation per document. A document may name several operations and pick one by `operationName`; the others
 * would still be parsed and validated for free, so they are refused as a class.
 */
import { GraphQLError, Kind, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const singleOperation: ValidationRule = (context) => ({
  Document(node) {
    const operations = node.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length > 1) {
      context.reportError(new GraphQLError('Send one operation per request.', { nodes: operations }));
    }
  },
});

export function useSingleOperation(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(singleOperation);
    },
  };
}
