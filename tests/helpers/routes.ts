import type { HTTPMethods } from 'fastify';
import type { App } from '../../server/platform/fastify';

/** Full paths from Fastify's route tree, where each level of indentation continues its parent's path. */
function pathsInTree(tree: string): string[] {
  const prefixes: string[] = [];
  const paths: string[] = [];
  for (const line of tree.split('\n')) {
    const node = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!node) continue;
    prefixes.length = node[1]!.length / 4;
    prefixes.push(node[2]!);
    if (node[3]) paths.push(prefixes.join(''));
  }
  return paths;
}

/** Every path the (ready) app routes for `method`, with Fastify's `:param` placeholders. */
export function routePaths(app: App, method: HTTPMethods): string[] {
  return pathsInTree(app.printRoutes({ method, commonPrefix: false }));
}
