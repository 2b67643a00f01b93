// Interface strings, Simplified Chinese first; the English switch is remembered per browser.
export type Lang = 'zh' | 'en';

const strings = {
  brand: { zh: '新质生产力平台', en: 'New quality productive forces' },
  overview: { zh: '总览', en: 'Overview' },
  mechanisms: { zh: '机制', en: 'Mechanisms' },
  entities: { zh: '实体', en: 'Entities' },
  relations: { zh: '关系', en: 'Relations' },
  companies: { zh: '企业', en: 'Companies' },
  jingjinji: { zh: '京津冀企业', en: 'Jing-Jin-Ji companies' },
  companiesByRegion: { zh: '企业地区分布（按名称推断省份）', en: 'Companies by region (province inferred from the name)' },
  jjjTitle: { zh: '京津冀', en: 'Beijing · Tianjin · Hebei' },
  tianjinDistricts: { zh: '天津各区企业', en: 'Tianjin companies by district' },
  byKind: { zh: '实体类型', en: 'Entity kinds' },
  relationKinds: { zh: '关系类型', en: 'Relation kinds' },
  sources: { zh: '数据来源', en: 'Data sources' },
  source: { zh: '来源', en: 'Source' },
  format: { zh: '格式', en: 'Format' },
  importedAt: { zh: '导入时间', en: 'Imported' },
  unknownRegion: { zh: '地区未知', en: 'Region unknown' },
  national: { zh: '全国性机构', en: 'National bodies' },
  unknownDistrict: { zh: '区未知', en: 'District unknown' },
  sampleBanner: {
    zh: '示例数据：当前显示的是虚构的示例地区，仅用于演示。导入真实数据：xinzhi import ickg ../shared/data/ickg/ICKG25',
    en: 'Sample data (示例数据): an invented region for demonstration. Load real data: xinzhi import ickg ../shared/data/ickg/ICKG25',
  },
  mixedBanner: {
    zh: '注意：数据中既有导入的真实数据，也有示例数据（示例数据），统计数字包含两者。删除示例数据：xinzhi demo remove',
    en: 'Note: the database holds imported data and the sample region (示例数据); the counts include both. Remove the sample: xinzhi demo remove',
  },
  emptyBanner: { zh: '数据库为空。运行 xinzhi demo seed 或导入数据。', en: 'The database is empty. Run xinzhi demo seed or import data.' },
  notBuilt: { zh: '尚未构建', en: 'Not built yet' },
  notBuiltText: {
    zh: '此模块尚未实现。本页不显示任何数据，以免误导。计划功能：',
    en: 'This module is not implemented yet. This page shows no data so as not to mislead. Planned:',
  },
  loadFailed: { zh: '加载失败', en: 'Failed to load' },
  kind_company: { zh: '企业', en: 'company' },
  kind_industry: { zh: '产业/行业', en: 'industry' },
  kind_patent: { zh: '专利', en: 'patent' },
  kind_other: { zh: '其他（产品等）', en: 'other (products …)' },
  yes: { zh: '是', en: 'yes' },
  chain: { zh: '产业链', en: 'Chain' },
  region: { zh: '地区', en: 'Region' },
  weakShare: { zh: '薄弱阈值（本地占比）', en: 'Weak below local share' },
  show: { zh: '查看', en: 'Show' },
  coverage: { zh: '本地覆盖率', en: 'Local coverage' },
  localFirms: { zh: '本地企业', en: 'Local firms' },
  gaps: { zh: '缺失与薄弱环节', en: 'Missing and weak links' },
  gapCount: { zh: '缺失/薄弱环节', en: 'Missing / weak' },
  chainMap: { zh: '产业链环节（从上游到下游，颜色表示本地覆盖）', en: 'Segments, upstream to downstream (colour: local coverage)' },
  linkGraph: { zh: '环节关系图', en: 'Segment links' },
  upstream: { zh: '上游', en: 'Upstream' },
  midstream: { zh: '中游', en: 'Midstream' },
  downstream: { zh: '下游', en: 'Downstream' },
  noStage: { zh: '未定阶段', en: 'No stage' },
  missing: { zh: '缺失', en: 'missing' },
  weak: { zh: '薄弱', en: 'weak' },
  covered: { zh: '已覆盖', en: 'covered' },
  segment: { zh: '环节', en: 'Segment' },
  firmsCol: { zh: '企业数', en: 'Firms' },
  localCol: { zh: '本地', en: 'Local' },
  shareCol: { zh: '本地占比', en: 'Local share' },
  hhiCol: { zh: '集中度 HHI', en: 'HHI' },
  patentsCol: { zh: '专利', en: 'Patents' },
  statusCol: { zh: '状态', en: 'Status' },
  candidatesCol: { zh: '候选企业（京冀优先，再按实力）', en: 'Candidates (partners first, then strength)' },
  leaders: { zh: '链主候选', en: 'Chain-leader candidates' },
  score: { zh: '得分', en: 'Score' },
  supplyCol: { zh: '供给', en: 'Supply' },
  investCol: { zh: '投资/控制', en: 'Invest/control' },
  centralityCol: { zh: '中心度', en: 'Centrality' },
  segmentsCol: { zh: '覆盖环节', en: 'Segments' },
  jjj: { zh: '京津冀互补', en: 'Jing-Jin-Ji complementarity' },
  comp_tianjin_leads: { zh: '天津领先', en: 'Tianjin leads' },
  comp_tianjin_present: { zh: '天津有基础、京冀更强', en: 'Tianjin present, partners stronger' },
  comp_partners_fill: { zh: '天津缺、京冀可补', en: 'Tianjin lacks, partners can fill' },
  comp_all_missing: { zh: '三地皆缺', en: 'Missing in all three' },
  segmentFirms: { zh: '环节企业', en: 'Firms of the segment' },
  clickSegment: { zh: '点击环节查看其企业。', en: 'Click a segment to see its firms.' },
  zone_local: { zh: '本地', en: 'local' },
  zone_partner: { zh: '京津冀伙伴', en: 'partner' },
  zone_elsewhere: { zh: '外地', en: 'elsewhere' },
  firm: { zh: '企业', en: 'Firm' },
  zone: { zh: '位置', en: 'Zone' },
  noChains: { zh: '还没有产业链。运行 xinzhi chain import 或 xinzhi chain derive。', en: 'No chains yet. Run xinzhi chain import or xinzhi chain derive.' },
  computedStage: { zh: '（阶段由链接推算）', en: ' (stage computed from links)' },
  aliases: { zh: '别名', en: 'aliases' },
  ecosystem: { zh: '产业生态地图（企业间供给、合作、投资、控股关系，按社区着色）', en: 'Ecosystem map (supply, cooperation, investment, control; colour: community)' },
  ecosystemSummary: { zh: '家企业有关联，{edges} 条关系，{communities} 个社区（模块度 {q}）；{isolated} 家无关联企业未显示。', en: ' firms with ties, {edges} ties, {communities} communities (modularity {q}); {isolated} firms without ties not shown.' },
  ecosystemTop: { zh: '图中显示关联最多的 {n} 家企业；GEXF 文件包含全部。', en: 'The map shows the {n} best-connected firms; the GEXF file has them all.' },
  downloadXlsx: { zh: '导出 Excel', en: 'Export Excel' },
  downloadGexf: { zh: '下载 GEXF（Gephi）', en: 'Download GEXF (Gephi)' },
  sample: { zh: '示例', en: 'sample' },
} as const;

export type Key = keyof typeof strings;

let lang: Lang = (localStorage.getItem('xinzhi.lang') as Lang) === 'en' ? 'en' : 'zh';

export function t(key: Key): string {
  return strings[key][lang];
}
export function currentLang(): Lang {
  return lang;
}
export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem('xinzhi.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}
