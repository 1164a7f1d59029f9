#!/usr/bin/env node
// The command line, from the one-file build (scripts/bundle.mjs) that npm run build makes,
// run with a code cache of its compiled code (bin/bundle-loader.js).
const { loadBundle } = require('./bundle-loader.js');

const args = process.argv.slice(2);
const bundle = loadBundle(args[0]);
bundle.exports.main(args).then((code) => {
  process.exitCode = code;
  // A run that did its command's work leaves the compiled code for the next (not after --help,
  // which would leave a cache of the help alone).
  if (code === 0 && !args.some((a) => a === '-h' || a === '--help' || a === '--version' || a === '-v')) bundle.save();
});
