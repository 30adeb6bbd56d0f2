/**
 * Whether a module is an AWS Lambda handler module: it exports a function named `handler`
 * (`export const handler`, `export async function handler`, `exports.handler =`,
 * `module.exports.handler =`, `module.exports = { handler }`). A client created there without
 * explicit credentials signs with the execution role's short-lived session.
 */
import type { TSESTree } from '@typescript-eslint/utils';

const HANDLER = 'handler';

export function isLambdaHandlerModule(program: TSESTree.Program): boolean {
  return program.body.some((statement) => {
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (declaration?.type === 'FunctionDeclaration') return declaration.id?.name === HANDLER;
      if (declaration?.type === 'VariableDeclaration') {
        return declaration.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === HANDLER);
      }
      return statement.specifiers.some((s) => s.exported.type === 'Identifier' && s.exported.name === HANDLER);
    }
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      return isCommonJsHandlerExport(statement.expression);
    }
    return false;
  });
}

function isCommonJsHandlerExport(assignment: TSESTree.AssignmentExpression): boolean {
  const left = assignment.left;
  if (left.type !== 'MemberExpression' || left.computed) return false;
  const name = left.property.type === 'Identifier' ? left.property.name : null;
  const object = left.object;
  const isExports = object.type === 'Identifier' && object.name === 'exports';
  const isModuleExports =
    object.type === 'MemberExpression' &&
    object.object.type === 'Identifier' &&
    object.object.name === 'module' &&
    object.property.type === 'Identifier' &&
    object.property.name === 'exports';
  if ((isExports || isModuleExports) && name === HANDLER) return true;
  // module.exports = { handler } / { handler: fn }
  const isModuleExportsItself =
    object.type === 'Identifier' && object.name === 'module' && name === 'exports' && assignment.right.type === 'ObjectExpression';
  return (
    isModuleExportsItself &&
    (assignment.right as TSESTree.ObjectExpression).properties.some(
      (p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === HANDLER,
    )
  );
}
