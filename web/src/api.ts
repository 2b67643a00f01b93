// Fetching JSON from the Xinzhi API with the session cookie; an error body
// {"error":{"code","message","key","params"}} becomes an Error in the user's language, a 401
// a SignInNeeded. Writes carry the session's CSRF token (the browser adds the Origin header).
import { localizeError, shortProvince } from './i18n';

export interface Me {
  id: number; username: string; display_name: string; role: string; role_zh: string; token_role?: string;
  org: { id: number; name: string; kind: string };
  permissions: string[];
  csrf_token?: string;
}

export class SignInNeeded extends Error {}
// An API refusal or failure with its HTTP status, so that a page can tell "not allowed" (403)
// from "broken".
export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly key?: string) {
    super(message);
  }
}

let me: Me | null = null;

export function currentUser(): Me | null {
  return me;
}
export function can(permission: string): boolean {
  return !!me && me.permissions.includes(permission);
}

async function request<T>(method: string, path: string, body?: unknown, raw?: { bytes: ArrayBuffer; type: string }): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (raw) headers['Content-Type'] = raw.type;
  if (method !== 'GET' && me?.csrf_token) headers['X-CSRF-Token'] = me.csrf_token;
  const payload = raw ? raw.bytes : body === undefined ? (method === 'GET' ? undefined : '') : JSON.stringify(body);
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const parsed = await res.json().catch(() => null);
  if (!res.ok) {
    const message = localizeError(parsed?.error) ?? `HTTP ${res.status}`;
    if (res.status === 401) {
      me = null;
      throw new SignInNeeded(message);
    }
    throw new ApiError(message, res.status, parsed?.error?.key);
  }
  return parsed as T;
}

export function getJson<T>(path: string): Promise<T> {
  return request<T>('GET', path);
}
export function sendJson<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, body);
}
// A file's bytes as the body of a POST (an uploaded workbook), answered with JSON.
export function sendFile<T>(path: string, file: File): Promise<T> {
  return file.arrayBuffer().then((bytes) => request<T>('POST', path, undefined, { bytes, type: file.type || 'application/octet-stream' }));
}

// The signed-in account, or null when there is no valid session.
// The deployment's home region, read once per page load (it changes rarely, by an admin).
let home: Promise<HomeRegion> | null = null;
export function homeRegion(): Promise<HomeRegion> {
  home ??= getJson<HomeRegion>('/api/settings/region').catch(() => {
    home = null;
    return { focal: '', group: '', provinces: [], partners: [] };
  });
  return home;
}
// The gazetteer's places a region field offers (GET /api/regions/places): groups, every province
// and city, the home group's districts, each with the label the server reads back.
export interface PlaceLabel { label: string; province: string; city: string; district: string }
let places: Promise<{ groups: string[]; places: PlaceLabel[] }> | null = null;
// Regions to suggest in a region field: the home group's provinces and the group itself first;
// with `gazetteer`, then every group, province, city and home-group district to pick from
// ('city': down to cities only, for data that knows no districts, such as patents).
export async function regionSuggestions(extra: string[], gazetteer: boolean | 'city' = false): Promise<string[]> {
  const h = await homeRegion();
  const mine = [...h.provinces.map(shortProvince), h.group].filter((r) => r);
  const out = [...mine, ...extra.filter((r) => !mine.includes(r))];
  if (!gazetteer) return out;
  // A failed answer is not kept: the next page asks again instead of failing until a reload.
  places ??= getJson<{ groups: string[]; places: PlaceLabel[] }>('/api/regions/places').catch((e) => {
    places = null;
    throw e;
  });
  const all = await places;
  // Provinces by their short names, as people write them (天津, not 天津市).
  const shown = gazetteer === 'city' ? all.places.filter((p) => !p.district) : all.places;
  const labels = [...all.groups, ...shown.map((p) => (p.city ? p.label : shortProvince(p.label)))];
  return [...out, ...labels.filter((l) => !out.includes(l))];
}

export async function loadMe(): Promise<Me | null> {
  try {
    me = await getJson<Me>('/api/auth/me');
  } catch (e) {
    if (!(e instanceof SignInNeeded)) throw e;
    me = null;
  }
  return me;
}
export async function signIn(username: string, password: string): Promise<Me> {
  me = await sendJson<Me>('POST', '/api/auth/login', { username, password });
  return me;
}
export async function signOut(): Promise<void> {
  try {
    await sendJson('POST', '/api/auth/logout');
  } finally {
    me = null;
  }
}

export interface Organisation {
  id: number; name: string; kind: string; kind_zh: string; region: string; credit_code: string; contact: string;
  description: string; created_at: string; members: number;
}
export interface Account {
  id: number; username: string; display_name: string; role: string; role_zh: string; org_id: number; org: string;
  disabled: boolean; locked_until: number; created_at: string; password_changed_at: string;
}
export interface AuditEntry {
  seq: number; at: string; actor: string; org: string; via: string; action: string; target_kind: string; target_id: string;
  before_digest: string; after_digest: string; detail: string; hash: string;
}

// The deployment's home region (xinzhi settings region): the focal province and its partner group.
export interface HomeRegion { focal: string; group: string; provinces: string[]; partners: string[] }

export interface NamedCount { count: number; kind?: string; province?: string; district?: string }

export interface Overview {
  entities: { total: number; distinct_names: number; by_kind: { kind: string; count: number }[] };
  relations: { total: number; by_kind: { kind: string; count: number }[] };
  companies_by_province: { province: string; count: number }[];
  national_companies: number;
  home: HomeRegion;
  group_companies: Record<string, number> & { total: number };
  focal_by_district: { district: string; count: number }[];
  sources: { name: string; format: string; sample: boolean; imported_at: string; entities: number; relations: number }[];
  sample: boolean;
}

export interface ChainSummary {
  name: string; origin: string; description: string; home_region: string; sample: boolean; created_at: string;
  segments: number; links: number; firms: number;
}

export interface FirmRow { name: string; province: string; city: string; district: string; zone: string; patents: number; strength: number }

export interface AtlasSegment {
  name: string; stage: string; stage_computed: boolean; parent: string; aliases: string[];
  firms: number; local: number; partner: number; unplaced: number; local_share: number | null; hhi: number; patents: number;
  missing: boolean; unsettled: boolean; weak: boolean; group_counts: Record<string, number>;
  weak_because: ('one_local_firm' | 'share_below_threshold')[];
  complementarity: string; top_provinces: { province: string; firms: number }[];
}

export interface Atlas {
  chain: ChainSummary;
  region: { label: string; provinces: string[]; city: string; district: string; partners: string[] };
  home: HomeRegion;
  weak_share: number; as_of: string; coverage: number; firms: number; local_firms: number; unplaced_firms: number;
  segments: AtlasSegment[];
  links: { from: string; to: string }[];
  gaps: { segment: string; stage: string; status: string; firms: number; local: number; unplaced: number; local_share: number | null;
    weak_because: AtlasSegment['weak_because']; candidates: FirmRow[] }[];
  leaders: { name: string; province: string; score: number; segments: number; supply: number; investment_control: number; patents: number; centrality: number }[];
}

export interface Ecosystem {
  chain: string; region: string; communities: number; modularity: number; isolated_firms: number;
  nodes: { name: string; province: string; zone: string; community: number; degree: number; segments: number; patents: number }[];
  edges: { from: number; to: number; kind: string }[];
}
