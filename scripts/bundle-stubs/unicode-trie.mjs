// unicode-trie, inflated when first read instead of when made. fontkit, unicode-properties
// and linebreak each build their character tables at load time (five tables, ~20 ms of
// tiny-inflate per process); a build reads at most fontkit's and unicode-properties' when a
// font's metrics are not cached yet, and usually none. The table read is the same one.
import Real from 'unicode-trie';

export default class LazyTrie {
  constructor(data) {
    this.source = data;
    this.real = undefined;
  }
  get(codePoint) {
    this.real ??= new Real(this.source);
    return this.real.get(codePoint);
  }
}
