import { dirname, relative, resolve, sep } from 'node:path';

/**
 * A library (or app) is used from outside only through its entry, `@switchboard/<name>` (its src/index.ts):
 * - no `@switchboard/<name>/<path>` deep import;
 * - no relative import that leaves the importing file's library or app and lands inside another one (or, from a
 *   file outside libs/ and apps/, lands inside one), e.g. `../../channels/src/whatsapp/x`.
 * Inside its own library a file imports its neighbours relatively as usual.
 */
const root = resolve(import.meta.dirname, '..');

/** `libs/<name>` or `apps/<name>` holding `file`, or null. */
function packageOf(file) {
  const parts = relative(root, file).split(sep);
  return (parts[0] === 'libs' || parts[0] === 'apps') && parts.length > 2 ? `${parts[0]}/${parts[1]}` : null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'use a library only through its index.ts (`@switchboard/<name>`)' },
    schema: [],
    messages: {
      deep: "'{{source}}' reaches into {{target}}: import '@switchboard/{{name}}' (its index.ts) instead",
      relative:
        "'{{source}}' leaves {{from}} into {{target}}: import '@switchboard/{{name}}' (its index.ts) instead",
    },
  },
  create(context) {
    const file = context.filename;
    const from = packageOf(file) ?? relative(root, dirname(file));
    function check(node, source) {
      if (typeof source !== 'string') return;
      const deep = /^@switchboard\/([^/]+)\/.+/.exec(source);
      if (deep) {
        context.report({ node, messageId: 'deep', data: { source, target: deep[1], name: deep[1] } });
        return;
      }
      if (!source.startsWith('.')) return;
      const target = packageOf(resolve(dirname(file), source));
      if (!target || target === packageOf(file)) return;
      const name = target.split('/')[1];
      context.report({ node, messageId: 'relative', data: { source, from, target, name } });
    }
    const fromSource = (node) => node.source && check(node, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { 'lib-boundaries': rule } };
