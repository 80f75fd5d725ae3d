/**
 * ESLint rule `layers/direction`: the import direction of ../shared/DESIGN.md, enforced.
 *   main → http / web / cli → modules/<m>/index.ts → db, lib, config
 * - lib imports nothing else from src;
 * - db imports only db and lib; config only config and lib;
 * - a module never imports http, web, cli or main, and reaches another module only
 *   through that module's index.ts;
 * - http, web and cli reach modules only through index.ts.
 */
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '../src');

function where(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(path.sep);
  if (parts[0] === 'modules')
    return { layer: 'modules', module: parts[1], rest: parts.slice(2).join('/') };
  if (parts.length === 1) return { layer: parts[0].replace(/\.tsx?$/, '') };
  return { layer: parts[0] };
}

const ALLOWED = {
  lib: ['lib'],
  config: ['config', 'lib'],
  db: ['db', 'lib'],
  modules: ['modules', 'db', 'lib', 'config'],
  jobs: ['jobs', 'modules', 'db', 'lib', 'config'],
  http: ['http', 'modules', 'lib', 'config', 'db'],
  web: ['web', 'modules', 'lib', 'config'],
  cli: ['cli', 'http', 'modules', 'lib', 'config', 'db', 'main'],
  main: ['http', 'web', 'cli', 'modules', 'db', 'lib', 'config', 'jobs'],
};

export default {
  rules: {
    direction: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const from = where(context.filename);
        if (!from) return {};
        const check = (node, spec) => {
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const to = where(path.resolve(path.dirname(context.filename), spec));
          if (!to) return;
          const allowed = ALLOWED[from.layer] ?? [];
          if (!allowed.includes(to.layer)) {
            context.report({
              node,
              message: `${from.layer} must not import ${to.layer} (${spec}): see DESIGN.md, "Layers and folders"`,
            });
            return;
          }
          if (
            to.layer === 'modules' &&
            !(from.layer === 'modules' && from.module === to.module) &&
            to.rest !== 'index.ts'
          ) {
            context.report({
              node,
              message: `import another module only through its index.ts, not ${spec}`,
            });
          }
        };
        return {
          ImportDeclaration: (n) => check(n, n.source.value),
          ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
          ExportAllDeclaration: (n) => check(n, n.source.value),
          ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
        };
      },
    },
  },
};
