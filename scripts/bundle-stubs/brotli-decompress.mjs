// brotli's decoder loaded on first use, from node_modules as installed (not bundled: its
// dictionary is 1.4 MB of script every start would have to read and compile). fontkit needs
// it only to open WOFF2 files, which bulletin never reads.
import { createRequire } from 'node:module';

let real;
export default function decompress(buffer, outputSize) {
  // brotli is fontkit's dependency: found from fontkit's place, wherever npm put it
  real ??= createRequire(createRequire(import.meta.url).resolve('fontkit'))('brotli/decompress.js');
  return real(buffer, outputSize);
}
