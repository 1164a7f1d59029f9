// The tagged PDF's logical structure: every piece of page content is marked either as an
// element's content (a marked-content id the structure tree points to) or as an Artifact
// (rules, leaders, folios, running heads), and the tree is written once the pages are done.
// pdfkit keeps the page's parent-tree entries and the StructTreeRoot; the elements are
// written here, because their children are only known in full after the last page (a note
// sits under the article after the paragraph that calls it, though drawn at the page foot).
import type { StructNode } from '../paginate/display.js';
import type { Doc, Ref } from './pdfkit-internals.js';

/** The parts of pdfkit's document this module drives (its tagged-PDF plumbing). */
export type TaggedDoc = Pick<
  Doc,
  'ref' | 'addContent' | 'page' | 'getStructTreeRoot' | 'getStructParentTree' | 'createStructParentTreeNextKey'
>;

/** Non-standard types and the standard ones they stand for (PDF/UA-1 wants a role map). */
const ROLE_MAP: Record<string, string> = { Title: 'H1' };

/** What an element holds on a page: marked content, or an annotation. */
type Kid = { mcid: number; page: Ref; order: number } | { annot: Ref; page: Ref; order: number };

export class StructureWriter {
  private readonly refs = new Map<StructNode, Ref>();
  private readonly kids = new Map<StructNode, Kid[]>();
  private order = 0;
  private open = false;

  constructor(private readonly doc: TaggedDoc) {}

  /**
   * Opens the marked content of an item: its element's content, or an Artifact (running
   * heads and folios as pagination, everything else as layout).
   */
  begin(node: StructNode | undefined, artifact?: 'Header' | 'Footer'): void {
    if (this.open) throw new Error('marked content opened twice');
    this.open = true;
    if (!node) {
      this.doc.addContent(artifact ? `/Artifact <</Type /Pagination /Subtype /${artifact}>> BDC` : '/Artifact BMC');
      return;
    }
    const page = this.doc.page;
    const parents = this.doc.getStructParentTree().get(page.structParentTreeKey);
    const mcid = parents.length;
    parents.push(this.refOf(node));
    this.kidsOf(node).push({ mcid, page: page.dictionary, order: this.order++ });
    this.doc.addContent(`/${node.role} <</MCID ${mcid}>> BDC`);
  }

  end(): void {
    if (!this.open) throw new Error('no marked content to close');
    this.open = false;
    this.doc.addContent('EMC');
  }

  /**
   * Options for a link annotation that belongs to `node`: a Link element under it holds the
   * annotation (or `node` itself when it is a Link); call `annotated` with the annotation.
   */
  linkParent(node: StructNode): { key: number; element: StructNode } {
    // One Link element per annotation, after the text of the element it sits in.
    const element: StructNode =
      node.role === 'Link' ? node : { role: 'Link', parent: node, seq: Number.MAX_SAFE_INTEGER };
    const key = this.doc.createStructParentTreeNextKey();
    this.doc.getStructParentTree().add(key, this.refOf(element));
    return { key, element };
  }

  annotated(element: StructNode, annot: Ref): void {
    this.kidsOf(element).push({ annot, page: this.doc.page.dictionary, order: this.order++ });
  }

  /** Writes every element reached from the marked content, and the tree's root entries. */
  finish(): void {
    const children = new Map<StructNode, StructNode[]>();
    const first = new Map<StructNode, number>();
    const roots: StructNode[] = [];
    const placed = new Set<StructNode>();
    const place = (node: StructNode): void => {
      if (placed.has(node)) return;
      placed.add(node);
      if (!node.parent) {
        roots.push(node);
        return;
      }
      if (!children.has(node.parent)) children.set(node.parent, []);
      children.get(node.parent)!.push(node);
      place(node.parent);
    };
    for (const [node, kids] of this.kids) {
      const at = Math.min(...kids.map((k) => k.order));
      for (let n: StructNode | undefined = node; n; n = n.parent) first.set(n, Math.min(first.get(n) ?? Infinity, at));
      place(node);
    }
    // Siblings in source order; the document's own parts (cover, articles, colophon) in page order.
    for (const [parent, list] of children)
      list.sort(parent.parent ? (a, b) => a.seq - b.seq : (a, b) => first.get(a)! - first.get(b)!);
    roots.sort((a, b) => first.get(a)! - first.get(b)!);

    const root = this.doc.getStructTreeRoot();
    // Everything hangs from one Document element.
    let top: StructNode[] = roots;
    if (!(roots.length === 1 && roots[0].role === 'Document')) {
      const doc: StructNode = { role: 'Document', seq: -1 };
      children.set(doc, roots);
      top = [doc];
    }
    const ids: [string, Ref][] = [];
    const write = (node: StructNode, parent: Ref) => {
      const ref = this.refOf(node);
      const own = (this.kids.get(node) ?? []).sort((a, b) => a.order - b.order);
      const page = own[0]?.page;
      const k: unknown[] = own.map((kid) =>
        'mcid' in kid
          ? kid.page === page
            ? kid.mcid
            : { Type: 'MCR', Pg: kid.page, MCID: kid.mcid }
          : { Type: 'OBJR', Obj: kid.annot, Pg: kid.page },
      );
      for (const c of children.get(node) ?? []) {
        write(c, ref);
        k.push(this.refOf(c));
      }
      const data: Record<string, unknown> = {
        Type: 'StructElem',
        S: node.role,
        P: parent,
        K: k.length === 1 ? k[0] : k,
      };
      if (page) data.Pg = page;
      if (node.alt !== undefined) data.Alt = new String(node.alt);
      if (node.id !== undefined) {
        data.ID = new String(node.id);
        ids.push([node.id, ref]);
      }
      if (node.scope) data.A = { O: 'Table', Scope: node.scope };
      Object.assign(ref.data, data);
      ref.end();
    };
    for (const t of top) write(t, root);
    root.data.K = top.length === 1 ? this.refOf(top[0]) : top.map((t) => this.refOf(t));
    root.data.RoleMap = ROLE_MAP;
    if (ids.length) {
      ids.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      root.data.IDTree = { Names: ids.flatMap(([id, ref]) => [new String(id), ref]) };
    }
  }

  private refOf(node: StructNode): Ref {
    let r = this.refs.get(node);
    if (!r) this.refs.set(node, (r = this.doc.ref({})));
    return r;
  }

  private kidsOf(node: StructNode): Kid[] {
    let k = this.kids.get(node);
    if (!k) this.kids.set(node, (k = []));
    return k;
  }
}
