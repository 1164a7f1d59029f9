// bulletin preview — the page. It listens to the server's events (/events), fetches each
// new PDF (/issue.pdf) and shows every page with pdf.js (served from the pdfjs-dist package),
// keeping the reader's page and zoom, marking the pages that changed (by the per-page
// fingerprints the server sends) and listing the build's problems beside the pages.
import * as pdfjs from '/pdfjs/build/pdf.mjs';

const ORIGIN = location.origin;
pdfjs.GlobalWorkerOptions.workerSrc = `${ORIGIN}/pdfjs/build/pdf.worker.mjs`;
const PDF_OPTIONS = {
  cMapUrl: `${ORIGIN}/pdfjs/cmaps/`,
  standardFontDataUrl: `${ORIGIN}/pdfjs/standard_fonts/`,
  wasmUrl: `${ORIGIN}/pdfjs/wasm/`,
  iccUrl: `${ORIGIN}/pdfjs/iccs/`,
  isEvalSupported: false,
};
const CSS_PER_PT = 96 / 72;
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];
const THUMB_WIDTH = 120;
/** Pages kept drawn at once; the farthest from the reader are let go beyond this. */
const MAX_DRAWN = 24;

// ---------------------------------------------------------------- language

const STRINGS = {
  en: {
    title: (issue) => `${issue} — bulletin preview`,
    sidebar: 'Pages and contents',
    prevPage: 'Previous page',
    nextPage: 'Next page',
    goToPage: 'Go to page',
    zoom: 'Zoom',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fitWidth: 'Fit width',
    download: 'Download PDF',
    problems: 'Problems',
    thumbnails: 'Pages',
    contents: 'Contents',
    noContents: 'No contents.',
    connecting: 'Connecting…',
    building: 'Building…',
    built: (ms, n) => `Built in ${ms} ms · ${n} pages`,
    failed: (n, kept) => `${n} error${n === 1 ? '' : 's'}${kept ? ' — showing the last good pages' : ''}`,
    changed: 'Changed:',
    noChange: 'no page changed',
    pageN: (n) => `p. ${n}`,
    pageOf: (n) => `/ ${n}`,
    offline: 'Disconnected from bulletin preview — reconnecting…',
    overlayTitle: 'The issue has errors',
    overlayBody:
      'These are the last good pages. Fix the problems listed in the panel; the preview updates when you save.',
    noPages:
      'No pages yet: the issue has errors. Fix the problems listed in the panel; the preview updates when you save.',
    summary: (e, w) => `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`,
    none: 'No problems found.',
    omitted: (n) => `… and ${n} more: bulletin check lists them all.`,
    fix: 'Fix:',
    jump: (n) => `Go to page ${n}`,
  },
  zh: {
    title: (issue) => `${issue} — 样稿预览`,
    sidebar: '缩略图与目录',
    prevPage: '上一页',
    nextPage: '下一页',
    goToPage: '转到页',
    zoom: '缩放',
    zoomIn: '放大',
    zoomOut: '缩小',
    fitWidth: '适合宽度',
    download: '下载 PDF',
    problems: '问题',
    thumbnails: '缩略图',
    contents: '目录',
    noContents: '没有目录。',
    connecting: '正在连接……',
    building: '正在排版……',
    built: (ms, n) => `排版完成，用时 ${ms} 毫秒 · 共 ${n} 页`,
    failed: (n, kept) => `${n} 个错误${kept ? '——显示的是上次排好的页面' : ''}`,
    changed: '有改动：',
    noChange: '没有页面改动',
    pageN: (n) => `第 ${n} 页`,
    pageOf: (n) => `/ ${n}`,
    offline: '与预览服务断开，正在重新连接……',
    overlayTitle: '稿件有错误',
    overlayBody: '下面是上次排版成功的页面。请按右侧列出的问题修改，保存后预览会自动更新。',
    noPages: '还没有可显示的页面：稿件有错误。请按右侧列出的问题修改，保存后预览会自动更新。',
    summary: (e, w) => `${e} 个错误，${w} 个警告`,
    none: '没有发现问题。',
    omitted: (n) => `……另有 ${n} 条未列出，用 bulletin check 可看全部。`,
    fix: '改法：',
    jump: (n) => `转到第 ${n} 页`,
  },
};

function pickLanguage() {
  for (const l of navigator.languages?.length ? navigator.languages : [navigator.language]) {
    const s = String(l || '').toLowerCase();
    if (s.startsWith('zh')) return 'zh';
    if (s.startsWith('en')) return 'en';
  }
  return 'en';
}
const LANG = pickLanguage();
const T = STRINGS[LANG];
document.documentElement.lang = LANG === 'zh' ? 'zh-CN' : 'en';
for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = T[el.dataset.i18n];
for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = el.ariaLabel = T[el.dataset.i18nTitle];

const $ = (id) => document.getElementById(id);
const scroller = $('scroller');
const pagesBox = $('pages');
const thumbsBox = $('thumbs');

// ---------------------------------------------------------------- state

let state = null; // the server's latest PreviewState
let doc = null; // the pdf.js document shown
let shownVersion = 0; // the build it came from…
let shownInstance = ''; // …of this run of the server
let loadToken = 0;
let views = []; // one per page: { index, div, canvas, text, links, thumb, thumbCanvas, hash, drawn, thumbDrawn, near, thumbNear }
let pageSize = { w: 595.28, h: 841.89 }; // pt
let zoomMode = 'fit'; // 'fit' or a factor (1: 100 %)
let scale = 1;
let storeKey = 'bulletin-preview';
let restored = false;

function remember() {
  try {
    sessionStorage.setItem(storeKey, JSON.stringify({ zoom: zoomMode, page: currentPage() }));
  } catch {}
}

function recall() {
  try {
    return JSON.parse(sessionStorage.getItem(storeKey) || 'null');
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- pages

const pageObserver = new IntersectionObserver(
  (entries) => {
    for (const e of entries) {
      const v = e.target.view;
      v.near = e.isIntersecting;
      if (due(v)) want(v);
    }
  },
  { root: scroller, rootMargin: '150% 0px' },
);
const thumbObserver = new IntersectionObserver(
  (entries) => {
    for (const e of entries) {
      const v = e.target.view;
      v.thumbNear = e.isIntersecting;
      if (v.thumbNear && v.thumbDrawn !== v.hash) want(v);
    }
  },
  { root: thumbsBox, rootMargin: '200% 0px' },
);

function makeView(index) {
  const div = document.createElement('div');
  div.className = 'page';
  div.dataset.page = String(index + 1);
  const canvas = document.createElement('canvas');
  const text = document.createElement('div');
  text.className = 'textLayer';
  const links = document.createElement('div');
  links.className = 'links';
  div.append(canvas, text, links);
  pagesBox.append(div);

  const thumb = document.createElement('button');
  thumb.className = 'thumb';
  thumb.title = T.jump(index + 1);
  const paper = document.createElement('span');
  paper.className = 'paper';
  const thumbCanvas = document.createElement('canvas');
  paper.append(thumbCanvas);
  const n = document.createElement('span');
  n.className = 'n';
  n.textContent = String(index + 1);
  thumb.append(paper, n);
  thumb.addEventListener('click', () => goTo(index));
  thumbsBox.append(thumb);

  const v = {
    index,
    div,
    canvas,
    text,
    links,
    thumb,
    paper,
    thumbCanvas,
    hash: '',
    drawn: null,
    thumbDrawn: null,
    near: false,
    thumbNear: false,
    alive: true,
  };
  div.view = v;
  thumb.view = v;
  pageObserver.observe(div);
  thumbObserver.observe(thumb);
  return v;
}

function sizeView(v) {
  const w = pageSize.w * CSS_PER_PT * scale;
  const h = pageSize.h * CSS_PER_PT * scale;
  v.div.style.width = `${w}px`;
  v.div.style.height = `${h}px`;
  v.div.style.setProperty('--total-scale-factor', String(scale * CSS_PER_PT));
  v.paper.style.width = `${THUMB_WIDTH}px`;
  v.paper.style.height = `${(THUMB_WIDTH * pageSize.h) / pageSize.w}px`;
}

/** Drawn at the current zoom from the current page content. */
function fresh(v) {
  return v.drawn && v.drawn.hash === v.hash && v.drawn.scale === scale;
}

/** To be drawn: pages near the reader; in an issue short enough to keep whole, every page. */
function due(v) {
  return (v.near || views.length <= MAX_DRAWN) && !fresh(v);
}

const queue = new Set();
let pumping = false;

function want(v) {
  queue.add(v);
  void pump();
}

async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    while (queue.size) {
      // Pages near the reader first; thumbnails after every page in view is drawn.
      const here = currentPage() - 1;
      let best = null;
      let bestCost = Infinity;
      for (const v of queue) {
        const cost = Math.abs(v.index - here) + (v.near && !fresh(v) ? 0 : due(v) ? 500 : 1000);
        if (cost < bestCost) [best, bestCost] = [v, cost];
      }
      queue.delete(best);
      if (!best.alive || !doc) continue;
      try {
        if (due(best)) await drawPage(best);
        if (best.thumbNear && best.thumbDrawn !== best.hash) await drawThumb(best);
      } catch (e) {
        if (e?.name !== 'RenderingCancelledException' && !/destroyed|Transport/i.test(String(e?.message)))
          console.error(e);
      }
    }
  } finally {
    pumping = false;
  }
}

function newCanvas(width, height) {
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const c = document.createElement('canvas');
  c.width = Math.max(1, Math.floor(width * ratio));
  c.height = Math.max(1, Math.floor(height * ratio));
  return { canvas: c, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] };
}

async function drawPage(v) {
  const d = doc;
  const s = scale;
  const hash = v.hash;
  const page = await d.getPage(v.index + 1);
  const viewport = page.getViewport({ scale: s * CSS_PER_PT });
  const { canvas, transform } = newCanvas(viewport.width, viewport.height);
  await page.render({ canvasContext: canvas.getContext('2d'), viewport, transform }).promise;
  if (d !== doc || s !== scale || !v.alive) return;
  const text = document.createElement('div');
  text.className = 'textLayer';
  const layer = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport });
  await layer.render();
  const links = await linkLayer(page, d);
  if (d !== doc || s !== scale || !v.alive) return;
  // Swapped in whole once drawn: the old picture stays until then, so nothing flickers.
  v.canvas.replaceWith(canvas);
  v.text.replaceWith(text);
  v.links.replaceWith(links);
  Object.assign(v, { canvas, text, links, drawn: { hash, scale: s } });
  v.div.dataset.drawn = hash;
  letGo();
}

async function drawThumb(v) {
  const d = doc;
  const hash = v.hash;
  const page = await d.getPage(v.index + 1);
  const viewport = page.getViewport({ scale: THUMB_WIDTH / pageSize.w });
  const { canvas, transform } = newCanvas(viewport.width, viewport.height);
  await page.render({ canvasContext: canvas.getContext('2d'), viewport, transform }).promise;
  if (d !== doc || !v.alive) return;
  v.thumbCanvas.replaceWith(canvas);
  v.thumbCanvas = canvas;
  v.thumbDrawn = hash;
}

/** Pages far from the reader give their canvases back (a long issue would fill memory). */
function letGo() {
  const drawn = views.filter((v) => v.drawn);
  if (drawn.length <= MAX_DRAWN) return;
  const here = currentPage() - 1;
  drawn.sort((a, b) => Math.abs(b.index - here) - Math.abs(a.index - here));
  for (const v of drawn.slice(0, drawn.length - MAX_DRAWN)) {
    if (v.near) continue;
    const blank = document.createElement('canvas');
    v.canvas.replaceWith(blank);
    v.canvas = blank;
    v.text.replaceChildren();
    v.drawn = null;
    delete v.div.dataset.drawn;
  }
}

async function destinationPage(d, dest) {
  try {
    const explicit = typeof dest === 'string' ? await d.getDestination(dest) : dest;
    if (!Array.isArray(explicit)) return null;
    const ref = explicit[0];
    return typeof ref === 'number' ? ref : await d.getPageIndex(ref);
  } catch {
    return null;
  }
}

/** The page's links (the contents lines, URLs) as elements over it, placed in per cent. */
async function linkLayer(page, d) {
  const box = document.createElement('div');
  box.className = 'links';
  const vp = page.getViewport({ scale: 1 });
  for (const a of await page.getAnnotations({ intent: 'display' })) {
    if (a.subtype !== 'Link') continue;
    const [x1, y1, x2, y2] = vp.convertToViewportRectangle(a.rect);
    const link = document.createElement('a');
    Object.assign(link.style, {
      left: `${(100 * Math.min(x1, x2)) / vp.width}%`,
      top: `${(100 * Math.min(y1, y2)) / vp.height}%`,
      width: `${(100 * Math.abs(x2 - x1)) / vp.width}%`,
      height: `${(100 * Math.abs(y2 - y1)) / vp.height}%`,
    });
    if (a.url) {
      link.href = a.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.title = a.url;
    } else if (a.dest) {
      const target = await destinationPage(d, a.dest);
      if (target === null) continue;
      link.href = `#page=${target + 1}`;
      link.title = T.jump(target + 1);
      link.addEventListener('click', (e) => {
        e.preventDefault();
        goTo(target);
      });
    } else continue;
    box.append(link);
  }
  return box;
}

// ---------------------------------------------------------------- where the reader is

function currentPage() {
  if (!views.length) return 0;
  const y = scroller.scrollTop + scroller.clientHeight / 3;
  let lo = 0;
  let hi = views.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (views[mid].div.offsetTop <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Where the reader is: a page and how far down it, to come back to after a change. */
function position() {
  if (!views.length) return null;
  const top = scroller.scrollTop;
  let k = 0;
  while (k + 1 < views.length && views[k + 1].div.offsetTop <= top) k++;
  const div = views[k].div;
  return {
    index: k,
    frac: (top - div.offsetTop) / Math.max(1, div.offsetHeight),
    left: scroller.scrollLeft / Math.max(1, scroller.scrollWidth),
  };
}

function restore(pos) {
  if (!pos || !views.length) return;
  const v = views[Math.min(pos.index, views.length - 1)];
  scroller.scrollTop = v.div.offsetTop + pos.frac * v.div.offsetHeight;
  scroller.scrollLeft = pos.left * scroller.scrollWidth;
}

function goTo(index, flash) {
  const v = views[Math.max(0, Math.min(index, views.length - 1))];
  if (!v) return;
  scroller.scrollTop = v.div.offsetTop - 8;
  if (flash) mark(v.div, flash);
}

function mark(el, cls) {
  el.classList.remove(cls);
  void el.offsetWidth; // restart the animation
  el.classList.add(cls);
  setTimeout(() => el.classList.remove(cls), 2600);
}

let scrollPending = false;
scroller.addEventListener('scroll', () => {
  if (scrollPending) return;
  scrollPending = true;
  requestAnimationFrame(() => {
    scrollPending = false;
    showPageNumber();
    remember();
  });
});

function showPageNumber() {
  const n = currentPage();
  if (document.activeElement !== $('page-no')) $('page-no').value = n ? String(n) : '';
  $('page-count').textContent = T.pageOf(views.length);
  for (const v of views) v.thumb.classList.toggle('current', v.index === n - 1);
  const t = views[n - 1]?.thumb;
  if (t) {
    const box = thumbsBox.getBoundingClientRect();
    const r = t.getBoundingClientRect();
    if (r.top < box.top || r.bottom > box.bottom) t.scrollIntoView({ block: 'nearest' });
  }
}

$('page-no').addEventListener('change', (e) => {
  const n = parseInt(e.target.value, 10);
  if (n >= 1) goTo(n - 1);
  e.target.blur();
});
$('prev').addEventListener('click', () => goTo(currentPage() - 2));
$('next').addEventListener('click', () => goTo(currentPage()));

// ---------------------------------------------------------------- zoom

function fitScale() {
  return Math.max(0.25, (scroller.clientWidth - 40) / (pageSize.w * CSS_PER_PT));
}

function fillZoomMenu() {
  const menu = $('zoom');
  menu.replaceChildren();
  const fit = new Option(`${T.fitWidth}`, 'fit');
  menu.append(fit, ...ZOOMS.map((z) => new Option(`${Math.round(z * 100)}%`, String(z))));
  if (zoomMode !== 'fit' && !ZOOMS.includes(zoomMode))
    menu.append(new Option(`${Math.round(zoomMode * 100)}%`, String(zoomMode)));
  menu.value = String(zoomMode);
}

function setZoom(mode) {
  zoomMode = mode;
  fillZoomMenu();
  applyZoom();
  remember();
}

function applyZoom() {
  const next = zoomMode === 'fit' ? fitScale() : zoomMode;
  if (Math.abs(next - scale) < 1e-3 && views.every((v) => v.div.style.width)) return;
  const pos = position();
  scale = next;
  for (const v of views) sizeView(v);
  restore(pos);
  for (const v of views) if (due(v)) want(v);
}

$('zoom').addEventListener('change', (e) => setZoom(e.target.value === 'fit' ? 'fit' : Number(e.target.value)));
$('zoom-in').addEventListener('click', () => setZoom(ZOOMS.find((z) => z > scale + 1e-3) ?? ZOOMS[ZOOMS.length - 1]));
$('zoom-out').addEventListener('click', () => setZoom([...ZOOMS].reverse().find((z) => z < scale - 1e-3) ?? ZOOMS[0]));
new ResizeObserver(() => {
  if (zoomMode === 'fit') applyZoom();
}).observe(scroller);

// ---------------------------------------------------------------- side panels

$('toggle-side').addEventListener('click', () => {
  $('side').hidden = !$('side').hidden;
  $('toggle-side').setAttribute('aria-pressed', String(!$('side').hidden));
});
$('toggle-problems').addEventListener('click', () => {
  $('problems').hidden = !$('problems').hidden;
  $('toggle-problems').setAttribute('aria-pressed', String(!$('problems').hidden));
});
for (const [tab, panel] of [
  ['tab-thumbs', 'thumbs'],
  ['tab-outline', 'outline'],
]) {
  $(tab).addEventListener('click', () => {
    for (const [t, p] of [
      ['tab-thumbs', 'thumbs'],
      ['tab-outline', 'outline'],
    ]) {
      $(t).setAttribute('aria-selected', String(t === tab));
      $(p).hidden = p !== panel;
    }
  });
}

async function showOutline(d) {
  const nav = $('outline');
  const items = (await d.getOutline()) ?? [];
  if (d !== doc) return;
  const add = (list, depth, into) => {
    for (const it of list) {
      const a = document.createElement('a');
      a.textContent = it.title;
      a.style.paddingLeft = `${4 + depth * 14}px`;
      a.href = '#';
      a.addEventListener('click', async (e) => {
        e.preventDefault();
        const target = it.dest ? await destinationPage(doc, it.dest) : null;
        if (target !== null) goTo(target, 'target');
        else if (it.url) window.open(it.url, '_blank', 'noopener');
      });
      into.append(a);
      if (it.items?.length) add(it.items, depth + 1, into);
    }
  };
  const box = document.createDocumentFragment();
  add(items, 0, box);
  if (!items.length) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = T.noContents;
    box.append(p);
  }
  nav.replaceChildren(box);
}

// ---------------------------------------------------------------- problems

function showProblems(s) {
  const ul = $('diagnostics');
  const order = { error: 0, warning: 1, note: 2 };
  const list = [...s.diagnostics].sort(
    (a, b) => order[a.severity] - order[b.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col,
  );
  ul.replaceChildren(
    ...list.map((d) => {
      const li = document.createElement('li');
      li.className = d.severity;
      const where = document.createElement('div');
      where.className = 'where';
      where.textContent = d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file;
      if (d.page != null) {
        const pg = document.createElement('span');
        pg.className = 'pg';
        pg.textContent = T.pageN(d.page + 1);
        where.prepend(pg);
        li.classList.add('jump');
        li.tabIndex = 0;
        li.setAttribute('role', 'button');
        li.title = T.jump(d.page + 1);
        const jump = () => goTo(d.page, 'target');
        li.addEventListener('click', jump);
        li.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            jump();
          }
        });
      }
      const msg = document.createElement('div');
      msg.className = 'msg';
      msg.textContent = `${d.message} `;
      const code = document.createElement('span');
      code.className = 'code';
      code.textContent = `[${d.code}]`;
      msg.append(code);
      li.append(where, msg);
      if (d.fix) {
        const fix = document.createElement('div');
        fix.className = 'fix';
        fix.textContent = `${T.fix} ${d.fix}`;
        li.append(fix);
      }
      return li;
    }),
  );
  if (!list.length || s.omitted) {
    const li = document.createElement('li');
    li.className = list.length ? 'none more' : 'none';
    li.textContent = list.length ? T.omitted(s.omitted) : T.none;
    ul.append(li);
  }
  $('problem-summary').textContent = T.summary(s.errors, s.warnings);
  const count = $('problem-count');
  count.textContent = String(s.errors + s.warnings);
  count.className = `count ${s.errors ? 'errors' : s.warnings ? 'warnings' : ''}`;
  if (s.errors) $('problems').hidden = false;
}

function showOverlay(s) {
  const overlay = $('overlay');
  overlay.hidden = s.ok || s.version === 0;
  $('overlay-title').textContent = T.overlayTitle;
  $('overlay-body').textContent = s.pdfVersion ? T.overlayBody : T.noPages;
}

function setStatus(text, links = []) {
  const st = $('status');
  st.classList.remove('offline');
  st.replaceChildren(text);
  for (const [label, index] of links) {
    const a = document.createElement('a');
    a.textContent = label;
    a.addEventListener('click', () => goTo(index, 'target'));
    st.append(' ', a);
  }
}

// ---------------------------------------------------------------- builds

async function onState(s) {
  state = s;
  if (!restored) {
    storeKey = `bulletin-preview:${s.issue}`;
    const saved = recall();
    if (saved?.zoom) zoomMode = saved.zoom === 'fit' ? 'fit' : Number(saved.zoom) || 'fit';
    fillZoomMenu();
  }
  document.title = T.title(s.issue);
  $('issue-name').textContent = s.issue;
  $('download').setAttribute('download', `${s.issue}${s.watermark ? '-draft' : ''}.pdf`);
  $('download').hidden = !s.pdfVersion;
  if (s.version === 0) return setStatus(T.building);
  showProblems(s);
  showOverlay(s);
  if (s.pdfVersion && (s.pdfVersion !== shownVersion || s.instance !== shownInstance))
    await load(s.pdfVersion, s.pages, s.instance);
  else if (!s.ok) setStatus(T.failed(s.errors, !!s.pdfVersion));
}

async function load(version, hashes, instance) {
  const token = ++loadToken;
  const res = await fetch(`/issue.pdf?v=${version}`, { cache: 'no-store' });
  if (token !== loadToken || !res.ok) return;
  // A later build was made meanwhile: its own state event brings it.
  if (Number(res.headers.get('X-Build')) !== version) return;
  const data = new Uint8Array(await res.arrayBuffer());
  const d = await pdfjs.getDocument({ ...PDF_OPTIONS, data }).promise;
  if (token !== loadToken) {
    void d.destroy();
    return;
  }
  const first = !doc;
  const old = doc;
  const pos = position();
  doc = d;
  shownVersion = version;
  shownInstance = instance;
  const p1 = await d.getPage(1);
  const vp = p1.getViewport({ scale: 1 });
  pageSize = { w: vp.width, h: vp.height };
  if (zoomMode === 'fit' || first) scale = zoomMode === 'fit' ? fitScale() : zoomMode;
  const before = views.map((v) => v.hash);
  while (views.length < d.numPages) views.push(makeView(views.length));
  while (views.length > d.numPages) {
    const v = views.pop();
    v.alive = false;
    pageObserver.unobserve(v.div);
    thumbObserver.unobserve(v.thumb);
    v.div.remove();
    v.thumb.remove();
  }
  const changed = [];
  for (const v of views) {
    v.hash = hashes[v.index] ?? `${version}:${v.index}`;
    v.div.dataset.hash = v.hash;
    sizeView(v);
    if (!first && before[v.index] !== v.hash) changed.push(v.index);
  }
  if (first) {
    const saved = recall();
    if (saved?.page > 1) goTo(saved.page - 1);
    restored = true;
  } else restore(pos);
  if (old) void old.destroy();
  for (const v of views) if (due(v) || (v.thumbNear && v.thumbDrawn !== v.hash)) want(v);
  for (const k of changed) {
    mark(views[k].div, 'changed');
    mark(views[k].thumb, 'changed');
  }
  showPageNumber();
  void showOutline(d);
  const s = state;
  if (!s.ok) setStatus(T.failed(s.errors, !!s.pdfVersion));
  else if (first) setStatus(T.built(s.ms, views.length));
  else
    setStatus(
      `${T.built(s.ms, views.length)} · ${changed.length ? T.changed : T.noChange}`,
      ranges(changed).map(([a, b]) => [a === b ? T.pageN(a + 1) : `${T.pageN(a + 1)}–${b + 1}`, a]),
    );
}

/** [2, 3, 4, 7] → [[2, 4], [7, 7]]: changed pages named as runs. */
function ranges(list) {
  const out = [];
  for (const k of list) {
    const last = out[out.length - 1];
    if (last && last[1] === k - 1) last[1] = k;
    else out.push([k, k]);
  }
  return out.slice(0, 6);
}

// ---------------------------------------------------------------- events

setStatus(T.connecting);
fillZoomMenu();
let chain = Promise.resolve();
let latest = -1;
const events = new EventSource('/events');
// States are handled one after another, in the order they came; one overtaken by a later
// state while waiting is skipped.
events.addEventListener('state', (e) => {
  const s = JSON.parse(e.data);
  // A restarted server counts from 0 again.
  latest = s.version < latest ? s.version : Math.max(latest, s.version);
  chain = chain.then(() => (s.version >= latest ? onState(s) : undefined)).catch((err) => console.error(err));
});
events.addEventListener('building', () => setStatus(T.building));
events.addEventListener('error', () => {
  const st = $('status');
  st.textContent = T.offline;
  st.classList.add('offline');
});
window.bulletinPreview = {
  get version() {
    return shownVersion;
  },
  get state() {
    return state;
  },
};
