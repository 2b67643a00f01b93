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
