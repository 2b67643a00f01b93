// The sixteen mechanisms of MISSION.md, in its order, with whether each page is built.
import { currentLang } from './i18n';

export interface Mechanism {
  id: string;
  zh: string;
  en: string;
  plan_zh: string;
  plan_en: string;
  built: boolean;
  analytics?: boolean;  // false: open to every signed-in role, not only analytics.read
}

export const mechanisms: Mechanism[] = [
  { id: 'chain', zh: '产业链图谱', en: 'Industry-chain atlas', built: true,
    plan_zh: '产业链环节（上中下游）、企业地区分布、缺失与薄弱环节、链主、生态网络', plan_en: 'chain segments (up/mid/downstream), enterprises by region, missing and weak links, chain leaders, ecosystem network' },
  { id: 'chokepoint', zh: '卡脖子技术图谱', en: 'Chokepoint technology map', built: true,
    plan_zh: '供应集中度、外部依赖、结构位置、专利持有、供应冲击模拟', plan_en: 'supplier concentration, outside dependence, structural position, patents, supply-shock simulation' },
  { id: 'foresight', zh: '技术预见热力图', en: 'Technology foresight', built: true,
    plan_zh: '技术领域×时期热力图、Kleinberg 突发检测、新兴领域排名、定期重算对比', plan_en: 'field × period heat map, Kleinberg bursts, emerging fields, scheduled re-runs compared' },
  { id: 'scenario', zh: '场景创新合伙人', en: 'Scenario partners', built: true, analytics: false,
    plan_zh: '场景清单、申报、AHP/熵权、TOPSIS、模糊综合评价、敏感性分析', plan_en: 'scenario lists, applications, AHP / entropy weights, TOPSIS, fuzzy evaluation, sensitivity' },
  { id: 'engineers', zh: '共享工程师平台', en: 'Shared engineers', built: true, analytics: false,
    plan_zh: '工程师库、中小企业需求、容量约束最优指派、派遣记录', plan_en: 'engineer registry, SME requests, capacity-constrained assignment, dispatch records' },
  { id: 'transfer', zh: '国际技术转移管家', en: 'Technology-transfer butler', built: true, analytics: false,
    plan_zh: '海外技术与本地需求中英文匹配、一站式办理清单', plan_en: 'overseas listings matched to local demand (Chinese and English), one-stop checklist' },
  { id: 'tasks', zh: '任务清单制', en: 'National task list', built: true, analytics: false,
    plan_zh: '国家需求清单对接、储备—成熟—申报分级培育', plan_en: 'national demand matched to labs and firms, tiered pipeline with stage gates' },
  { id: 'pilotfund', zh: '中试风险准备金', en: 'Pilot-test risk fund', built: false,
    plan_zh: '中试项目库、损失模型、蒙特卡洛准备金（VaR/TVaR）、分摊与理赔', plan_en: 'pilot projects, loss model, Monte Carlo reserve (VaR/TVaR), cost sharing, claims' },
  { id: 'credit', zh: '科研经费信用制', en: 'Research-fund credit', built: false,
    plan_zh: '信用承诺、审计发现、信用评分与分级监管、防篡改账本', plan_en: 'commitments, audit findings, credit score and tiered supervision, tamper-evident ledger' },
  { id: 'points', zh: '青年创新积分', en: 'Youth innovation points', built: false,
    plan_zh: '积分规则、积分账本、排名', plan_en: 'point rules, ledger, rankings' },
  { id: 'certification', zh: '产业工程师认证', en: 'Engineer certification', built: false,
    plan_zh: '认证登记与跟踪、驻企研修、双导师', plan_en: 'certification registry and tracking, residencies, dual mentors' },
  { id: 'results', zh: '实验室成果出口', en: 'Lab results channel', built: false,
    plan_zh: '成果登记、专利—谈判—产业化接力服务', plan_en: 'result registry with a patenting → negotiation → industrialisation relay' },
  { id: 'ipvalue', zh: '知识产权评估', en: 'IP valuation', built: false,
    plan_zh: '标准化指标评分、收益法估值、证券化现金流分层', plan_en: 'standard indicator scoring, income-approach valuation, securitisation tranching' },
  { id: 'sandbox', zh: '政策沙盒', en: 'Policy sandbox', built: false,
    plan_zh: '探索—评估—优化—推广、风险边界与容错备案、效果评估', plan_en: 'explore → evaluate → optimise → promote, risk boundaries and exemptions, effect evaluation' },
  { id: 'riskwatch', zh: '风险评估预警', en: 'Risk early warning', built: false,
    plan_zh: '活动分类、风险指标与阈值、异常检测与预警', plan_en: 'activity classes, risk indicators and thresholds, anomaly detection, alerts' },
  { id: 'index', zh: '新质生产力指数', en: 'NQPF index', built: false,
    plan_zh: '指标体系、熵权 TOPSIS 跨地区跨年度评价', plan_en: 'indicator system, entropy-weighted TOPSIS across regions and years' },
];

export function mechanismName(m: Mechanism): string {
  return currentLang() === 'zh' ? m.zh : m.en;
}
export function mechanismPlan(m: Mechanism): string {
  return currentLang() === 'zh' ? m.plan_zh : m.plan_en;
}
