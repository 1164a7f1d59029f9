// The layering of src/ (docs/architecture.md), checked by dependency-cruiser in `npm test`
// (`npm run lint:deps`). Stages are listed from the bottom of the pipeline up; a module may
// import its own stage and the stages below it, never one above. Type-only imports count:
// they couple the code as much as any other.
//
// Known violations (.dependency-cruiser-known-violations.json) are tolerated as warnings and
// anything new fails. The file is empty: keep it so. Were one ever admitted for a while, it
// is written with:
//   npx depcruise src --config .dependency-cruiser.cjs --output-type baseline > .dependency-cruiser-known-violations.json

/** [name, path pattern] from the bottom up. */
const STAGES = [
  ['types', '^src/types/'], // declarations for untyped packages
  ['core', '^src/core/'], // the message catalogue, its texts, the version: used by every stage
  ['source', '^src/source/'], // load: issue folder → Issue, Diagnostics
  ['template', '^src/template/'], // template.yaml → Template, Frame
  ['text', '^src/text/'], // shape: code points → glyphs, classes
  ['fonts', '^src/fonts/'], // roles → files → Faces
  ['compose', '^src/compose/'], // styled runs → lines
  ['paginate', '^src/paginate/'], // flow blocks → pages; the display list
  ['set', '^src/set/'], // an article's blocks → flow blocks (lines in slots, keeps, notes)
  // src/constructs/ (Markdown constructs, each one module across the stages) has rules of its own below.
  ['furnish', '^src/furnish/'], // masthead, contents, colophon, watermark: the pages' furniture
  ['render', '^src/render/'], // DisplayList → PDF bytes
  ['check', '^src/check/'], // proofreading beside the pipeline, from the source model
  ['pipeline', '^src/(pipeline/|(index|output)\\.ts$)'], // the stages in order (pipeline/layout.ts, build()); writing the PDF
  ['archive', '^src/archive/'], // build --all, records, reprints
  ['preview', '^src/preview/'], // the live preview around build()
  ['import', '^src/import/'], // print → source, outside the pipeline
  ['cli', '^src/cli/'], // the command line
];

const layering = STAGES.slice(0, -1).map(([name, path], k) => ({
  name: `${name}-imports-down`,
  comment: `${name} is below ${STAGES.slice(k + 1)
    .map(([n]) => n)
    .join(', ')}: it may not import them`,
  severity: 'error',
  from: { path },
  to: {
    path: STAGES.slice(k + 1)
      .map(([, p]) => `(${p})`)
      .join('|'),
  },
}));

module.exports = {
  forbidden: [
    ...layering,
    {
      name: 'no-circular',
      comment: 'a cycle makes two modules one; say which comes first',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pdfkit-only-in-render',
      comment: 'pdfkit (and its private fields) stays behind src/render/',
      severity: 'error',
      from: { pathNot: '^src/render/' },
      to: { path: '(^|/)node_modules/(@types/)?pdfkit/' },
    },
    {
      name: 'cli-only-from-cli',
      comment: 'the command line sits on top: nothing in the pipeline or beside it imports src/cli/',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'display-list-is-the-contract',
      comment: 'the display list (layout → output) names neither the composer nor the source model',
      severity: 'error',
      from: { path: '^src/paginate/display\\.ts$' },
      to: { path: '^src/(compose|source)/' },
    },
    {
      name: 'render-reads-the-display-list',
      comment: 'the renderer draws what the display list holds; it knows nothing of how lines or pages were made',
      severity: 'error',
      from: { path: '^src/render/' },
      to: { path: '^src/(compose|set|furnish|pipeline|check)/' },
    },
    // Markdown constructs (src/constructs/) are modules across the stages: each declares how
    // its construct is read, set, flattened into a note, checked and styled, and the stages'
    // dispatch points ask the registry. So that no stage comes to run code of a later one
    // through them, a construct imports at run time only core/ and the options' vocabulary
    // (what it needs of later stages it is handed: constructs/api.ts); it may name later
    // stages' types. And only the dispatch points reach them, through the registry.
    {
      name: 'constructs-run-low',
      comment:
        'a construct module imports at run time only core/, source/ types and template/declare.ts; later stages it is handed',
      severity: 'error',
      from: { path: '^src/constructs/' },
      to: {
        path: '^src/',
        pathNot: '^src/(core/|constructs/|template/declare\\.ts$)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'constructs-from-the-dispatch-points',
      comment:
        'only the dispatch points (the reader, the setter, the note flattener, the checker, the options table) ask the construct registry',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot:
          '^src/(constructs/|source/markdown\\.ts$|set/article\\.ts$|set/inline\\.ts$|check/prose\\.ts$|template/options\\.ts$)',
      },
      to: { path: '^src/constructs/' },
    },
    {
      name: 'constructs-through-the-registry',
      comment: 'a dispatch point asks the registry (constructs/index.ts), never a construct module itself',
      severity: 'error',
      from: { pathNot: '^src/constructs/' },
      to: { path: '^src/constructs/', pathNot: '^src/constructs/index\\.ts$' },
    },
    {
      name: 'check-is-handed-the-measurer',
      comment: 'check reads the source model; what it needs of layout (the contents measure) is passed in',
      severity: 'error',
      from: { path: '^src/check/' },
      to: { path: '^src/(set|furnish|pipeline|compose|paginate|render)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
