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
