// Fetching JSON from the Xinzhi API; an error body {"error":{"code","message"}} becomes an Error.
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const message = body?.error?.message ?? `HTTP ${res.status}`;
    throw new Error(message);
  }
  return body as T;
}

export interface NamedCount { count: number; kind?: string; province?: string; district?: string }

export interface Overview {
  entities: { total: number; distinct_names: number; by_kind: { kind: string; count: number }[] };
  relations: { total: number; by_kind: { kind: string; count: number }[] };
  companies_by_province: { province: string; count: number }[];
  national_companies: number;
  jingjinji: { 北京市: number; 天津市: number; 河北省: number; total: number };
  tianjin_by_district: { district: string; count: number }[];
  sources: { name: string; format: string; sample: boolean; imported_at: string; entities: number; relations: number }[];
  sample: boolean;
}

export interface ChainSummary {
  name: string; origin: string; description: string; home_region: string; sample: boolean;
  segments: number; links: number; firms: number;
}

export interface FirmRow { name: string; province: string; city: string; district: string; zone: string; patents: number; strength: number }

export interface AtlasSegment {
  name: string; stage: string; stage_computed: boolean; parent: string; aliases: string[];
  firms: number; local: number; partner: number; local_share: number; hhi: number; patents: number;
  missing: boolean; weak: boolean; jingjinji: { 北京市: number; 天津市: number; 河北省: number };
  complementarity: string; top_provinces: { province: string; firms: number }[];
}

export interface Atlas {
  chain: ChainSummary;
  region: { label: string; provinces: string[]; city: string; partners: string[] };
  weak_share: number; coverage: number; firms: number; local_firms: number;
  segments: AtlasSegment[];
  links: { from: string; to: string }[];
  gaps: { segment: string; stage: string; status: string; firms: number; local: number; local_share: number; candidates: FirmRow[] }[];
  leaders: { name: string; province: string; score: number; segments: number; supply: number; investment_control: number; patents: number; centrality: number }[];
}

export interface Ecosystem {
  chain: string; region: string; communities: number; modularity: number; isolated_firms: number;
  nodes: { name: string; province: string; zone: string; community: number; degree: number; segments: number; patents: number }[];
  edges: { from: number; to: number; kind: string }[];
}
