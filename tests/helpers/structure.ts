// A tagged PDF's logical structure read back with MuPDF's object API: the structure tree
// (elements, their roles through the RoleMap, Alt, ID, marked-content and annotation kids)
// and, from each page's content stream, which painting operators sit in marked content
// with an MCID, in an Artifact, or in neither.
import type * as mupdf from 'mupdf';

export const STANDARD = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 ' +
    'L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot ' +
    'Ruby RB RT RP Warichu WT WP Figure Formula Form'
  ).split(' '),
);

export interface Elem {
  role: string;
  /** The standard type it stands for (through the RoleMap). */
  type: string;
  alt?: string;
  id?: string;
  kids: Elem[];
  /** Marked content it holds directly: page index and MCID. */
  content: { page: number; mcid: number }[];
  /** Annotations it holds (object numbers). */
  annots: number[];
  /** Object number. */
  num: number;
}

export interface PageContent {
  /** MCIDs in the page's content stream, in order. */
  mcids: number[];
  /** Painting operators in marked content with an MCID, keyed by MCID. */
  paintsIn: Map<number, string[]>;
  /** Painting operators inside an Artifact. */
  artifactPaints: number;
  /** Painting operators in neither. */
  loose: string[];
}

export interface Structure {
  root: Elem | null;
  roleMap: Map<string, string>;
  /** Elements in document order (depth first). */
  all: Elem[];
  pages: PageContent[];
  /** ParentTree: page index → element object number per MCID. */
  parentTree: Map<number, (number | null)[]>;
  /** Annotation object number → element object number (through StructParent). */
  annotParents: Map<number, number | null>;
  /** Link annotations: object number, page, Contents. */
  links: { num: number; page: number; contents: string }[];
  ids: string[];
}

const PAINT = new Set(['Tj', 'TJ', "'", '"', 'Do', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'sh', 'EI']);

export function readStructure(doc: mupdf.PDFDocument): Structure {
  const pageNums = new Map<number, number>();
  for (let i = 0; i < doc.countPages(); i++) pageNums.set(doc.findPage(i).asIndirect(), i);
  const catalog = doc.getTrailer().get('Root');
  const treeRoot = catalog.get('StructTreeRoot');
  const roleMap = new Map<string, string>();
  const rm = treeRoot.isNull() ? null : treeRoot.get('RoleMap');
  if (rm && rm.isDictionary())
    rm.forEach((v: mupdf.PDFObject, k: string | number) => roleMap.set(String(k), v.asName()));
  const all: Elem[] = [];

  const elem = (o: mupdf.PDFObject): Elem => {
    const role = o.get('S').asName();
    const e: Elem = { role, type: roleMap.get(role) ?? role, kids: [], content: [], annots: [], num: o.asIndirect() };
    const alt = o.get('Alt');
    if (!alt.isNull()) e.alt = alt.asString();
    const id = o.get('ID');
    if (!id.isNull()) e.id = id.asString();
    all.push(e);
    const pg = o.get('Pg');
    const page = pg.isNull() ? -1 : (pageNums.get(pg.asIndirect()) ?? -1);
    const kid = (k: mupdf.PDFObject) => {
      if (k.isNumber()) e.content.push({ page, mcid: k.asNumber() });
      else if (k.isDictionary()) {
        const type = k.get('Type');
        if (!type.isNull() && type.asName() === 'MCR') {
          const kpg = k.get('Pg');
          e.content.push({
            page: kpg.isNull() ? page : (pageNums.get(kpg.asIndirect()) ?? -1),
            mcid: k.get('MCID').asNumber(),
          });
        } else if (!type.isNull() && type.asName() === 'OBJR') e.annots.push(k.get('Obj').asIndirect());
        else e.kids.push(elem(k));
      }
    };
    const k = o.get('K');
    if (k.isArray()) for (let i = 0; i < k.length; i++) kid(k.get(i));
    else if (!k.isNull()) kid(k);
    return e;
  };

  let root: Elem | null = null;
  if (!treeRoot.isNull()) {
    const k = treeRoot.get('K');
    const tops: Elem[] = [];
    if (k.isArray()) for (let i = 0; i < k.length; i++) tops.push(elem(k.get(i)));
    else if (!k.isNull()) tops.push(elem(k));
    root =
      tops.length === 1 ? tops[0] : { role: '(root)', type: '(root)', kids: tops, content: [], annots: [], num: 0 };
  }

  // ParentTree: a number tree (flat Nums here, or with Kids)
  const nums = new Map<number, mupdf.PDFObject>();
  const walkNums = (node: mupdf.PDFObject) => {
    const n = node.get('Nums');
    if (n.isArray()) for (let i = 0; i + 1 < n.length; i += 2) nums.set(n.get(i).asNumber(), n.get(i + 1));
    const kids = node.get('Kids');
    if (kids.isArray()) for (let i = 0; i < kids.length; i++) walkNums(kids.get(i));
  };
  if (!treeRoot.isNull() && !treeRoot.get('ParentTree').isNull()) walkNums(treeRoot.get('ParentTree'));

  const pages: PageContent[] = [];
  const parentTree = new Map<number, (number | null)[]>();
  const annotParents = new Map<number, number | null>();
  const links: Structure['links'] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.findPage(i);
    pages.push(scanContent(streamOf(page.get('Contents'))));
    const sp = page.get('StructParents');
    if (!sp.isNull()) {
      const arr = nums.get(sp.asNumber());
      const list: (number | null)[] = [];
      if (arr?.isArray())
        for (let j = 0; j < arr.length; j++) list.push(arr.get(j).isNull() ? null : arr.get(j).asIndirect());
      parentTree.set(i, list);
    }
    const annots = page.get('Annots');
    if (annots.isArray()) {
      for (let j = 0; j < annots.length; j++) {
        const a = annots.get(j);
        if (a.get('Subtype').asName() !== 'Link') continue;
        const c = a.get('Contents');
        links.push({ num: a.asIndirect(), page: i, contents: c.isNull() ? '' : c.asString() });
        const p = a.get('StructParent');
        annotParents.set(a.asIndirect(), p.isNull() ? null : (nums.get(p.asNumber())?.asIndirect() ?? null));
      }
    }
  }
  const ids: string[] = [];
  if (!treeRoot.isNull()) {
    const idTree = treeRoot.get('IDTree');
    const names = idTree.isNull() ? null : idTree.get('Names');
    if (names?.isArray()) for (let i = 0; i < names.length; i += 2) ids.push(names.get(i).asString());
  }
  return { root, roleMap, all, pages, parentTree, annotParents, links, ids };
}

function streamOf(contents: mupdf.PDFObject): string {
  if (contents.isArray()) {
    const parts: string[] = [];
    for (let i = 0; i < contents.length; i++) parts.push(streamOf(contents.get(i)));
    return parts.join('\n');
  }
  return Buffer.from(contents.readStream().asUint8Array()).toString('latin1');
}

/** Walks a content stream's operators, keeping the stack of marked-content sequences. */
export function scanContent(src: string): PageContent {
  const out: PageContent = { mcids: [], paintsIn: new Map(), artifactPaints: 0, loose: [] };
  const stack: { artifact: boolean; mcid?: number }[] = [];
  let operands: string[] = [];
  let i = 0;
  const n = src.length;
  const ws = (c: string) => ' \t\r\n\f\0'.includes(c);
  const delim = (c: string) => '()<>[]{}/%'.includes(c);
  while (i < n) {
    const c = src[i];
    if (ws(c)) {
      i++;
      continue;
    }
    if (c === '%') {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
      continue;
    }
    if (c === '(') {
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (src[j] === '\\') j++;
        else if (src[j] === '(') depth++;
        else if (src[j] === ')' && --depth === 0) break;
      }
      operands.push(src.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === '<' && src[i + 1] === '<') {
      operands.push('<<');
      i += 2;
      continue;
    }
    if (c === '>' && src[i + 1] === '>') {
      operands.push('>>');
      i += 2;
      continue;
    }
    if (c === '<') {
      const j = src.indexOf('>', i);
      operands.push(src.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if ('[]{}'.includes(c)) {
      operands.push(c);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !ws(src[j]) && !delim(src[j])) j++;
    const tok = src.slice(i, j);
    i = j;
    if (c === '/' || /^[-+.\d]/.test(tok) || tok === 'true' || tok === 'false' || tok === 'null') {
      operands.push(tok);
      continue;
    }
    // an operator
    if (tok === 'BI') {
      // inline image: skip to EI
      const e = src.indexOf('EI', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (tok === 'BMC') stack.push({ artifact: operands[0] === '/Artifact' });
    else if (tok === 'BDC') {
      const k = operands.indexOf('/MCID');
      const mcid = k >= 0 ? Number(operands[k + 1]) : undefined;
      stack.push({ artifact: operands[0] === '/Artifact', mcid });
      if (mcid !== undefined) out.mcids.push(mcid);
    } else if (tok === 'EMC') stack.pop();
    else if (PAINT.has(tok)) {
      let owner: { artifact: boolean; mcid?: number } | undefined;
      for (let k = stack.length - 1; k >= 0 && !owner; k--)
        if (stack[k].artifact || stack[k].mcid !== undefined) owner = stack[k];
      if (owner?.mcid !== undefined) {
        if (!out.paintsIn.has(owner.mcid)) out.paintsIn.set(owner.mcid, []);
        out.paintsIn.get(owner.mcid)!.push(tok);
      } else if (owner) out.artifactPaints++;
      else out.loose.push(tok);
    }
    operands = [];
  }
  return out;
}
