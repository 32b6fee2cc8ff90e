/**
 * The architecture's rules, checked by `npm test` (see ARCHITECTURE.md, "Invariants").
 * A feature is a folder under server/features/; its public face is its *.service.ts and
 * *.policy.ts files. Type-only imports of another feature's types are allowed (they vanish at
 * run time), except of its repository, whose SQL is private to the feature that owns the table.
 */
const FEATURE = '^server/features/([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No file depends on itself through others: features, layers and client modules form a tree.',
      from: {},
      // A cycle made of type-only imports vanishes at run time, so it is not counted.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'feature-through-services',
      severity: 'error',
      comment: 'A feature reaches another feature only through its *.service.ts or *.policy.ts.',
      from: { path: FEATURE },
      to: {
        path: '^server/features/[^/]+/',
        pathNot: ['^server/features/$1/', '[.](service|policy)[.]ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-foreign-repository',
      severity: 'error',
      comment: "Every table has one owning feature: no file imports another feature's repository, not even its types.",
      from: { path: FEATURE },
      to: { path: '[.]repository[.]ts$', pathNot: '^server/features/$1/' },
    },
    {
      name: 'repositories-stay-in-features',
      severity: 'error',
      comment: 'Commands, the CLI and the composition root reach tables through services.',
      from: { path: '^server/(?!features/)' },
      to: { path: '[.]repository[.]ts$' },
    },
    {
      name: 'no-feature-imports-live',
      severity: 'error',
      comment: 'Features append events to the log; only the live feature reads it and talks to sockets.',
      from: { path: '^server/features/(?!live/)' },
      to: { path: '^server/features/live/' },
    },
    {
      name: 'features-below-commands',
      severity: 'error',
      comment: 'Features depend on platform, db, events, markdown, contracts and config; only their routes (the HTTP edge) call commands.',
      from: { path: '^server/features/', pathNot: '[.]routes[.]ts$' },
      to: { path: '^server/(commands|cli)/|^server/(app|main|start-server)[.]ts$' },
    },
    {
      name: 'routes-call-no-cli',
      severity: 'error',
      from: { path: '[.]routes[.]ts$' },
      to: { path: '^server/cli/|^server/(app|main|start-server)[.]ts$' },
    },
    {
      name: 'foundations-import-no-features',
      severity: 'error',
      comment: 'platform, db, events, markdown and contracts are below every feature.',
      from: { path: '^server/(platform|db|events|markdown|contracts)/' },
      to: { path: '^server/(features|commands|cli)/|^server/(app|main|start-server)[.]ts$' },
    },
    {
      name: 'commands-through-services',
      severity: 'error',
      comment: 'Commands orchestrate features through their services and policies only.',
      from: { path: '^server/commands/' },
      to: { path: '^server/features/', pathNot: '[.](service|policy)[.]ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'client-no-server',
      severity: 'error',
      comment: 'The client imports nothing of the server but its contracts.',
      from: { path: '^client/' },
      to: { path: '^server/', pathNot: '^server/contracts/' },
    },
    {
      name: 'client-contracts-type-only',
      severity: 'error',
      comment: 'The client imports contracts as types only, except the dependency-free live protocol constants, merge-text helper and first-paint element ids.',
      from: { path: '^client/' },
      to: { path: '^server/contracts/', pathNot: '^server/contracts/(live|merge-text|first-paint)[.]ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'runtime-contracts-stand-alone',
      severity: 'error',
      comment: 'server/contracts/live.ts, merge-text.ts and first-paint.ts are bundled into the client, so they import nothing at run time.',
      from: { path: '^server/contracts/(live|merge-text|first-paint)[.]ts$' },
      to: { dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'migrations-import-no-app-code',
      severity: 'error',
      comment: 'A migration must mean the same forever, so it imports only kysely.',
      from: { path: '^migrations/' },
      to: { path: '^(server|client)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
