/**
 * ESLint rule `layers/direction`: the import direction of ../shared/DESIGN.md, enforced.
 *   main → http / web / cli → presenters → modules/<m>/index.ts → db, lib, config
 * - lib imports nothing else from src; config only config and lib; db only db and lib;
 * - a module never imports http, web, cli, presenters, jobs or main, and reaches another module
 *   only through that module's index.ts; the modules' imports of each other form no cycle;
 * - presenters (shaping module results for the API, the pages and the CLI) import modules,
 *   lib and config;
 * - http and web import presenters, modules (through index.ts), lib and config, never db;
 * - cli imports the same and main (the composition root that builds the application), never
 *   http or db;
 * - every import inside src is a relative path with a literal specifier: no absolute paths,
 *   no `src/…`-style aliases, no computed `import()`.
 *
 * Option `{ src }` names the source root (default ../src); the tests point it at a planted tree.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const DEFAULT_SRC = path.resolve(import.meta.dirname, '../src');

const ALLOWED = {
  lib: ['lib'],
  config: ['config', 'lib'],
  db: ['db', 'lib'],
  modules: ['modules', 'db', 'lib', 'config'],
  jobs: ['jobs', 'modules', 'db', 'lib', 'config'],
  presenters: ['presenters', 'modules', 'lib', 'config'],
  http: ['http', 'presenters', 'modules', 'lib', 'config'],
  web: ['web', 'presenters', 'modules', 'lib', 'config'],
  cli: ['cli', 'presenters', 'modules', 'lib', 'config', 'main'],
  main: ['main', 'http', 'web', 'cli', 'presenters', 'modules', 'db', 'lib', 'config', 'jobs'],
};

const LAYERS = new Set([...Object.keys(ALLOWED), 'src']);

function where(src, file) {
  const rel = path.relative(src, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  if (parts[0] === 'modules')
    return { layer: 'modules', module: parts[1], rest: parts.slice(2).join('/') };
  if (parts.length === 1) return { layer: parts[0].replace(/\.[cm]?[jt]sx?$/, '') };
  return { layer: parts[0] };
}

/** An import that names a file by where it lies rather than relative to the importer. */
function isAbsolute(spec) {
  if (spec.startsWith('/') || /^[A-Za-z]:[\\/]/.test(spec) || spec.startsWith('file:')) return true;
  if (/^[@~#]\//.test(spec)) return true;
  const first = spec.split('/')[0];
  return spec.includes('/') && LAYERS.has(first);
}

const isTest = (file) => /\.test\.[cm]?[jt]sx?$/.test(file);

function* sourceFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(p);
    else if (/\.[cm]?[jt]sx?$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) yield p;
  }
}

/**
 * The module graph: module → (imported module → the file and specifier of one such import),
 * read once per lint run (per source root) from the import statements of src/modules/**,
 * tests left out (a test importing another module creates no cycle at run time).
 */
const graphs = new Map();
function moduleGraph(src) {
  let graph = graphs.get(src);
  if (graph) return graph;
  graph = new Map();
  const root = path.join(src, 'modules');
  if (fs.existsSync(root)) {
    for (const file of sourceFiles(root)) {
      if (isTest(file)) continue;
      const from = where(src, file);
      const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
      for (const { fileName: spec } of info.importedFiles) {
        if (!spec.startsWith('.')) continue;
        const to = where(src, path.resolve(path.dirname(file), spec));
        if (to?.layer !== 'modules' || to.module === from.module) continue;
        if (!graph.has(from.module)) graph.set(from.module, new Map());
        const edges = graph.get(from.module);
        if (!edges.has(to.module)) edges.set(to.module, path.relative(src, file));
      }
    }
  }
  graphs.set(src, graph);
  return graph;
}

/** The modules on a path start ⇝ goal in the graph (start and goal included), or null. */
function pathBetween(graph, start, goal) {
  const parent = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const at = queue.shift();
    if (at === goal) {
      const out = [];
      for (let m = goal; m !== null; m = parent.get(m)) out.unshift(m);
      return out;
    }
    for (const next of graph.get(at)?.keys() ?? []) {
      if (parent.has(next)) continue;
      parent.set(next, at);
      queue.push(next);
    }
  }
  return null;
}

export default {
  rules: {
    direction: {
      meta: {
        type: 'problem',
        schema: [
          {
            type: 'object',
            properties: { src: { type: 'string' } },
            additionalProperties: false,
          },
        ],
      },
      create(context) {
        const src = path.resolve(context.options[0]?.src ?? DEFAULT_SRC);
        const from = where(src, context.filename);
        if (!from) return {};
        const check = (node, spec) => {
          if (typeof spec !== 'string') return;
          if (isAbsolute(spec)) {
            context.report({
              node,
              message: `import files in src by a relative path, not ${spec}`,
            });
            return;
          }
          if (!spec.startsWith('.')) return;
          const to = where(src, path.resolve(path.dirname(context.filename), spec));
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
            return;
          }
          if (
            from.layer === 'modules' &&
            to.layer === 'modules' &&
            from.module !== to.module &&
            !isTest(context.filename)
          ) {
            const back = pathBetween(moduleGraph(src), to.module, from.module);
            if (back) {
              context.report({
                node,
                message: `module cycle: ${[from.module, ...back].join(' → ')} (${spec}); modules must not import each other in a circle`,
              });
            }
          }
        };
        const literal = (n) =>
          n.type === 'Literal'
            ? n.value
            : n.type === 'TemplateLiteral' && n.expressions.length === 0
              ? n.quasis[0].value.cooked
              : undefined;
        return {
          ImportDeclaration: (n) => check(n, n.source.value),
          ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
          ExportAllDeclaration: (n) => check(n, n.source.value),
          TSImportEqualsDeclaration: (n) =>
            n.moduleReference.type === 'TSExternalModuleReference' &&
            check(n, n.moduleReference.expression.value),
          ImportExpression: (n) => {
            const spec = literal(n.source);
            if (spec === undefined) {
              context.report({
                node: n,
                message:
                  'import() with a computed specifier hides a dependency from this rule: name the file literally',
              });
            } else check(n, spec);
          },
        };
      },
    },
  },
};
