// unicode-trie, inflated when first read instead of when made. fontkit, unicode-properties
// and linebreak each build their character tables at load time (five tables: base64 decoding
// and tiny-inflate, ~20 ms per process); a build reads at most fontkit's and
// unicode-properties' when a font's metrics are not cached yet, and usually none. The table
// read is the same one.
import Real from 'unicode-trie';

/** A table's bytes still to decode (scripts/bundle.mjs defers the libraries' base64 calls). */
export function deferBytes(decode, text) {
  return { deferred: () => decode(text) };
}

export default class LazyTrie {
  constructor(data) {
    this.source = data;
    this.real = undefined;
  }
  get(codePoint) {
    if (!this.real) {
      const bytes = this.source && typeof this.source.deferred === 'function' ? this.source.deferred() : this.source;
      this.real = new Real(bytes);
      this.source = undefined;
    }
    return this.real.get(codePoint);
  }
}
