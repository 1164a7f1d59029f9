// One whole build in a fresh process, as the command does it; reports its own figures.
import { build, writeAtomically } from '../lib/index.js';

const [issue, out] = process.argv.slice(2);
const r = await build(issue);
writeAtomically(out, r.pdf);
process.stdout.write(JSON.stringify({ pages: r.pages, bytes: r.pdf.length, maxRSS: process.resourceUsage().maxRSS }));
