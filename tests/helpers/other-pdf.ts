// A bulletin printed by another tool, to import as a new user would: pdfkit's own text
// flow (its line breaking, ragged CJK lines, its page breaks), a running head and folios
// "- N -", a contents list with …… leaders and no ★, headings in a bold sans, a paragraph
// running over a page end, a colophon with a line issue.yaml has no place for.
import PDFDocument from 'pdfkit';
import { join } from 'node:path';
import { ROOT } from './build.js';

const FONTS = join(ROOT, 'node_modules', '@expo-google-fonts');
const SERIF = join(FONTS, 'noto-serif-sc', '400Regular', 'NotoSerifSC_400Regular.ttf');
const SANS_BOLD = join(FONTS, 'noto-sans-sc', '700Bold', 'NotoSansSC_700Bold.ttf');

export interface OtherArticle {
  title: string;
  source?: string;
  /** Paragraphs; "## text" is a heading; "**lead**rest" a paragraph with a bold lead; "\f" puts the next near the foot. */
  body: string[];
}

export const OTHER: { articles: OtherArticle[] } = {
  articles: [
    {
      title: '我市召开2024年度科技创新工作会议',
      source: '市科技局办公室',
      body: [
        '3月15日，市科技局召开2024年度全市科技创新工作会议，总结2023年工作，部署2024年重点任务。会议指出，过去一年全市上下坚持创新驱动发展战略，科技创新各项工作取得明显成效，全社会研发经费投入强度稳步提升，高新技术企业数量持续增长，科技成果转化成效显著。',
        '## 一、2023年工作成效',
        '全年新认定高新技术企业156家，总数达到892家，同比增长21.3%；科技型中小企业入库1203家。技术合同成交额达到58.6亿元，同比增长35.2%，创历史新高。新建省级以上创新平台23个，其中国家级2个。引进培育各类科技人才团队47个，落地科技成果转化项目112项，带动新增产值超过40亿元。',
        '**一是科技投入持续加大。**全年市本级财政科技支出12.8亿元，同比增长18.5%。设立科技成果转化引导基金5亿元，撬动社会资本投入超过20亿元，支持企业开展关键核心技术攻关项目86项。',
        '## 二、2024年重点任务',
        '\f',
        '会议要求，2024年要聚焦产业链部署创新链，围绕新材料、生物医药、高端装备等重点产业，实施一批重大科技专项，加快建设高水平创新平台，持续优化创新生态，为全市经济高质量发展提供有力科技支撑。',
      ],
    },
    {
      title: '科技特派员服务乡村振兴取得新进展',
      body: [
        '今年以来，全市选派科技特派员326名，深入农业生产一线开展技术服务，推广新品种新技术98项，建立科技示范基地45个，带动农户增收1.2亿元。',
        '各旗县区结合本地产业特点，组建了马铃薯、奶业、设施蔬菜等12个产业技术服务团，开展技术培训230余场次，培训农民1.5万人次，有效解决了一批生产中的技术难题。',
      ],
    },
  ],
};

export function otherBulletinPdf(): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 80, bottom: 80, left: 72, right: 72 },
    autoFirstPage: false,
    info: { CreationDate: new Date(Date.UTC(2024, 2, 29)) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('serif', SERIF);
  doc.registerFont('sans-bold', SANS_BOLD);
  const width = 595.28 - 144;
  let pageNo = 0;
  // Running head and folio on every page after the cover, drawn when the page is added.
  doc.on('pageAdded', () => {
    pageNo++;
    if (pageNo === 1) return;
    const { x, y } = doc;
    const font = (doc as unknown as { _font: { name: string } })._font;
    const size = (doc as unknown as { _fontSize: number })._fontSize;
    // Drawn in the margins: pdfkit would otherwise start a page for them.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('serif').fontSize(9).text('科技动态　2024年第3期', 72, 40, { width, align: 'center', lineBreak: false });
    doc
      .font('serif')
      .fontSize(10)
      .text(`- ${pageNo} -`, 72, 841.89 - 50, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
    (doc as unknown as { _font: unknown })._font = font;
    doc.fontSize(size);
    doc.x = x;
    doc.y = y;
  });
  doc.addPage();
  doc.font('sans-bold').fontSize(36).fillColor('#cc0000').text('科技动态', { align: 'center' });
  doc.fillColor('#000000').font('serif').fontSize(14).text('2024年第3期（总第27期）', { align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(12).text('某市科学技术局编　　　　　　　　　　　　2024年3月29日', { align: 'left' });
  doc.moveDown(1.5);
  doc.font('sans-bold').fontSize(14).text('目　录', { align: 'center' });
  doc.moveDown(0.5);
  doc.font('serif').fontSize(12);
  OTHER.articles.forEach((a, k) => doc.text(`${a.title}……………………${k + 2}`, { align: 'left' }));
  for (const a of OTHER.articles) {
    doc.addPage();
    doc.font('sans-bold').fontSize(16).text(a.title, { align: 'center' });
    if (a.source) doc.font('serif').fontSize(10.5).text(`来源：${a.source}`, { align: 'center' });
    doc.moveDown(0.8);
    for (const p of a.body) {
      // Two lines from the foot: the next paragraph runs on to the next page.
      if (p === '\f') {
        doc.y = 841.89 - 80 - 50;
        continue;
      }
      if (p.startsWith('## ')) {
        doc.font('sans-bold').fontSize(12).text(p.slice(3), { indent: 24, lineGap: 8 });
        continue;
      }
      const lead = /^\*\*(.+?)\*\*(.*)$/.exec(p);
      if (lead) {
        doc.font('sans-bold').fontSize(12).text(lead[1], { indent: 24, continued: true, lineGap: 8 });
        doc.font('serif').text(lead[2], { lineGap: 8 });
      } else doc.font('serif').fontSize(12).text(p, { indent: 24, lineGap: 8 });
    }
  }
  // The last article runs long enough for its last paragraph to cross a page end.
  doc.font('serif').fontSize(12);
  doc.moveDown(1);
  doc.font('serif').fontSize(12).text('某市科学技术局编印', { align: 'left' });
  doc.text('编辑：王芳　　　电话：0471-6612345');
  doc.text('报：市委办公室、市政府办公室');
  doc.end();
  return done;
}
