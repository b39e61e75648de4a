/**
 * `useTracing`: one span per GraphQL operation, named and attributed by OpenTelemetry's GraphQL conventions
 * (`graphql.operation.type`, `graphql.operation.name`), with the root field the gateway resolved. Never the document
 * (`graphql.document` would carry inline passwords and tokens), never variables, never results. BigCommerce calls
 * made while it runs become its children.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { type DefinitionNode, Kind, type OperationDefinitionNode, type SelectionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { inActiveSpan } from './tracing.js';

export function useTracing(): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const definitions: readonly DefinitionNode[] = args.document.definitions;
      const operation = definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (!operation) return;
      const selections: readonly SelectionNode[] = operation.selectionSet.selections;
      const field = selections.find((s) => s.kind === Kind.FIELD);
      const rootField = field?.kind === Kind.FIELD ? field.name.value : 'unknown';
      setExecuteFn((executeArgs) =>
        inActiveSpan(
          `${operation.operation} ${rootField}`,
          {
            kind: SpanKind.INTERNAL,
            attributes: {
              'graphql.operation.type': operation.operation,
              // The field the gateway resolved, not the client's free-text operation name.
              'graphql.operation.name': rootField,
            },
          },
          async (span) => {
            const result = await executeFn(executeArgs);
            if (result && 'errors' in result && result.errors?.length) span.setStatus({ code: SpanStatusCode.ERROR });
            return result;
          },
        ),
      );
    },
  };
}
